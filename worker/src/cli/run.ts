import { env, loadConfigFile } from '../config';
import { OrgWardenError } from '../errors';
import { createLogger } from '../logger';
import { resolveCredentials } from '../ops/ops-auth';
import type { OpsServer } from '../ops/ops-server';
import { serveOps } from '../ops/serve-ops';
import { startIngestHost } from '../queues/ingest-host';
import { connectRedis } from '../state/redis';
import { parseCommandArgs } from './args';

export const RUN_HELP = `Usage: orgwarden run --config FILE

The long-running worker: for every org in the config, schedules each stream (logins every
15 minutes; first poll backfills 7 days), runs the jobs with retries and backoff, keeps
cursors and detection state in Redis, writes alerts back. Start more processes (here or on
other machines, same Redis) to scale. Stops cleanly on SIGINT/SIGTERM.

With an "ops" section in the config, it also serves the Bull Board dashboard (/queues) and
Prometheus metrics (/metrics), both behind a bearer token or basic-auth credentials read from
the environment variables the config names (README "Operations").
`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, RUN_HELP);
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  if (!values.config) throw new OrgWardenError('USAGE', 'run needs --config FILE listing the orgs to watch', { actions: ['see README "Configuration"'] });
  const config = loadConfigFile(values.config);
  if (config.orgs.length === 0) throw new OrgWardenError('CONFIG_INVALID', `${values.config} lists no orgs`, { actions: ['add an entry under "orgs"'] });
  // Before anything starts: a dashboard without its credentials is a start-up error.
  const credentials = config.ops && resolveCredentials(config.ops);
  const log = createLogger({ level: env.logLevel() });
  const url = env.redisUrl() ?? config.redis.url;
  const producer = await connectRedis(url, 'producer');
  const workerConnection = await connectRedis(url, 'worker');
  const host = await startIngestHost({ config, producer, workerConnection, log });
  let ops: OpsServer | undefined;
  try {
    ops = credentials ? await serveOps(config, credentials, host, producer, log) : undefined;
  } catch (err) {
    await host.close();
    await workerConnection.quit();
    await producer.quit();
    throw err;
  }
  if (!ops) log.info('dashboard and metrics are off: add an "ops" section to the config to serve them');
  log.info({ orgs: config.orgs.map((o) => o.name) }, 'worker running');
  await waitForSignal();
  log.info('shutting down: finishing jobs in flight');
  await ops?.close();
  await host.close();
  await workerConnection.quit();
  await producer.quit();
  return 0;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
