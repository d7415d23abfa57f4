/**
 * A count of events over a sliding window of simulated time: each event counts from the moment it
 * happened until `windowMs` later, then ages out. Salesforce's daily API allocation works this way
 * (API requests are limited per 24-hour rolling period), so the simulator keeps one for it.
 *
 * Events are kept as (time, count) buckets in time order: calls made in the same millisecond share
 * one, generated traffic is bucketed by minute. Aged-out buckets are skipped by a moving head and
 * compacted now and then, so counting a call costs O(1) amortized even at hundreds of thousands of
 * calls a day.
 */
interface Bucket {
  atMs: number;
  count: number;
}

const COMPACT_AFTER = 4096;

export class RollingWindow {
  private buckets: Bucket[] = [];
  /** Index of the oldest bucket still counted. */
  private head = 0;
  private sum = 0;

  constructor(readonly windowMs: number) {}

  /** Events still inside the window at `nowMs` (those made after `nowMs - windowMs`). */
  countAt(nowMs: number): number {
    this.expire(nowMs);
    return this.sum;
  }

  /** Records `count` events made at `atMs`. */
  add(atMs: number, count = 1): void {
    if (count <= 0) return;
    this.sum += count;
    const last = this.buckets.length > this.head ? this.buckets[this.buckets.length - 1] : undefined;
    if (last && last.atMs === atMs) last.count += count;
    else if (!last || last.atMs < atMs) this.buckets.push({ atMs, count });
    else this.insertEarlier(atMs, count);
  }

  /** Forgets every event. */
  clear(): void {
    this.buckets = [];
    this.head = 0;
    this.sum = 0;
  }

  /** Events made before the last bucket (a clock moved back): kept in time order. */
  private insertEarlier(atMs: number, count: number): void {
    let lo = this.head;
    let hi = this.buckets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.buckets[mid] as Bucket).atMs < atMs) lo = mid + 1;
      else hi = mid;
    }
    const at = this.buckets[lo];
    if (at && at.atMs === atMs) at.count += count;
    else this.buckets.splice(lo, 0, { atMs, count });
  }

  /** An event made at t counts while now < t + window, as Salesforce's rolling 24 h. */
  private expire(nowMs: number): void {
    const cutoff = nowMs - this.windowMs;
    while (this.head < this.buckets.length && (this.buckets[this.head] as Bucket).atMs <= cutoff) {
      this.sum -= (this.buckets[this.head] as Bucket).count;
      this.head++;
    }
    if (this.head > COMPACT_AFTER && this.head * 2 > this.buckets.length) {
      this.buckets = this.buckets.slice(this.head);
      this.head = 0;
    }
  }
}
