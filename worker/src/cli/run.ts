import { env, loadConfigFile } from '../config';
import { OrgWardenError } from '../errors';
import { createLogger } from '../logger';
import { startIngestHost } from '../queues/ingest-host';
import { connectRedis } from '../state/redis';
import { parseCommandArgs } from './args';

export const RUN_HELP = `Usage: orgwarden run --config FILE

The long-running worker: for every org in the config, schedules each stream (logins every
15 minutes; first poll backfills 7 days), runs the jobs with retries and backoff, keeps
cursors and detection state in Redis, writes alerts back. Start more processes (here or on
other machines, same Redis) to scale. Stops cleanly on SIGINT/SIGTERM.
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
  const log = createLogger({ level: env.logLevel() });
  const url = env.redisUrl() ?? config.redis.url;
  const producer = await connectRedis(url, 'producer');
  const workerConnection = await connectRedis(url, 'worker');
  const host = await startIngestHost({ config, producer, workerConnection, log });
  log.info({ orgs: config.orgs.map((o) => o.name) }, 'worker running');
  await waitForSignal();
  log.info('shutting down: finishing jobs in flight');
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
