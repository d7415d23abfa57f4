/**
 * The dashboard (Bull Board over the worker's queues), the Prometheus metrics and the status
 * preview (/status) of one worker process, behind the given credentials. Used by `orgwarden run` and the demo.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { boardAdapters } from '../queues/board-adapters';
import type { IngestHost } from '../queues/ingest-host';
import { probeOf } from '../queues/queue-depths';
import { createMetricsRegistry } from './metrics';
import type { OpsCredentials } from './ops-auth';
import { DASHBOARD_PATH, METRICS_PATH, startOpsServer, type OpsServer } from './ops-server';
import { STATUS_PATH } from './status-page';
import { StatusStore } from './status-store';

export async function serveOps(config: Readonly<Config>, credentials: OpsCredentials, host: IngestHost, redis: Redis, log: Logger): Promise<OpsServer> {
  const queues = [host.queue];
  const store = new StatusStore(redis, config.redis.keyPrefix);
  const metrics = createMetricsRegistry({ config, redis, store, queues: queues.map(probeOf), worker: host.status.worker, log });
  // Without a credential (loopback opt-in) the dashboard shows but cannot retry, clean or remove jobs.
  const status = { orgs: config.orgs.map((org) => org.name), clientFor: async (org: string) => (await host.runtimes.get(org)).connected.client };
  const server = await startOpsServer(config.ops!, { credentials, board: boardAdapters(queues, credentials.anonymous), metrics, status, log: log.child({ component: 'ops' }) });
  const where = { dashboard: `${server.url}${DASHBOARD_PATH}`, metrics: `${server.url}${METRICS_PATH}`, status: `${server.url}${STATUS_PATH}` };
  if (credentials.anonymous) log.warn(where, 'dashboard and metrics served WITHOUT credentials (ops.allowAnonymousOnLoopback): this machine only, dashboard read-only');
  else log.info(where, 'dashboard and metrics served');
  return server;
}
