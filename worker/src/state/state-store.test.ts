import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MemoryStateStore, RedisStateStore, type StateStore } from './state-store';

let redis: Redis;
const keyPrefix = `ow-test-${randomUUID().slice(0, 8)}`;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe.each([
  ['memory', () => new MemoryStateStore() as StateStore],
  ['Redis', () => new RedisStateStore(redis, keyPrefix, randomUUID()) as StateStore],
] as const)('%s state store', (_name, make) => {
  it('shows staged writes to the batch that made them, and to nobody else until commit', async () => {
    const store = make();
    const batch = store.begin();
    batch.stage('cursor:logins', { timeMs: 1 });
    expect((await batch.get(['cursor:logins'])).get('cursor:logins')).toEqual({ timeMs: 1 });
    expect((await store.begin().get(['cursor:logins'])).size).toBe(0);
    await batch.commit();
    expect((await store.begin().get(['cursor:logins'])).get('cursor:logins')).toEqual({ timeMs: 1 });
  });

  it('commits deletions, and scoped views write under their prefix', async () => {
    const store = make();
    const batch = store.begin();
    const policy = batch.scoped('state:failed-logins:');
    policy.stage('005A', { recent: [1] }, 60);
    await batch.commit();
    expect((await store.begin().get(['state:failed-logins:005A'])).get('state:failed-logins:005A')).toEqual({ recent: [1] });
    const next = store.begin();
    next.scoped('state:failed-logins:').stage('005A', undefined);
    await next.commit();
    expect((await store.begin().get(['state:failed-logins:005A'])).size).toBe(0);
  });

  it('drops staged writes that were never committed (a crash before the commit)', async () => {
    const store = make();
    const lost = store.begin();
    lost.stage('cursor:logins', { timeMs: 2 });
    expect((await store.begin().get(['cursor:logins'])).size).toBe(0);
  });
});

it('Redis: one org`s keys share a hash slot under the deployment prefix, with the TTL asked for', async () => {
  const orgId = randomUUID();
  const batch = new RedisStateStore(redis, keyPrefix, orgId).begin();
  batch.stage('state:p:005A', { n: 1 }, 120);
  await batch.commit();
  const key = `${keyPrefix}:{${orgId}}:state:p:005A`;
  expect(await redis.get(key)).toBe('{"n":1}');
  expect(await redis.ttl(key)).toBeGreaterThan(100);
});
