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
  commit(): Promise<void>;
  /** The same batch seen under a key prefix (one per policy). */
  scoped(prefix: string): StateBatch;
}

interface Staged {
  text: string | undefined;
  ttlSeconds: number | undefined;
}

abstract class BaseBatch implements StateBatch {
  protected readonly staged = new Map<string, Staged>();

  protected abstract read(keys: string[]): Promise<Array<string | null | undefined>>;
  protected abstract write(staged: ReadonlyMap<string, Staged>): Promise<void>;

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

  async commit(): Promise<void> {
    if (this.staged.size === 0) return;
    await this.write(this.staged);
    this.staged.clear();
  }

  scoped(prefix: string): StateBatch {
    return {
      get: async <T>(keys: readonly string[]) => {
        const found = await this.get<T>(keys.map((k) => prefix + k));
        return new Map([...found].map(([k, v]) => [k.slice(prefix.length), v] as const));
      },
      stage: (key, value, ttl) => this.stage(prefix + key, value, ttl),
      commit: () => this.commit(),
      scoped: (inner) => this.scoped(prefix + inner),
    };
  }
}

/** State kept in this process only: `scan` (a window pass) and fixtures. */
export class MemoryStateStore implements StateStore {
  readonly values = new Map<string, string>();

  begin(): StateBatch {
    const values = this.values;
    return new (class extends BaseBatch {
      protected async read(keys: string[]) {
        return keys.map((key) => values.get(key));
      }
      protected async write(staged: ReadonlyMap<string, Staged>) {
        for (const [key, { text }] of staged) {
          if (text === undefined) values.delete(key);
          else values.set(key, text);
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
      protected async write(staged: ReadonlyMap<string, Staged>) {
        const multi = redis.multi();
        for (const [key, { text, ttlSeconds }] of staged) {
          if (text === undefined) multi.del(base + key);
          else if (ttlSeconds) multi.set(base + key, text, 'EX', ttlSeconds);
          else multi.set(base + key, text);
        }
        const results = await multi.exec();
        const failed = results?.find(([err]) => err);
        if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was discarded');
      }
    })();
  }
}
