/**
 * Per-org worker state (cursors, detection state) written in atomic batches. A job reads state,
 * stages every change of one page (detection state and the cursor together), writes the page's
 * alerts to the org, and only then commits the batch in one Redis MULTI. A crash before the
 * commit replays the page from the old state — the same alerts, upserted on the same keys — and
 * a crash after it never replays: each activity changes the state once.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import { CommittedMirror, DEFAULT_MIRROR_CHARS } from './committed-mirror';
import { orgKey } from './redis-keys';

export interface StateStore {
  begin(): StateBatch;
}

export interface StateBatch {
  /** Values by key; writes staged in this batch win over what is stored. */
  get<T>(keys: readonly string[]): Promise<Map<string, T>>;
  /**
   * Stages a write (`undefined` deletes) for the commit. `live`: the caller's in-memory form of the
   * same value, which a later `get` of the key may return instead of parsing the committed JSON
   * (RedisStateStore, while the value is the one committed; handed out once). The caller must not
   * change `value` or `live` after staging them.
   */
  stage(key: string, value: unknown, ttlSeconds?: number, live?: object): void;
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
  live: object | undefined;
}

/** A value read back as the live object staged with it (no JSON to parse). */
export class Reused {
  constructor(readonly value: object) {}
}

/** hash key → field → amount */
type Counts = Map<string, Map<string, number>>;

abstract class BaseBatch implements StateBatch {
  protected readonly staged = new Map<string, Staged>();
  protected readonly counts: Counts = new Map();

  protected abstract read(keys: string[]): Promise<Array<string | Reused | null | undefined>>;
  protected abstract write(staged: ReadonlyMap<string, Staged>, counts: Counts): Promise<void>;

  async get<T>(keys: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    // Index loops: a page asks for thousands of keys (a session state each, a profile per user).
    const staged = this.staged;
    const unstaged = staged.size === 0 ? (keys as string[]) : keys.filter((key) => !staged.has(key));
    const texts = unstaged.length ? await this.read(unstaged) : [];
    for (let i = 0; i < unstaged.length; i += 1) {
      const text = texts[i];
      if (typeof text === 'string') found.set(unstaged[i]!, JSON.parse(text) as T);
      else if (text instanceof Reused) found.set(unstaged[i]!, text.value as T);
    }
    if (staged.size === 0) return found;
    for (let i = 0; i < keys.length; i += 1) {
      const text = staged.get(keys[i]!)?.text;
      if (text !== undefined) found.set(keys[i]!, JSON.parse(text) as T);
    }
    return found;
  }

  stage(key: string, value: unknown, ttlSeconds?: number, live?: object): void {
    this.staged.set(key, { text: value === undefined ? undefined : JSON.stringify(value), ttlSeconds, live: value === undefined ? undefined : live });
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
        const full = new Array<string>(keys.length);
        for (let i = 0; i < keys.length; i += 1) full[i] = prefix + keys[i]!;
        const found = await this.get<T>(full);
        const mine = new Map<string, T>();
        for (let i = 0; i < keys.length; i += 1) {
          const value = found.get(full[i]!);
          if (value !== undefined) mine.set(keys[i]!, value);
        }
        return mine;
      },
      stage: (key, value, ttl, live) => this.stage(prefix + key, value, ttl, live),
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

/**
 * State of one org in Redis, under `<prefix>:{<orgId>}:` (one hash slot per org, so MULTI works in
 * a cluster). What this process committed is mirrored in memory and served from there while the
 * org's commit counter (`state-commits`, incremented by every commit) shows no other commit since
 * (committed-mirror.ts).
 */
export class RedisStateStore implements StateStore {
  private readonly mirror: CommittedMirror;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly orgId: string,
    options: { mirrorChars?: number } = {},
  ) {
    this.mirror = new CommittedMirror(options.mirrorChars ?? DEFAULT_MIRROR_CHARS);
  }

