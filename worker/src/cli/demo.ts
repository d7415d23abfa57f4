import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { env, parseConfig } from '../config';
import { createLogger, type Logger } from '../logger';
import { basicCredentials } from '../ops/ops-auth';
import { DASHBOARD_PATH, METRICS_PATH, type OpsServer } from '../ops/ops-server';
import { serveOps } from '../ops/serve-ops';
import { STATUS_PATH } from '../ops/status-page';
import { projectRoot } from '../paths';
import { startIngestHost, type IngestHost } from '../queues/ingest-host';
import { soql } from '../salesforce/soql';
import { connectRedis } from '../state/redis';
import { orgKeyPattern } from '../state/redis-keys';
import { parseCommandArgs } from './args';

export const DEMO_HELP = `Usage: orgwarden demo [--data DIR] [--once]

Starts a simulated Salesforce org (default: the bundled Acme org with a planted password-guessing
attack), the worker with its queue on the local Redis, and waits for the first logins poll.
Then prints the alerts as Warden_Alert__c records read back from the org, the URL and token to
explore the simulated org with jsforce or the sf CLI, and the dashboard (Bull Board) and metrics
URLs with the password generated for this run. Keeps polling until Ctrl-C (--once: stop after
the first poll).
`;

const DEMO_USER = 'demo';

const DEMO_QUEUE = 'orgwarden-demo';

interface AlertRow {
  Name: string;
  Severity__c: string;
  Policy_Id__c: string;
  Username__c: string | null;
  Event_Count__c: number;
  First_Occurrence__c: string;
  Alert_Key__c: string;
}

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { data: { type: 'string' }, once: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, DEMO_HELP);
  if (values.help) {
    process.stdout.write(DEMO_HELP);
    return 0;
  }
  const dataDir = values.data ?? join(projectRoot(), 'test', 'fixtures', 'acme');
  const log = createLogger({ level: env.logLevel() === 'info' ? 'warn' : env.logLevel() });
  // The dashboard on this machine only, behind a password made for this run (printed below).
  const ops = { bind: '127.0.0.1', port: 0, basicAuth: { username: DEMO_USER, passwordEnv: 'ORGWARDEN_DEMO_PASSWORD' } };
  const config = parseConfig({ orgs: [{ name: 'demo', target: `sim:${dataDir}` }], ops });
  const password = randomBytes(12).toString('base64url');
  const url = env.redisUrl() ?? config.redis.url;
  const producer = await connectRedis(url, 'producer');
  const workerConnection = await connectRedis(url, 'worker');
  await forgetPreviousDemo(producer, config.redis.keyPrefix, dataDir);
  const host = await startIngestHost({ config, producer, workerConnection, log, queueName: DEMO_QUEUE, fresh: true });
  let dashboard: OpsServer | undefined;
  try {
    out('OrgWarden demo: simulated org + worker, first logins poll running …');
    dashboard = await serveOps(config, basicCredentials(DEMO_USER, password), host, producer, log);
    await firstPoll(host);
    await report(host, log);
    out(`\nDashboard (Bull Board): ${dashboard.url}${DASHBOARD_PATH}   metrics: ${dashboard.url}${METRICS_PATH}`);
    out(`  user ${DEMO_USER}, password ${password} (made for this run)`);
    out(`Status component preview (same user and password): ${dashboard.url}${STATUS_PATH}`);
    if (!values.once) {
      out('\nThe worker keeps polling every 15 minutes. Ctrl-C stops it.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
    }
  } finally {
    await dashboard?.close();
    await host.queue.obliterate({ force: true }).catch(() => undefined);
    await host.close();
    await workerConnection.quit();
    await producer.quit();
  }
  return 0;
}

/** The simulated org starts fresh each run: drop the cursors and detection state a previous demo left. */
async function forgetPreviousDemo(redis: Redis, prefix: string, dataDir: string): Promise<void> {
  const orgId = (JSON.parse(readFileSync(join(dataDir, 'org.json'), 'utf8')) as { organizationId: string }).organizationId.slice(0, 15);
  const keys = await redis.keys(orgKeyPattern(prefix, orgId));
  if (keys.length) await redis.del(...keys);
}

/** The first logins poll (the other streams' first jobs run alongside it). */
function firstPoll(host: IngestHost): Promise<void> {
  return new Promise((resolve, reject) => {
    host.worker.on('completed', (job) => {
      if (job.data.stream === 'logins') resolve();
    });
    host.worker.once('failed', (_job, err) => reject(err));
  });
}

async function report(host: IngestHost, log: Logger): Promise<void> {
  const { connected } = await host.runtimes.get('demo');
  const rows: AlertRow[] = [];
  const query = soql`SELECT Name, Severity__c, Policy_Id__c, Username__c, Event_Count__c, First_Occurrence__c, Alert_Key__c FROM Warden_Alert__c ORDER BY First_Occurrence__c ASC`;
  for await (const page of connected.client.queryPages<AlertRow>(query, { priority: 'ingest' })) rows.push(...page);
  log.debug({ alerts: rows.length }, 'alerts read back');
  out(`\nWarden_Alert__c records in the org (${rows.length}):`);
  for (const row of rows) out(`  ${row.Severity__c.padEnd(7)}${row.Policy_Id__c.padEnd(16)}${row.First_Occurrence__c}  ${row.Name}`);
  const sim = connected.simulator;
  if (sim) {
    // A token of the throw-away simulated org, for exploring it; never a real org's credential.
    const token = sim.issueAccessToken();
    out(`\nSimulated org (Salesforce REST API): ${sim.url}`);
    out(`  access token for this simulator: ${token}`);
    out(`  curl -s -H "Authorization: Bearer ${token}" "${sim.url}/services/data/v62.0/query?q=SELECT+Name,Severity__c+FROM+Warden_Alert__c"`);
  }
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}
