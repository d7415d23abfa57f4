/**
 * The quota rule exists twice (TypeScript for the in-memory store, Lua for Redis). One table of
 * situations runs through both, so they cannot drift apart.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DEFAULT_QUOTA_PARAMS, type CallPriority, type QuotaParams } from './quota-policy';
import { MemoryQuotaStore, RedisQuotaStore, type QuotaStore } from './quota-store';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const params: QuotaParams = { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 };

interface Case {
  name: string;
  figure?: { used: number; max: number; ageMs?: number };
  outstanding?: number;
  ownUsed?: number;
  priority?: CallPriority;
  params?: Partial<QuotaParams>;
  expect: string;
}

const CASES: Case[] = [
  { name: 'nothing known yet: one call goes through to learn the figure', expect: 'grant:probe-unknown' },
  { name: 'nothing known and a call already out: wait for its answer', outstanding: 1, expect: 'deny:unknown' },
  { name: 'plenty left', figure: { used: 100, max: 1000 }, expect: 'grant:ok' },
  { name: 'ingest stops at reserve + 1% (110 left)', figure: { used: 885, max: 1000 }, expect: 'grant:ok' },
  { name: 'ingest below its stop line', figure: { used: 890, max: 1000 }, expect: 'deny:reserve' },
  { name: 'governance may go down to the reserve itself', figure: { used: 890, max: 1000 }, priority: 'governance', expect: 'grant:ok' },
  { name: 'governance never below the reserve', figure: { used: 900, max: 1000 }, priority: 'governance', expect: 'deny:reserve' },
  { name: 'backfill stops first (reserve + 5%)', figure: { used: 850, max: 1000 }, priority: 'backfill', expect: 'deny:reserve' },
  { name: 'calls in flight count as used (885 used + 5 out)', figure: { used: 885, max: 1000 }, outstanding: 5, expect: 'deny:reserve' },
  { name: 'calls in flight count as used (880 used + 5 out)', figure: { used: 880, max: 1000 }, outstanding: 5, expect: 'grant:ok' },
  { name: 'stale figure above the reserve: one probe', figure: { used: 890, max: 1000, ageMs: 61_000 }, expect: 'grant:probe' },
  { name: 'stale figure, a call already out: no second probe', figure: { used: 890, max: 1000, ageMs: 61_000 }, outstanding: 1, expect: 'deny:reserve' },
  { name: 'at the reserve, figure 2 min old: wait', figure: { used: 900, max: 1000, ageMs: 120_000 }, expect: 'deny:reserve' },
  { name: 'at the reserve for 15 min: one call to learn whether usage dropped', figure: { used: 950, max: 1000, ageMs: 900_000 }, expect: 'grant:probe-exhausted' },
  { name: 'own share cap reached', figure: { used: 100, max: 1000 }, ownUsed: 50, params: { ownSharePercent: 5 }, expect: 'deny:own-share' },
  { name: 'own share cap not reached', figure: { used: 100, max: 1000 }, ownUsed: 49, params: { ownSharePercent: 5 }, expect: 'grant:ok' },
];

type Seeder = (c: Case) => Promise<QuotaStore>;

let redis: Redis;
const prefix = `ow-test-${randomUUID()}`;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const seedMemory: Seeder = async (c) => {
  const store = new MemoryQuotaStore();
  if (!c.figure) {
    // Before any figure exists, the only possible outstanding call is the first probe.
    if (c.outstanding) await store.tryAcquire('governance', params, 'first-probe', NOW);
    return store;
  }
  // Outstanding calls and own usage arise from earlier grants: make them under a roomy, older figure.
  await store.record({ used: 0, max: 1_000_000, observedAtMs: 0 });
  for (let i = 0; i < (c.outstanding ?? 0); i += 1) await store.tryAcquire('governance', params, `out-${i}`, NOW);
  for (let i = 0; i < (c.ownUsed ?? 0); i += 1) await store.release((await store.tryAcquire('governance', params, `own-${i}`, NOW), `own-${i}`));
  await store.record({ used: c.figure.used, max: c.figure.max, observedAtMs: NOW - (c.figure.ageMs ?? 0) });
  return store;
};

const seedRedis: Seeder = async (c) => {
  const orgId = randomUUID();
  const store = new RedisQuotaStore(redis, orgId, prefix);
  const base = `${prefix}:{${orgId}}:quota`;
  if (c.figure) await store.record({ used: c.figure.used, max: c.figure.max, observedAtMs: NOW - (c.figure.ageMs ?? 0) });
  for (let i = 0; i < (c.outstanding ?? 0); i += 1) await redis.zadd(`${base}:res`, NOW, `seed-${i}`);
  if (c.ownUsed) await redis.hset(`${base}:own`, String(Math.floor(NOW / 3_600_000)), c.ownUsed);
  return store;
};

describe.each([
  ['memory store (TypeScript rule)', seedMemory],
  ['Redis store (Lua rule)', seedRedis],
] as const)('%s', (_name, seed) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_case, c) => {
    const store = await seed(c);
    const { decision } = await store.tryAcquire(c.priority ?? 'ingest', { ...params, ...c.params }, randomUUID(), NOW);
    expect(`${decision.grant ? 'grant' : 'deny'}:${decision.reason}`).toBe(c.expect);
  });

  it('forgets reservations of a process that died (older than the reservation TTL)', async () => {
    const store = await seed({ name: 'ttl', figure: { used: 0, max: 1000 }, outstanding: 0, expect: '' });
    await store.tryAcquire('ingest', params, 'crashed-call', NOW - params.reservationTtlMs - 1000);
    expect((await store.snapshot(NOW)).outstanding).toBe(1);
    await store.tryAcquire('ingest', params, 'live-call', NOW);
    expect((await store.snapshot(NOW)).outstanding).toBe(1);
  });

  it('keeps the newest usage figure when answers arrive out of order', async () => {
    const store = await seed({ name: 'order', expect: '' });
    await store.record({ used: 20, max: 1000, observedAtMs: NOW });
    await store.record({ used: 10, max: 1000, observedAtMs: NOW - 5 });
    expect((await store.snapshot(NOW)).figure).toMatchObject({ used: 20 });
  });
});
