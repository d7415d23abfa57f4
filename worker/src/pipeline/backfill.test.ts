/**
 * Backfill shares the running worker's state: it moves the Redis cursors (so `run` continues
 * after it), never re-reads what a cursor covers unless told to, takes turns with `run`'s jobs
 * through the per-org+stream lock, and reads at the quota governor's lowest priority.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseConfig } from '../config';
import { silentLogger } from '../logger';
import { StatusStore } from '../ops/status-store';
import { createIngestProcessor, type IngestOutcome } from '../queues/ingest.processor';
import type { IngestJobData } from '../queues/names';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { MemoryQuotaStore } from '../salesforce/quota-store';
import { connectRedis } from '../state/redis';
import { streamLockKey, tryLockStream } from '../state/stream-lock';
import { loginsStream } from '../streams/login-history';
import { runBackfill, type BackfillOptions } from './backfill';
import { BackfillGovernor, BackfillInterrupted } from './backfill-governor';
import { BackfillProgress } from './backfill-progress';
import { OrgRuntimes } from './org-runtime';

const ACME = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'acme');
const ORG_ID = '00D8d000004AcMe';
const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const SINCE = Date.parse('2026-10-21T00:00:00Z');
const config = parseConfig({ orgs: [{ name: 'acme', target: `sim:${ACME}` }], redis: { keyPrefix: KEY_PREFIX } });
let redis: Redis;

function backfill(extra: Partial<BackfillOptions> = {}) {
  const progress = new BackfillProgress('acme', ['logins']);
  const notes: string[] = [];
  const run = runBackfill({ config, org: config.orgs[0]!, redis, log: silentLogger(), sinceMs: SINCE, streams: [loginsStream], progress, note: (n) => notes.push(n), lockPollMs: 20, ...extra });
  return { run, progress, notes };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  redis = await connectRedis('redis://127.0.0.1:6379', 'producer');
});

afterAll(async () => {
  const keys = await redis.keys(`${KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

it('reads from --since into the shared cursor and status, then continues from the cursor', async () => {
  const first = backfill();
  const [outcome] = await first.run;
  expect(outcome).toMatchObject({ stream: 'logins', fromMs: SINCE, resumed: false, outcome: 'done', alerts: 1 });
  expect(outcome!.records).toBeGreaterThan(70);
  expect(first.progress.fraction()).toBe(1);
  expect(await redis.get(`${KEY_PREFIX}:{${ORG_ID}}:cursor:logins:LoginHistory`)).toContain('"timeMs"');
  expect(await new StatusStore(redis, KEY_PREFIX).read(ORG_ID, 'logins')).toMatchObject({ recordsTotal: outcome!.records, consecutiveFailures: 0 });

  const again = backfill();
  expect(await again.run).toEqual([expect.objectContaining({ resumed: true, records: 0, outcome: 'done' })]);
  expect(again.notes).toEqual([expect.stringMatching(/^logins: continuing from its stored cursor \(2026-11-\d\dT/)]);
});

it('re-reads from --since with restart', async () => {
  const [outcome] = await backfill({ restart: true }).run;
  expect(outcome).toMatchObject({ fromMs: SINCE, resumed: false, outcome: 'done' });
  expect(outcome!.records).toBeGreaterThan(70);
});

it("waits for a running worker's job of the stream, and holds the worker's jobs off while it reads", async () => {
  const held = await tryLockStream(redis, streamLockKey(KEY_PREFIX, ORG_ID, 'logins'));
  const runtimes = new OrgRuntimes(config, redis, silentLogger());
  const processor = createIngestProcessor(runtimes, redis, silentLogger());
  const job = { data: { org: 'acme', stream: 'logins' } } as Job<IngestJobData>;
  let jobDuringBackfill: Promise<IngestOutcome> | undefined;
  let waiting: ReturnType<typeof backfill> | undefined = undefined;
  // Asked between pages: a worker's scheduled job arrives while the backfill reads the stream.
  const stopped = () => {
    if (waiting?.progress.phase === 'reading') jobDuringBackfill ??= processor(job);
    return false;
  };
  waiting = backfill({ restart: true, stopped });
  await until(() => waiting?.progress.phase === 'waiting-for-lock');
  expect(waiting.notes).toEqual(['logins: a running worker is reading this stream; waiting for its job to finish']);
  await held!.release();
  expect(await waiting.run).toEqual([expect.objectContaining({ outcome: 'done' })]);
  expect(jobDuringBackfill).toBeDefined();
  expect(await jobDuringBackfill).toEqual({ skipped: 'locked' });
  // Released: the worker's next job runs and finds nothing new after the backfill's cursor.
  expect(await processor(job)).toEqual({ records: 0, alerts: 0 });
  await runtimes.closeAll();
});

describe('the backfill governor', () => {
  const params = { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 };
  /** 15,000 a day, 2,100 left: above the stop of ingest (11%) and write-back, below backfill's (15%). */
  async function store() {
    const quota = new MemoryQuotaStore();
    await quota.record({ used: 12_900, max: 15_000, observedAtMs: Date.now() });
    return quota;
  }

  it('runs reads at backfill priority, which stops first, and lets writes through', async () => {
    let stop = false;
    const governor = new BackfillGovernor(await store(), params, silentLogger(), () => stop);
    const read = governor.acquire('ingest');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(governor.heldSinceMs).toEqual(expect.any(Number));
    await expect(governor.acquire('write-back')).resolves.toMatchObject({ priority: 'write-back' });
    stop = true;
    await expect(read).rejects.toBeInstanceOf(BackfillInterrupted);
  }, 10_000);
});
