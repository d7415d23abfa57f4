/**
 * Redis connections in BullMQ's two profiles: producers and short commands fail fast
 * (no offline queue), workers wait for Redis to come back (`maxRetriesPerRequest: null`).
 */
import { Redis } from 'ioredis';
import { OrgWardenError } from '../errors';

export type RedisProfile = 'producer' | 'worker';

export function createRedis(url: string, profile: RedisProfile): Redis {
  return new Redis(url, profile === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : // Commands fail fast while Redis is down, but the connection keeps reconnecting (a Redis restart must not end the worker).
      { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3_000, retryStrategy: (times) => Math.min(times * 200, 2_000) });
}

/** Connects and pings; a clear REDIS_UNAVAILABLE error instead of an endless retry loop. */
export async function connectRedis(url: string, profile: RedisProfile = 'producer'): Promise<Redis> {
  const redis = createRedis(url, profile);
  redis.on('error', () => undefined); // reported through the ping below / BullMQ's own handlers
  try {
    await waitReady(redis, 5_000);
    await redis.ping();
    return redis;
  } catch (cause) {
    redis.disconnect();
    throw new OrgWardenError('REDIS_UNAVAILABLE', `Redis is not reachable at ${redactUrl(url)}`, {
      cause,
      actions: [
        'start Redis (e.g. redis-server --daemonize yes --bind 127.0.0.1 --port 6379), or',
        'set "redis": {"url": "redis://host:port"} in the config file',
      ],
    });
  }
}

function waitReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
    redis.once('end', () => {
      clearTimeout(timer);
      reject(new Error('connection closed'));
    });
  });
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//[credentials]@');
}
