/**
 * Per-policy state (baselines, open bursts …) as JSON values under string keys, read and
 * written in batches so a job touches Redis a few times per batch, not once per activity.
 */
import type { Redis } from 'ioredis';

export interface KeyedState {
  getMany<T>(keys: readonly string[]): Promise<Map<string, T>>;
  /** `undefined` deletes the key. */
  setMany(entries: ReadonlyMap<string, unknown>, ttlSeconds: number): Promise<void>;
}

export class MemoryKeyedState implements KeyedState {
  private readonly values = new Map<string, string>();

  async getMany<T>(keys: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const key of keys) {
      const text = this.values.get(key);
      if (text !== undefined) found.set(key, JSON.parse(text) as T);
    }
    return found;
  }

  async setMany(entries: ReadonlyMap<string, unknown>): Promise<void> {
    for (const [key, value] of entries) {
      if (value === undefined) this.values.delete(key);
      else this.values.set(key, JSON.stringify(value));
    }
  }
}

export class RedisKeyedState implements KeyedState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async getMany<T>(keys: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (keys.length === 0) return found;
    const texts = await this.redis.mget(keys.map((key) => this.prefix + key));
    texts.forEach((text, i) => {
      if (text !== null) found.set(keys[i]!, JSON.parse(text) as T);
    });
    return found;
  }

  async setMany(entries: ReadonlyMap<string, unknown>, ttlSeconds: number): Promise<void> {
    if (entries.size === 0) return;
    const pipeline = this.redis.multi();
    for (const [key, value] of entries) {
      if (value === undefined) pipeline.del(this.prefix + key);
      else pipeline.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds);
    }
    await pipeline.exec();
  }
}
