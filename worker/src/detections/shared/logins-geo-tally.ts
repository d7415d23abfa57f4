/**
 * An alert's running total, kept in the policy's state between pages so a repeat updates the
 * same alert (first seen, last seen, count, addresses) instead of starting its count again:
 * the alert set keeps the latest draft of a key, so every draft must carry the whole total.
 * Read and written only for the buckets a page raises: one batched read and write per page
 * that alerts, none for the others.
 */
import type { KeyedState } from '../../state/keyed-state';

export interface Tally {
  firstMs: number;
  lastMs: number;
  count: number;
  /** Activities per source address. */
  ips: Record<string, number>;
  /** Activities per user (alerts whose subject is an address). */
  users: Record<string, number>;
  /** Ids already counted: a page replayed after a crash, or one event read twice, counts once. */
  ids: string[];
}

/** Keep at most this many ids per tally (enough for replays of the last pages). */
const MAX_IDS = 50;
/** Tallies whose last activity is older than this are closed (their alert is final). */
export const TALLY_TTL_MS = 2 * 86_400_000;

export interface TalliedActivity {
  id: string;
  timeMs: number;
  ip?: string | undefined;
  userId?: string | undefined;
  username?: string | undefined;
}

/** Adds one activity; false when it was already counted. */
export function addToTally(tally: Tally, activity: TalliedActivity): boolean {
  if (tally.ids.includes(activity.id)) return false;
  tally.ids.push(activity.id);
  if (tally.ids.length > MAX_IDS) tally.ids.splice(0, tally.ids.length - MAX_IDS);
  tally.count += 1;
  tally.firstMs = Math.min(tally.firstMs, activity.timeMs);
  tally.lastMs = Math.max(tally.lastMs, activity.timeMs);
  if (activity.ip) tally.ips[activity.ip] = (tally.ips[activity.ip] ?? 0) + 1;
  const user = activity.username ?? activity.userId;
  if (user) tally.users[user] = (tally.users[user] ?? 0) + 1;
  return true;
}

export function newTally(timeMs: number): Tally {
  return { firstMs: timeMs, lastMs: timeMs, count: 0, ips: {}, users: {}, ids: [] };
}

/** The address with the most activities (ties: the first seen). */
export function mainIp(tally: Tally): string | undefined {
  let best: string | undefined;
  for (const [ip, n] of Object.entries(tally.ips)) if (best === undefined || n > tally.ips[best]!) best = ip;
  return best;
}

/** A tally with what the alert says about its first occurrence (kept from the first hit). */
export type TallyOf<E> = Tally & { extra: E };

export interface Hit<E> {
  bucket: string;
  activity: TalliedActivity;
  /** Evidence of the first occurrence; later hits of the bucket keep the stored one. */
  extra: E;
}

const TALLY_TTL_SECONDS = TALLY_TTL_MS / 1000;

/**
 * Adds a page's hits to their buckets' stored tallies (one read, one write) and returns the
 * buckets that changed with their totals.
 */
export async function tallyHits<E>(state: KeyedState, hits: ReadonlyArray<Hit<E>>): Promise<Map<string, TallyOf<E>>> {
  if (hits.length === 0) return new Map();
  const keys = [...new Set(hits.map((h) => `tally:${h.bucket}`))];
  const stored = await state.getMany<TallyOf<E>>(keys);
  const changed = new Map<string, TallyOf<E>>();
  for (const hit of hits) {
    const key = `tally:${hit.bucket}`;
    let tally = stored.get(key);
    if (!tally) {
      tally = { ...newTally(hit.activity.timeMs), extra: hit.extra };
      stored.set(key, tally);
    }
    if (addToTally(tally, hit.activity) || !changed.has(hit.bucket)) changed.set(hit.bucket, tally);
  }
  await state.setMany(new Map([...changed].map(([bucket, tally]) => [`tally:${bucket}`, tally])), TALLY_TTL_SECONDS);
  return changed;
}

/** UTC day of a time, `2026-11-20`: the bucket of daily alerts. */
export function utcDay(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}
