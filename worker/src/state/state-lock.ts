/**
 * One page at a time per org between reading detection state and committing it. Streams of one
 * org run side by side (their own jobs, other processes, a backfill), and a policy that reads
 * several sources keeps one state for all of them (a Login-As is an audit trail entry, an event
 * log row and a LoginEvent): two pages evaluated at once would both start from the same state,
 * and the later commit would silently drop the earlier page's changes. Only evaluate → write-back
 * → commit is serialized; fetching, parsing and enriching pages still run in parallel.
 *
 * In `run` and `backfill` the lock is a Redis key (every process of the deployment), taken in
 * turn inside the process first so that a process's own jobs queue up instead of polling Redis.
 * Like the stream lock it has a TTL renewed while held (a crashed holder frees it by itself) and
 * is released only by its owner. `scan` reads one stream after the other and needs none.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { orgKey } from './redis-keys';

export interface StateLock {
  /** Runs `work` while holding the org's state lock. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export const STATE_LOCK_TTL_MS = 30_000;
const POLL_MS = 20;

const RELEASE_LUA = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
const RENEW_LUA = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

export function stateLockKey(prefix: string, orgId: string): string {
  return orgKey(prefix, orgId, 'lock:state');
}

/** A lock for the callers of one process: each waits for the one before it (FIFO). */
export class LocalStateLock implements StateLock {
  private tail: Promise<unknown> = Promise.resolve();

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** The org's state lock shared by every process on the Redis. */
export class RedisStateLock implements StateLock {
  private readonly local = new LocalStateLock();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs = STATE_LOCK_TTL_MS,
  ) {}

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.local.exclusive(async () => {
      const token = randomUUID();
      while ((await this.redis.set(this.key, token, 'PX', this.ttlMs, 'NX')) !== 'OK') await sleep(POLL_MS);
      const renew = setInterval(() => {
        this.redis.eval(RENEW_LUA, 1, this.key, token, String(this.ttlMs)).catch(() => undefined); // retried at the next tick
      }, Math.floor(this.ttlMs / 3));
      renew.unref();
      try {
        return await work();
      } finally {
        clearInterval(renew);
        await this.redis.eval(RELEASE_LUA, 1, this.key, token).catch(() => undefined); // unreleased: it expires by itself
      }
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
