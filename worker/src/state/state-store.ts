/**
 * Per-org worker state (cursors, detection state) written in atomic batches. A job reads state,
 * stages every change of one page (detection state and the cursor together), writes the page's
 * alerts to the org, and only then commits the batch in one Redis MULTI. A crash before the
 * commit replays the page from the old state — the same alerts, upserted on the same keys — and
 * a crash after it never replays: each activity changes the state once.
 */
import type { Redis } from 'ioredis';
import { orgKey } from './redis-keys';

export interface StateStore {
  begin(): StateBatch;
}

export interface StateBatch {
  /** Values by key; writes staged in this batch win over what is stored. */
  get<T>(keys: readonly string[]): Promise<Map<string, T>>;
  /** Stages a write (`undefined` deletes) for the commit. */
  stage(key: string, value: unknown, ttlSeconds?: number): void;
  /**
   * Stages adding `by` to a counter field of a hash (a Redis HINCRBY in the commit): totals that
   * must move with the cursor, so a replayed page is not counted twice and a committed one is
   * never lost with the process that read it.
   */
  count(hashKey: string, field: string, by: number): void;
  commit(): Promise<void>;
  /** The same batch seen under a key prefix (one per policy). */
  scoped(prefix: string): StateBatch;
}

interface Staged {
  text: string | undefined;
  ttlSeconds: number | undefined;
}

/** hash key → field → amount */
type Counts = Map<string, Map<string, number>>;

abstract class BaseBatch implements StateBatch {
  protected readonly staged = new Map<string, Staged>();
  protected readonly counts: Counts = new Map();

  protected abstract read(keys: string[]): Promise<Array<string | null | undefined>>;
  protected abstract write(staged: ReadonlyMap<string, Staged>, counts: Counts): Promise<void>;

  async get<T>(keys: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const unstaged = keys.filter((key) => !this.staged.has(key));
    const texts = unstaged.length ? await this.read(unstaged) : [];
    unstaged.forEach((key, i) => {
      const text = texts[i];
      if (typeof text === 'string') found.set(key, JSON.parse(text) as T);
    });
    for (const key of keys) {
      const staged = this.staged.get(key);
      if (staged?.text !== undefined) found.set(key, JSON.parse(staged.text) as T);
    }
    return found;
  }

  stage(key: string, value: unknown, ttlSeconds?: number): void {
    this.staged.set(key, { text: value === undefined ? undefined : JSON.stringify(value), ttlSeconds });
  }

  count(hashKey: string, field: string, by: number): void {
    if (by === 0) return;
    const fields = this.counts.get(hashKey) ?? new Map<string, number>();
    fields.set(field, (fields.get(field) ?? 0) + by);
    this.counts.set(hashKey, fields);
  }

  async commit(): Promise<void> {
    if (this.staged.size === 0 && this.counts.size === 0) return;
    await this.write(this.staged, this.counts);
    this.staged.clear();
    this.counts.clear();
  }

  scoped(prefix: string): StateBatch {
    return {
      get: async <T>(keys: readonly string[]) => {
        const found = await this.get<T>(keys.map((k) => prefix + k));
        return new Map([...found].map(([k, v]) => [k.slice(prefix.length), v] as const));
      },
      stage: (key, value, ttl) => this.stage(prefix + key, value, ttl),
      count: (hashKey, field, by) => this.count(prefix + hashKey, field, by),
      commit: () => this.commit(),
      scoped: (inner) => this.scoped(prefix + inner),
    };
  }
}

/** State kept in this process only: `scan` (a window pass) and fixtures. */
export class MemoryStateStore implements StateStore {
  readonly values = new Map<string, string>();
  /** Counter hashes (hash key → field → total). */
  readonly counters = new Map<string, Map<string, number>>();

  begin(): StateBatch {
    const { values, counters } = this;
    return new (class extends BaseBatch {
      protected async read(keys: string[]) {
        return keys.map((key) => values.get(key));
      }
      protected async write(staged: ReadonlyMap<string, Staged>, counts: Counts) {
        for (const [key, { text }] of staged) {
          if (text === undefined) values.delete(key);
          else values.set(key, text);
        }
        for (const [key, fields] of counts) {
          const totals = counters.get(key) ?? new Map<string, number>();
          for (const [field, by] of fields) totals.set(field, (totals.get(field) ?? 0) + by);
          counters.set(key, totals);
        }
      }
    })();
  }
}

/** State of one org in Redis, under `<prefix>:{<orgId>}:` (one hash slot per org, so MULTI works in a cluster). */
export class RedisStateStore implements StateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly orgId: string,
  ) {}

  begin(): StateBatch {
    const { redis } = this;
    const base = `${orgKey(this.keyPrefix, this.orgId)}:`;
    return new (class extends BaseBatch {
      protected read(keys: string[]) {
        return redis.mget(keys.map((key) => base + key));
      }
      protected async write(staged: ReadonlyMap<string, Staged>, counts: Counts) {
        const multi = redis.multi();
        for (const [key, { text, ttlSeconds }] of staged) {
          if (text === undefined) multi.del(base + key);
          else if (ttlSeconds) multi.set(base + key, text, 'EX', ttlSeconds);
          else multi.set(base + key, text);
        }
        for (const [key, fields] of counts) for (const [field, by] of fields) multi.hincrby(base + key, field, by);
        const results = await multi.exec();
        const failed = results?.find(([err]) => err);
        if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was discarded');
      }
    })();
  }
}
