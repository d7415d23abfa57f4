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

it('Redis: a page of values with one TTL, values without one and deletions land in one commit', async () => {
  const orgId = randomUUID();
  const store = new RedisStateStore(redis, keyPrefix, orgId);
  const first = store.begin();
  for (let i = 0; i < 50; i += 1) first.stage(`state:s:${i}`, { i }, 3600);
  // Text a value may hold: the separator the packed write uses, escaped by JSON; non-ASCII; empty.
  first.stage('state:s:odd', { isp: 'Telefónica \u001e "quoted"', empty: '' }, 3600);
  first.stage('state:gone', { old: true });
  await first.commit();
  const next = store.begin();
  next.stage('cursor:eventlogs', { unitsDone: 7 });
  next.stage('cursor:logins', { timeMs: 9 });
  next.stage('state:gone', undefined);
  await next.commit();
  const key = (k: string) => `${keyPrefix}:{${orgId}}:${k}`;
  expect(await redis.get(key('state:s:49'))).toBe('{"i":49}');
  expect(await redis.ttl(key('state:s:0'))).toBeGreaterThan(3500);
  expect(await redis.ttl(key('cursor:logins'))).toBe(-1);
  expect(await redis.exists(key('state:gone'))).toBe(0);
  const read = await new RedisStateStore(redis, keyPrefix, orgId).begin().get(['state:s:3', 'state:s:odd', 'cursor:eventlogs', 'state:gone']);
  expect(Object.fromEntries(read)).toEqual({ 'state:s:3': { i: 3 }, 'state:s:odd': { isp: 'Telefónica \u001e "quoted"', empty: '' }, 'cursor:eventlogs': { unitsDone: 7 } });
});

describe('Redis: values this process committed', () => {
  const key = (orgId: string, k: string) => `${keyPrefix}:{${orgId}}:${k}`;

  it('are read back as committed, and as another worker left them once it committed', async () => {
    const orgId = randomUUID();
    const mine = new RedisStateStore(redis, keyPrefix, orgId);
    const other = new RedisStateStore(redis, keyPrefix, orgId);
    const a = mine.begin();
    a.stage('state:p:u1', { n: 1 }, 3600);
    a.stage('state:p:u2', { n: 1 }, 3600);
    await a.commit();
    expect((await mine.begin().get(['state:p:u1'])).get('state:p:u1')).toEqual({ n: 1 });
    const b = other.begin();
    b.stage('state:p:u1', { n: 2 }, 3600);
    await b.commit();
    const after = await mine.begin().get(['state:p:u1', 'state:p:u2']);
    expect(Object.fromEntries(after)).toEqual({ 'state:p:u1': { n: 2 }, 'state:p:u2': { n: 1 } });
  });

  it('are not trusted once Redis lost them (restarted empty, keys removed)', async () => {
    const orgId = randomUUID();
    const store = new RedisStateStore(redis, keyPrefix, orgId);
    const batch = store.begin();
    batch.stage('state:p:u1', { n: 1 }, 3600);
    batch.stage('cursor:logins', { timeMs: 5 });
    await batch.commit();
    const keys = await redis.keys(`${keyPrefix}:{${orgId}}:*`);
    await redis.del(...keys);
    expect((await store.begin().get(['state:p:u1', 'cursor:logins'])).size).toBe(0);
  });

  it('are read from Redis again when their TTL is about to run out', async () => {
    const orgId = randomUUID();
    const store = new RedisStateStore(redis, keyPrefix, orgId);
    const batch = store.begin();
    batch.stage('state:short', { n: 1 }, 30);
    await batch.commit();
    // Stands in for Redis expiring it: the commit counter does not move when a key expires.
    await redis.del(key(orgId, 'state:short'));
    expect((await store.begin().get(['state:short'])).size).toBe(0);
  });

  it('hand back the live object staged with a value once, then the parsed value', async () => {
    const orgId = randomUUID();
    const store = new RedisStateStore(redis, keyPrefix, orgId);
    const live = { n: 1, note: 'in-memory form' };
    const batch = store.begin();
    batch.scoped('state:p:').stage('u1', { n: 1 }, 3600, live);
    await batch.commit();
    const first = (await store.begin().scoped('state:p:').get(['u1'])).get('u1');
    expect(first).toBe(live);
    const again = (await store.begin().scoped('state:p:').get(['u1'])).get('u1');
    expect(again).toEqual({ n: 1 });
    expect(again).not.toBe(live);
  });

  it('never hand back a live object after another worker committed', async () => {
    const orgId = randomUUID();
    const mine = new RedisStateStore(redis, keyPrefix, orgId);
    const batch = mine.begin();
    batch.stage('state:p:u1', { n: 1 }, 3600, { n: 1, live: true });
    await batch.commit();
    const other = new RedisStateStore(redis, keyPrefix, orgId).begin();
    other.stage('cursor:audit', { timeMs: 1 });
    await other.commit();
    expect((await mine.begin().get(['state:p:u1'])).get('state:p:u1')).toEqual({ n: 1 });
  });
});
