/**
 * The ingest job keeps a scan's order for the user directory: on a first run, a stream's job is
 * handed back (delayed, no attempt spent) until the users stream's pass is over, so no page meets
 * the policies before the directory they read exists. Real Redis, the acme fixture in process.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseConfig } from '../config';
import { silentLogger } from '../logger';
import { StatusStore } from '../ops/status-store';
import { OrgRuntimes } from '../pipeline/org-runtime';
import { connectRedis } from '../state/redis';
import { createIngestProcessor, DIRECTORY_MAX_WAIT_MS, DIRECTORY_RETRY_MS } from './ingest.processor';
import type { IngestJobData } from './names';

const ACME = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'acme');
const ORG_ID = '00D8d000004AcMe';
const prefixes: string[] = [];
const opened: OrgRuntimes[] = [];
let redis: Redis;

beforeAll(async () => {
  redis = await connectRedis('redis://127.0.0.1:6379', 'producer');
});

afterAll(async () => {
  for (const runtimes of opened) await runtimes.closeAll();
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

/** A processor on a key prefix of its own (a fresh deployment: no directory, no cursors). */
function freshProcessor() {
  const keyPrefix = `ow-test-${randomUUID().slice(0, 8)}`;
  prefixes.push(keyPrefix);
  const config = parseConfig({ orgs: [{ name: 'acme', target: `sim:${ACME}` }], redis: { keyPrefix } });
  const runtimes = new OrgRuntimes(config, redis, silentLogger());
  opened.push(runtimes);
  return { keyPrefix, processor: createIngestProcessor(runtimes, redis, silentLogger()) };
}

function job(stream: IngestJobData['stream'], queuedAgoMs = 0) {
  const moveToDelayed = jest.fn(async () => undefined);
  return { moveToDelayed, job: { data: { org: 'acme', stream }, timestamp: Date.now() - queuedAgoMs, moveToDelayed } as unknown as Job<IngestJobData> };
}

const cursorOf = (keyPrefix: string, name: string) => redis.get(`${keyPrefix}:{${ORG_ID}}:cursor:${name}`);

it("hands a stream's job back until the users stream saved the directory, then runs it", async () => {
  const { keyPrefix, processor } = freshProcessor();
  const early = job('audit');
  const before = Date.now();
  await expect(processor(early.job, 'token-1')).rejects.toBeInstanceOf(DelayedError);
  expect(early.moveToDelayed).toHaveBeenCalledWith(expect.any(Number), 'token-1');
  const [[until]] = early.moveToDelayed.mock.calls as unknown as [[number]];
  expect(until).toBeGreaterThanOrEqual(before + DIRECTORY_RETRY_MS);
  expect(await cursorOf(keyPrefix, 'audit:SetupAuditTrail')).toBeNull();

  await expect(processor(job('users').job, 'token-2')).resolves.toMatchObject({ alerts: 0 });
  const later = job('audit');
  await expect(processor(later.job, 'token-3')).resolves.toMatchObject({ records: expect.any(Number) });
  expect(later.moveToDelayed).not.toHaveBeenCalled();
  expect(await cursorOf(keyPrefix, 'audit:SetupAuditTrail')).not.toBeNull();
});

it('does not wait for a users stream that failed, nor longer than the longest wait', async () => {
  const failed = freshProcessor();
  await new StatusStore(redis, failed.keyPrefix).recordFailure(ORG_ID, 'users', { atMs: Date.now(), code: 'SF_API_ERROR', message: 'INSUFFICIENT_ACCESS', unavailable: false });
  const afterFailure = job('audit');
  await expect(failed.processor(afterFailure.job, 'token-4')).resolves.toMatchObject({ records: expect.any(Number) });
  expect(afterFailure.moveToDelayed).not.toHaveBeenCalled();

  const stale = freshProcessor();
  const waitedEnough = job('audit', DIRECTORY_MAX_WAIT_MS + 1);
  await expect(stale.processor(waitedEnough.job, 'token-5')).resolves.toMatchObject({ records: expect.any(Number) });
  expect(waitedEnough.moveToDelayed).not.toHaveBeenCalled();
});
