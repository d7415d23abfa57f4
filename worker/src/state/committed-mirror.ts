/**
 * The values this process last committed to an org's state, kept in memory so the next page does
 * not read them back from Redis. Event log pages touch the same keys page after page (a
 * session-hijacking state per active session, a profile per user and policy): without the
 * mirror, every page reads back as JSON what the page before it just wrote.
 *
 * A mirrored value is only used while it is certain to be what Redis holds. Every commit of the
 * org's state (any process) increments the org's commit counter in the same MULTI; the mirror
 * remembers the counter value its own commit produced. A read fetches the counter together with
 * the keys the mirror does not hold (one MULTI): the same counter means no other commit happened
 * since, so the mirrored values are Redis's values; any other counter (another worker committed,
 * Redis restarted or was emptied, the counter expired) empties the mirror and the keys are read
 * from Redis. A commit that finds the counter moved by more than its own increment also empties
 * the mirror before keeping what it wrote. Keys staged with a TTL leave the mirror a minute
 * before they would expire in Redis.
 *
 * Bounded: past `maxChars` of mirrored text the oldest-written values are dropped (they are read
 * from Redis again when needed). With `maxChars` 0 nothing is mirrored and every read goes to Redis.
 */

interface Entry {
  /** The committed JSON text; null: the key was deleted. */
  text: string | null;
  /** When the value stops being trusted (its TTL less a minute); Infinity without a TTL. */
  expiresAtMs: number;
  /** The writer's in-memory form of the value (state-store.ts `stage`), until a read takes it. */
  live: object | undefined;
}

/** Trust a value with a TTL until this long before Redis would expire it. */
const EXPIRY_MARGIN_MS = 60_000;
export const DEFAULT_MIRROR_CHARS = 16_000_000;

export class CommittedMirror {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;
  /** The org's commit counter after this process's last commit; undefined while nothing is mirrored. */
  private generation: number | undefined;

  constructor(private readonly maxChars = DEFAULT_MIRROR_CHARS) {}

  /** The counter value the mirror is valid for, if any. */
  get validAt(): number | undefined {
    return this.generation;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The mirrored text of a key: a string, null for a key known to be absent, undefined when the
   * mirror does not know it (read it from Redis). Only meaningful once the counter was checked.
   */
  lookup(key: string, nowMs: number): string | null | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.remove(key, entry);
      return undefined;
    }
    return entry.text;
  }

  /**
   * The live object staged with the key's committed value, once: the reader owns and changes it,
   * so a second read (a page replayed after a failed write-back) parses the committed text.
   */
  takeLive(key: string): object | undefined {
    const entry = this.entries.get(key);
    const live = entry?.live;
    if (entry) entry.live = undefined;
    return live;
  }

  /** The counter read with the keys was not the mirror's: nothing mirrored can be trusted. */
  invalidate(): void {
    this.entries.clear();
    this.chars = 0;
    this.generation = undefined;
  }

  /**
   * A commit of `written` succeeded and left the counter at `generation`. When the counter moved by
   * exactly one since the mirror's own last commit, nothing else was committed in between and the
   * mirror stays; otherwise it keeps only what this commit wrote.
   */
  committed(generation: number, written: Iterable<[string, { text: string | undefined; ttlSeconds: number | undefined; live: object | undefined }]>, nowMs: number): void {
    if (this.maxChars === 0) return;
    if (this.generation === undefined || generation !== this.generation + 1) this.invalidate();
    this.generation = generation;
    for (const [key, { text, ttlSeconds, live }] of written) {
      const old = this.entries.get(key);
      if (old) this.remove(key, old);
      const entry: Entry = { text: text ?? null, expiresAtMs: ttlSeconds ? nowMs + ttlSeconds * 1000 - EXPIRY_MARGIN_MS : Infinity, live };
      this.entries.set(key, entry);
      this.chars += entry.text?.length ?? 0;
    }
    // Oldest written first (Map order; a rewritten key moved to the end above).
    for (const [key, entry] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.remove(key, entry);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.chars -= entry.text?.length ?? 0;
  }
}
