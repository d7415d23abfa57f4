/**
 * One holder per org and stream at a time — a `run` job or a `backfill` — so two passes never
 * race on a stream's cursor. A Redis key set NX with a TTL (a crashed holder frees it by
 * itself), renewed while held so a pass longer than the TTL (a 30-day backfill) keeps it, and
 * released only by its owner (compare-and-delete).
 *
 * The TTL is BullMQ's own job lock duration: a worker killed in the middle of a pass (kill -9, a
 * lost machine) holds its streams for at most 30 s, and a live holder renews every 10 s, so only
 * an event loop stalled for 30 s could lose it.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { orgKey } from './redis-keys';

export const STREAM_LOCK_TTL_MS = 30_000;

const RELEASE_LUA = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
const RENEW_LUA = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

export interface StreamLock {
  release(): Promise<void>;
}

export function streamLockKey(prefix: string, orgId: string, stream: string): string {
  return orgKey(prefix, orgId, 'lock', stream);
}

/** Takes the lock, or returns undefined when someone else holds it. */
export async function tryLockStream(redis: Redis, key: string, ttlMs = STREAM_LOCK_TTL_MS): Promise<StreamLock | undefined> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
  const renew = setInterval(() => {
    redis.eval(RENEW_LUA, 1, key, token, String(ttlMs)).catch(() => undefined); // a missed renewal is retried at the next tick
  }, Math.floor(ttlMs / 3));
  renew.unref();
  return {
    async release() {
      clearInterval(renew);
      await redis.eval(RELEASE_LUA, 1, key, token);
    },
  };
}
