/**
 * The ingest queue and its worker for `orgwarden run` (and the demo): schedulers upserted at
 * boot, `error` listeners everywhere, and a shutdown that finishes jobs in flight, then closes
 * the worker, the queue and Redis, in that order.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, OrgConfig } from '../config';
import type { Target } from '../salesforce/targets';
import type { Logger } from '../logger';
import { DEFAULT_HEARTBEAT_MS, StatusReporter } from '../ops/status-reporter';
import { StatusStore } from '../ops/status-store';
import { OrgRuntimes } from '../pipeline/org-runtime';
import { STREAMS } from '../streams/registry';
import { createIngestProcessor, type IngestOutcome } from './ingest.processor';
import { INGEST_QUEUE, type IngestJobData } from './names';
import { queueDepths } from './queue-depths';
import { upsertStreamSchedules } from './schedules';

export interface IngestHost {
  queue: Queue<IngestJobData>;
  worker: Worker<IngestJobData, IngestOutcome>;
  runtimes: OrgRuntimes;
  /** Stream status and worker heartbeat (Warden_Status__c, metrics). */
  status: StatusReporter;
  close(): Promise<void>;
}

export interface IngestHostOptions {
  config: Readonly<Config>;
  /** Fail-fast connection for the queue (producer) and commands. */
  producer: Redis;
  /** Blocking connection for the worker (`maxRetriesPerRequest: null`). */
  workerConnection: Redis;
  log: Logger;
  queueName?: string;
  concurrency?: number;
  resolveTarget?: (org: OrgConfig) => Target;
  /** Drop every job and scheduler of the queue first (the demo starts from a clean slate). */
  fresh?: boolean;
  /** Worker heartbeat interval (default: the fastest stream's poll interval). */
  heartbeatMs?: number;
}

export async function startIngestHost(options: IngestHostOptions): Promise<IngestHost> {
  const { config, log } = options;
  const name = options.queueName ?? INGEST_QUEUE;
  const prefix = config.redis.keyPrefix;
  const queue = new Queue<IngestJobData>(name, { connection: options.producer, prefix });
  queue.on('error', (err) => log.error({ err, queue: name }, 'queue error'));
  if (options.fresh) await queue.obliterate({ force: true });
  for (const org of config.orgs) {
    await upsertStreamSchedules(queue, org.name, STREAMS.map((stream) => ({ stream: stream.name, everyMinutes: stream.pollIntervalMinutes })));
  }
  const runtimes = new OrgRuntimes(config, options.producer, log, options.resolveTarget);
  const status = new StatusReporter({
    store: new StatusStore(options.producer, prefix),
    log: log.child({ component: 'status' }),
    heartbeat: {
      everyMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      orgs: config.orgs.map((org) => org.name),
      clientFor: async (org) => (await runtimes.get(org)).connected.client,
      queueDepths: () => queueDepths(queue),
    },
  });
  status.startHeartbeat();
  const worker = new Worker<IngestJobData, IngestOutcome>(name, createIngestProcessor(runtimes, options.producer, log, status), {
    connection: options.workerConnection,
    prefix,
    concurrency: options.concurrency ?? 2,
  });
  worker.on('error', (err) => log.error({ err, queue: name }, 'worker error'));
  worker.on('failed', (job, err) => log.warn({ err, jobId: job?.id, data: job?.data, attempts: job?.attemptsMade }, 'ingest job failed'));
  worker.on('completed', (job, outcome) => log.info({ jobId: job.id, data: job.data, outcome }, 'ingest job done'));
  return {
    queue,
    worker,
    runtimes,
    status,
    async close() {
      await worker.close();
      // After the last job, before the connections go: final records say this worker stopped cleanly.
      await status.close();
      await queue.close();
      await runtimes.closeAll();
    },
  };
}
