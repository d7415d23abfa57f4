/**
 * A bounded least-recently-used cache in the two-generation form (as `quick-lru` does): new
 * entries go to the young generation; when it is full it becomes the old one and the previous
 * old generation is dropped; a hit in the old generation moves the entry back to the young one.
 * Eviction is therefore approximate (whole generations), but a hit costs one Map lookup with no
 * reordering — it sits on the per-activity path.
 */
export class LruCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generationSize: number;

  /** Holds at most `maxEntries` entries. */
  constructor(maxEntries: number) {
    this.generationSize = Math.max(1, Math.floor(maxEntries / 2));
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** `undefined` when absent; store `null` to remember a miss. */
  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) {
      this.old.delete(key);
      this.set(key, older);
    }
    return older;
  }

  set(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
