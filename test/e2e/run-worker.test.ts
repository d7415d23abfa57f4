/**
 * The long-running worker on real Redis and BullMQ: the job scheduler's first logins job
 * backfills and writes the alert back, its cursor is kept, the next job reads nothing twice,
 * and `orgwarden run` stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { parseConfig } from '../../worker/src/config';
import { silentLogger } from '../../worker/src/logger';
import { startIngestHost, type IngestHost } from '../../worker/src/queues/ingest-host';
import type { IngestOutcome } from '../../worker/src/queues/ingest.processor';
import { connectRedis } from '../../worker/src/state/redis';
import { ACME, ROOT } from '../helpers/cli';

// A key prefix of its own: the test never touches a real deployment's queues or state on this Redis.
const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const ORG_KEY_PREFIX = `${KEY_PREFIX}:{00D8d000004AcMe}:`;
const redisConfig = { url: 'redis://127.0.0.1:6379', keyPrefix: KEY_PREFIX };
let producer: Redis;
let workerConnection: Redis;
let host: IngestHost;
let cli: ChildProcess | undefined;

async function forgetOrgState(): Promise<void> {
  const keys = await producer.keys(`${KEY_PREFIX}*`);
  if (keys.length) await producer.del(...keys);
}

/** The next completed logins job (the other streams' jobs run alongside). */
function nextOutcome(h: IngestHost): Promise<IngestOutcome> {
  return new Promise((resolve, reject) => {
    const done = (job: { data: { stream: string } }, outcome: IngestOutcome) => {
      if (job.data.stream !== 'logins') return;
      h.worker.off('completed', done);
      resolve(outcome);
    };
    h.worker.on('completed', done);
    h.worker.once('failed', (_job, err) => reject(err));
  });
}

beforeAll(async () => {
  producer = await connectRedis('redis://127.0.0.1:6379', 'producer');
  workerConnection = await connectRedis('redis://127.0.0.1:6379', 'worker');
  await forgetOrgState();
});

afterAll(async () => {
  if (cli && cli.exitCode === null) cli.kill('SIGKILL');
  await host?.queue.obliterate({ force: true });
  await host?.close();
  await forgetOrgState();
  await workerConnection.quit();
  await producer.quit();
});

it('runs the scheduled logins job, keeps its cursor, and never reads a row twice', async () => {
  const config = parseConfig({ orgs: [{ name: 'acme', target: `sim:${ACME}` }], redis: redisConfig });
  host = await startIngestHost({ config, producer, workerConnection, log: silentLogger() });
  const first = await nextOutcome(host);
  expect(first.alerts).toBe(1);

  const schedulers = await host.queue.getJobSchedulers();
  expect(schedulers).toEqual(expect.arrayContaining([
    expect.objectContaining({ key: 'acme:logins', every: 15 * 60_000 }),
    expect.objectContaining({ key: 'acme:audit', every: 15 * 60_000 }),
    expect.objectContaining({ key: 'acme:oauth', every: 60 * 60_000 }),
    expect.objectContaining({ key: 'acme:files', every: 60 * 60_000 }),
    expect.objectContaining({ key: 'acme:users', every: 60 * 60_000 }),
    expect.objectContaining({ key: 'acme:realtime', every: 5 * 60_000 }),
  ]));
  expect(await producer.get(`${ORG_KEY_PREFIX}cursor:logins:LoginHistory`)).toContain('"timeMs"');

  // The next poll starts from the cursor (minus the overlap) and reads nothing twice. A minute later
  // it has the worker's own sign-in too (Salesforce records the integration's OAuth login like any
  // other): 77 rows of the fixture's window + 1, whichever poll saw the clock pass 18:00:01 first.
  const { connected: acme } = await host.runtimes.get('acme');
  await fetch(`${acme.simulator!.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 60_000 }) });
  const again = nextOutcome(host);
  await host.queue.add('logins', { org: 'acme', stream: 'logins' });
  const second = await again;
  expect(second.alerts).toBe(0);
  expect((first.records ?? 0) + (second.records ?? 0)).toBe(78);

  const { connected } = await host.runtimes.get('acme');
  const pages = connected.client.queryPages<{ Alert_Key__c: string }>('SELECT Alert_Key__c FROM Warden_Alert__c', { priority: 'ingest' });
  const alerts = [];
  for await (const page of pages) alerts.push(...page);
  expect(alerts).toHaveLength(1);
});

it('orgwarden run works until SIGTERM, then finishes and exits 0', async () => {
  await forgetOrgState();
  const dir = mkdtempSync(join(tmpdir(), 'ow-run-'));
  const configFile = join(dir, 'orgwarden.json');
  // A prefix of its own, so the in-process worker of the test above cannot take this job.
  writeFileSync(configFile, JSON.stringify({ orgs: [{ name: 'acme', target: `sim:${ACME}` }], redis: { ...redisConfig, keyPrefix: `${KEY_PREFIX}-cli` } }));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'orgwarden.js'), 'run', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, ORGWARDEN_LOG_LEVEL: 'info' },
  });
  cli = child;
  let log = '';
  const jobDone = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('"msg":"ingest job done"')) resolve();
    });
  });
  await jobDone;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(log).toContain('"msg":"shutting down: finishing jobs in flight"');
  expect(log).not.toMatch(/00D8d000004AcMe![\w.]+/);
}, 60_000);
