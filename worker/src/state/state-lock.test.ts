/**
 * The org's state lock: sections of two processes (two RedisStateLock instances on one key) never
 * overlap, a failed section does not block the next, and a holder that died frees the lock by
 * itself when its TTL runs out. Real Redis, a key prefix of its own.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis } from './redis';
import { LocalStateLock, RedisStateLock, stateLockKey } from './state-lock';

const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const KEY = stateLockKey(KEY_PREFIX, '00D000000000001');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let redis: Redis;

beforeAll(async () => {
  redis = await connectRedis('redis://127.0.0.1:6379', 'producer');
});

afterAll(async () => {
  await redis.del(KEY);
  await redis.quit();
});

/** Runs `sections` sections through the locks in turn, all started at once; returns the most that ever ran together. */
async function mostAtOnce(locks: Array<{ exclusive<T>(work: () => Promise<T>): Promise<T> }>, sections: number): Promise<number> {
  let running = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: sections }, (_, i) =>
      locks[i % locks.length]!.exclusive(async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(2);
        running -= 1;
      }),
    ),
  );
  return most;
}

it('lets one section run at a time, in one process and across processes', async () => {
  expect(await mostAtOnce([new LocalStateLock()], 10)).toBe(1);
  expect(await mostAtOnce([new RedisStateLock(redis, KEY), new RedisStateLock(redis, KEY)], 10)).toBe(1);
  expect(await redis.exists(KEY)).toBe(0);
});

it('goes on after a section that failed', async () => {
  const lock = new RedisStateLock(redis, KEY);
  await expect(lock.exclusive(async () => Promise.reject(new Error('write-back failed')))).rejects.toThrow('write-back failed');
  await expect(lock.exclusive(async () => 'next page')).resolves.toBe('next page');
});

it('is free again once the TTL of a holder that died runs out', async () => {
  await redis.set(KEY, 'a worker killed with -9', 'PX', 300);
  const started = Date.now();
  await expect(new RedisStateLock(redis, KEY).exclusive(async () => 'got it')).resolves.toBe('got it');
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
});
