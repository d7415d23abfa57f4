/**
 * Several orgs in one deployment (config `orgs`): one worker schedules every stream of every org
 * at DESIGN §3.2's intervals, keeps each org's cursors, alerts and status apart, and writes each
 * org's Warden_Status__c records into that org.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { parseConfig } from '../../worker/src/config';
import { silentLogger } from '../../worker/src/logger';
import { startIngestHost, type IngestHost } from '../../worker/src/queues/ingest-host';
import type { IngestJobData } from '../../worker/src/queues/names';
import { to18 } from '../../worker/src/sim/ids';
import { connectRedis } from '../../worker/src/state/redis';
import { STREAMS } from '../../worker/src/streams/registry';
import { ACME } from '../helpers/cli';

/** DESIGN §3.2 "Default schedule", in minutes. */
const DESIGN_INTERVALS: Record<string, number> = { logins: 15, audit: 15, eventlogs: 60, oauth: 60, files: 60, users: 60, realtime: 5 };
const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const ORG_IDS = { acme: '00D8d000004AcMe', beta: '00D8d000004BeTa' };

let producer: Redis;
let workerConnection: Redis;
let host: IngestHost;
let betaDir: string;

/** A second org: the Acme fixture under another organization id. */
function betaFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-beta-'));
  cpSync(ACME, dir, { recursive: true });
  const org = JSON.parse(readFileSync(join(dir, 'org.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'org.json'), JSON.stringify({ ...org, organizationId: to18(ORG_IDS.beta) }));
  return dir;
}

/** Resolves when the logins job of every named org has completed. */
function loginsDone(h: IngestHost, orgs: string[]): Promise<void> {
  const waiting = new Set(orgs);
  return new Promise((resolve, reject) => {
    h.worker.on('completed', (job: { data: IngestJobData }) => {
      if (job.data.stream === 'logins') waiting.delete(job.data.org);
      if (waiting.size === 0) resolve();
    });
    h.worker.on('failed', (job, err) => {
      if (job?.data.stream === 'logins') reject(err);
    });
  });
}

async function rows<T>(org: string, soql: string): Promise<T[]> {
  const { connected } = await host.runtimes.get(org);
  const found: T[] = [];
  for await (const page of connected.client.queryPages<T>(soql, { priority: 'ingest' })) found.push(...page);
  return found;
}

beforeAll(async () => {
  producer = await connectRedis('redis://127.0.0.1:6379', 'producer');
  workerConnection = await connectRedis('redis://127.0.0.1:6379', 'worker');
  betaDir = betaFixture();
});

afterAll(async () => {
  await host?.queue.obliterate({ force: true });
  await host?.close();
  const keys = await producer.keys(`${KEY_PREFIX}*`);
  if (keys.length) await producer.del(...keys);
  await workerConnection.quit();
  await producer.quit();
  rmSync(betaDir, { recursive: true, force: true });
});

it('schedules every stream of every org at the intervals of DESIGN §3.2', () => {
  for (const stream of STREAMS) expect({ stream: stream.name, every: stream.pollIntervalMinutes }).toEqual({ stream: stream.name, every: DESIGN_INTERVALS[stream.name] });
});

it('runs two simulated orgs in one worker, each with its own schedules, cursors, alerts and status', async () => {
  const config = parseConfig({
    orgs: [
      { name: 'acme', target: `sim:${ACME}` },
      { name: 'beta', target: `sim:${betaDir}` },
    ],
    redis: { url: 'redis://127.0.0.1:6379', keyPrefix: KEY_PREFIX },
  });
  host = await startIngestHost({ config, producer, workerConnection, log: silentLogger(), concurrency: 4 });
  await loginsDone(host, ['acme', 'beta']);

  const schedulers = await host.queue.getJobSchedulers();
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  const expected = ['acme', 'beta'].flatMap((org) => STREAMS.map((s) => ({ key: `${org}:${s.name}`, every: DESIGN_INTERVALS[s.name]! * 60_000 })));
  expect(schedulers.map((s) => ({ key: s.key, every: s.every })).sort(byKey)).toEqual(expected.sort(byKey));

  for (const orgId of Object.values(ORG_IDS)) {
    expect(await producer.get(`${KEY_PREFIX}:{${orgId}}:cursor:logins:LoginHistory`)).toContain('"timeMs"');
  }
  for (const org of ['acme', 'beta']) {
    const alerts = await rows<{ Alert_Key__c: string }>(org, 'SELECT Alert_Key__c FROM Warden_Alert__c');
    expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ Alert_Key__c: expect.stringMatching(/^failed-logins:/) })]));
  }

  await host.status.writer.flush();
  for (const org of ['acme', 'beta']) {
    const status = await rows<{ Status_Key__c: string; State__c: string; Records_Total__c: number }>(org, 'SELECT Status_Key__c, State__c, Records_Total__c FROM Warden_Status__c');
    expect(status).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Status_Key__c: 'stream:logins', State__c: 'Healthy', Records_Total__c: expect.any(Number) }),
        expect.objectContaining({ Status_Key__c: host.status.workerKey(), State__c: 'Healthy' }),
      ]),
    );
  }
  const logins = async (org: string) => (await rows<{ Status_Key__c: string; Records_Total__c: number }>(org, "SELECT Status_Key__c, Records_Total__c FROM Warden_Status__c WHERE Status_Key__c = 'stream:logins'"))[0];
  expect((await logins('acme'))?.Records_Total__c).toBeGreaterThan(70);
  expect(await producer.hgetall(`${KEY_PREFIX}:ops:orgs`)).toEqual(ORG_IDS);
}, 60_000);
