/**
 * /metrics reports the deployment's shared figures from Redis — what any worker recorded — so
 * two processes answer the same numbers; only the process series differ between them.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { parseConfig } from '../config';
import { silentLogger } from '../logger';
import { RedisQuotaStore } from '../salesforce/quota-store';
import { connectRedis } from '../state/redis';
import { createMetricsRegistry } from './metrics';
import { RedisStateStore } from '../state/state-store';
import { StatusStore, stagePageCounts } from './status-store';

const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const ORG_ID = '00D8d000004AcMe';
// Whole seconds, two minutes ago: the state below depends on the lag against the real clock.
const LAST_SUCCESS_MS = Math.floor(Date.now() / 1000) * 1000 - 120_000;
let redis: Redis;

beforeAll(async () => {
  redis = await connectRedis('redis://127.0.0.1:6379', 'producer');
  // What the workers left: one org seen, one pass done, one failure, the org's API figure.
  const store = new StatusStore(redis, KEY_PREFIX);
  await store.registerOrg('prod', ORG_ID);
  // The pages' totals are committed with their cursors; the pass's end records the success.
  const batch = new RedisStateStore(redis, KEY_PREFIX, ORG_ID).begin();
  stagePageCounts(batch, 'logins', { records: 70, skipped: 2, alertsByPolicy: { 'failed-logins': 1 } });
  await batch.commit();
  const page2 = new RedisStateStore(redis, KEY_PREFIX, ORG_ID).begin();
  stagePageCounts(page2, 'logins', { records: 7, skipped: 0, alertsByPolicy: {} });
  await page2.commit();
  await store.recordSuccess(ORG_ID, 'logins', { untilMs: LAST_SUCCESS_MS - 30_000, finishedMs: LAST_SUCCESS_MS, records: 77, apiCalls: 3 });
  await store.recordFailure(ORG_ID, 'logins', { atMs: LAST_SUCCESS_MS + 60_000, code: 'SF_UNAVAILABLE', message: 'SF_UNAVAILABLE: 503', unavailable: false });
  await new RedisQuotaStore(redis, ORG_ID, KEY_PREFIX).record({ used: 4_200, max: 15_000, observedAtMs: Date.now() });
});

afterAll(async () => {
  const keys = await redis.keys(`${KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

function registry(pid: number) {
  const config = parseConfig({ orgs: [{ name: 'prod', target: 'prod-alias' }, { name: 'eu', target: 'eu-alias' }], redis: { keyPrefix: KEY_PREFIX }, reservePercent: 10 });
  const queues = [{ name: 'orgwarden-ingest', depths: async () => ({ waiting: 2, active: 1, delayed: 4, failed: 5, completed: 9 }) }];
  return createMetricsRegistry({ config, redis, store: new StatusStore(redis, KEY_PREFIX), queues, worker: { host: 'h1', pid, version: '0.1.0' }, log: silentLogger() });
}

it('exposes queue depths, API usage and reserve, stream counters, last success and alerts per policy', async () => {
  const text = await registry(1).metrics();
  for (const line of [
    'orgwarden_queue_jobs{queue="orgwarden-ingest",state="waiting"} 2',
    'orgwarden_queue_jobs{queue="orgwarden-ingest",state="failed"} 5',
    'orgwarden_api_requests_used{org="prod"} 4200',
    'orgwarden_api_requests_limit{org="prod"} 15000',
    'orgwarden_api_requests_reserve{org="prod"} 1500',
    'orgwarden_stream_records_total{org="prod",stream="logins"} 77',
    'orgwarden_stream_skipped_total{org="prod",stream="logins"} 2',
    'orgwarden_stream_failures_total{org="prod",stream="logins"} 1',
    'orgwarden_stream_consecutive_failures{org="prod",stream="logins"} 1',
    `orgwarden_stream_last_success_timestamp_seconds{org="prod",stream="logins"} ${LAST_SUCCESS_MS / 1000}`,
    `orgwarden_stream_cursor_timestamp_seconds{org="prod",stream="logins"} ${(LAST_SUCCESS_MS - 30_000) / 1000}`,
    'orgwarden_stream_state{org="prod",stream="logins",state="Degraded"} 1',
    'orgwarden_stream_state{org="prod",stream="logins",state="Healthy"} 0',
    'orgwarden_alerts_total{org="prod",policy="failed-logins"} 1',
    'orgwarden_worker_info{host="h1",pid="1",version="0.1.0"} 1',
    '# TYPE orgwarden_stream_records_total counter',
  ]) {
    expect(text).toContain(line);
  }
  expect(text).toMatch(/^orgwarden_process_resident_memory_bytes \d+/m);
  // An org no worker has reached yet has no series (nothing is known about it).
  expect(text).not.toContain('org="eu"');
});

it('gives two worker processes the same deployment figures', async () => {
  const shared = (text: string) => text.split('\n').filter((line) => /^orgwarden_(stream|alerts|api|queue)_/.test(line)).join('\n');
  const [a, b] = await Promise.all([registry(1).metrics(), registry(2).metrics()]);
  expect(shared(a)).toBe(shared(b));
  expect(shared(a)).not.toBe('');
});