  begin(): StateBatch {
    const { redis, mirror } = this;
    const base = `${orgKey(this.keyPrefix, this.orgId)}:`;
    const counterKey = orgKey(this.keyPrefix, this.orgId, 'state-commits');
    return new (class extends BaseBatch {
      protected async read(keys: string[]): Promise<Array<string | Reused | null | undefined>> {
        const validAt = mirror.validAt;
        if (validAt === undefined) return redis.mget(keys.map((key) => base + key));
        const nowMs = Date.now();
        const texts = new Array<string | Reused | null | undefined>(keys.length);
        const missing: string[] = [];
        const missingAt: number[] = [];
        for (let i = 0; i < keys.length; i += 1) {
          const text = mirror.lookup(keys[i]!, nowMs);
          if (text !== undefined) texts[i] = text;
          else {
            missing.push(base + keys[i]!);
            missingAt.push(i);
          }
        }
        // The counter and the keys the mirror lacks in one MULTI: both as of the same moment.
        const multi = redis.multi().get(counterKey);
        if (missing.length) multi.mget(missing);
        const results = await execOrThrow(multi);
        if (Number(results[0]![1]) !== validAt) {
          mirror.invalidate();
          return redis.mget(keys.map((key) => base + key));
        }
        if (missing.length) {
          const found = results[1]![1] as Array<string | null>;
          for (let j = 0; j < missingAt.length; j += 1) texts[missingAt[j]!] = found[j];
        }
        // Confirmed current: hand out the live objects staged with the mirrored values.
        for (let i = 0; i < keys.length; i += 1) {
          if (typeof texts[i] !== 'string') continue;
          const live = mirror.takeLive(keys[i]!);
          if (live !== undefined) texts[i] = new Reused(live);
        }
        return texts;
      }
      protected async write(staged: ReadonlyMap<string, Staged>, counts: Counts) {
        const multi = redis.multi();
        stageWrites(multi, base, staged);
        for (const [key, fields] of counts) for (const [field, by] of fields) multi.hincrby(base + key, field, by);
        multi.incr(counterKey);
        const results = await execOrThrow(multi);
        mirror.committed(Number(results[results.length - 1]![1]), staged, Date.now());
      }
    })();
  }
}

/** The replies of a MULTI, or the first command's error (a discarded MULTI is an error too). */
async function execOrThrow(multi: ChainableCommander): Promise<Array<[error: Error | null, result: unknown]>> {
  const results = await multi.exec();
  const failed = results?.find(([err]) => err);
  if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was discarded');
  return results;
}

/** Sets every key of KEYS to the ARGV value of the same index, with the TTL in the last ARGV. */
const SET_EX_MANY = "local ttl = ARGV[#ARGV] for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[i], 'EX', ttl) end return #KEYS";

/**
 * The staged writes as few commands as possible: values with the same TTL in one command (a
 * script setting them in turn), values without one in an MSET, deletions in one DEL. A page
 * writes thousands of small values (a session state, a profile per user), and a command each
 * costs far more in the client (command objects, promises, replies) than in Redis.
 */
function stageWrites(multi: ChainableCommander, base: string, staged: ReadonlyMap<string, Staged>): void {
  const byTtl = new Map<number, { keys: string[]; texts: string[] }>();
  const deleted: string[] = [];
  for (const [key, { text, ttlSeconds }] of staged) {
    if (text === undefined) {
      deleted.push(base + key);
      continue;
    }
    const ttl = ttlSeconds ?? 0;
    let group = byTtl.get(ttl);
    if (!group) byTtl.set(ttl, (group = { keys: [], texts: [] }));
    group.keys.push(base + key);
    group.texts.push(text);
  }
  if (deleted.length) multi.del(deleted);
  for (const [ttl, { keys, texts }] of byTtl) {
    if (keys.length === 1) {
      if (ttl) multi.set(keys[0]!, texts[0]!, 'EX', ttl);
      else multi.set(keys[0]!, texts[0]!);
    } else if (ttl) multi.eval(SET_EX_MANY, keys.length, ...keys, ...texts, ttl);
    else multi.mset(keys.flatMap((key, i) => [key, texts[i]!]));
  }
}
