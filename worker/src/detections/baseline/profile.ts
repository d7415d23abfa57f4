/**
 * Per-subject baselines (DESIGN §3.4): what a user (or the org) normally does, kept as one small
 * JSON value per subject in the policy's state, so a page of activities costs one batched read
 * and one staged write per subject seen (state-store.ts), whatever the number of activities.
 *
 * A profile holds
 * - `seen`: values of a dimension (country, IP, ISP, setup section, impersonated user …) with the
 *   last UTC day each was seen — "has this user used this country in the last 30 days?";
 * - `daily`: per-day counts of a metric (downloads, setup changes, rows exported …) for the last
 *   30 days — "is today far above this user's normal day?".
 *
 * Learning: a subject's baseline exists only once it has `LEARNING_DAYS` of history (from the
 * first day it was seen); before that, baseline checks stay quiet, so a new user or a new
 * deployment is not an alert storm. Everything older than `WINDOW_DAYS` is dropped as it ages.
 */

export const LEARNING_DAYS = 7;
export const WINDOW_DAYS = 30;
export const DAY_MS = 86_400_000;
/** Kept in Redis a little longer than the window, so a quiet month does not lose a subject's history early. */
export const PROFILE_TTL_SECONDS = (WINDOW_DAYS + 5) * 86_400;
/** At most this many values per dimension (the most recently seen win): integration users with thousands of IPs stay small. */
export const MAX_VALUES_PER_DIMENSION = 200;

export interface Profile {
  /** UTC day number (ms / DAY_MS) of the first activity seen. */
  firstDay: number;
  /** dimension → value → last UTC day seen */
  seen: Record<string, Record<string, number>>;
  /** metric → UTC day → count */
  daily: Record<string, Record<string, number>>;
}

export function dayOf(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS);
}

export function newProfile(timeMs: number): Profile {
  return { firstDay: dayOf(timeMs), seen: {}, daily: {} };
}

/** The profile's first day moves back if an older activity arrives (a backfill read after live data). */
export function touch(profile: Profile, timeMs: number): void {
  profile.firstDay = Math.min(profile.firstDay, dayOf(timeMs));
}

/** True while the subject has less than `LEARNING_DAYS` of history at `timeMs`. */
export function isLearning(profile: Profile | undefined, timeMs: number, learningDays = LEARNING_DAYS): boolean {
  return !profile || dayOf(timeMs) - profile.firstDay < learningDays;
}

export function noteSeen(profile: Profile, dimension: string, value: string, timeMs: number): void {
  const values = (profile.seen[dimension] ??= {});
  const day = dayOf(timeMs);
  values[value] = Math.max(values[value] ?? day, day);
}

/** Whether `value` was seen within the last `days` days before (or on) `timeMs`'s day. */
export function seenWithin(profile: Profile | undefined, dimension: string, value: string, timeMs: number, days = WINDOW_DAYS): boolean {
  const last = profile?.seen[dimension]?.[value];
  return last !== undefined && dayOf(timeMs) - last <= days;
}

/** Distinct values of a dimension seen within the window before `timeMs`. */
export function valuesWithin(profile: Profile | undefined, dimension: string, timeMs: number, days = WINDOW_DAYS): string[] {
  const values = profile?.seen[dimension] ?? {};
  const day = dayOf(timeMs);
  return Object.keys(values).filter((value) => day - values[value]! <= days);
}

let lastDay = NaN;
let lastDayKey = '';

/**
 * `String(day)`, the key of a day in `daily`; the last one is remembered, as the rows of a page
 * nearly always fall on the same day and this is asked for every counted row.
 */
export function dayKey(day: number): string {
  if (day !== lastDay) {
    lastDay = day;
    lastDayKey = String(day);
  }
  return lastDayKey;
}

export function addCount(profile: Profile, metric: string, timeMs: number, by = 1): number {
  const days = (profile.daily[metric] ??= {});
  const day = dayKey(dayOf(timeMs));
  const count = (days[day] ?? 0) + by;
  days[day] = count;
  return count;
}

export function countOn(profile: Profile | undefined, metric: string, timeMs: number): number {
  return profile?.daily[metric]?.[dayKey(dayOf(timeMs))] ?? 0;
}

export interface DailyStats {
  /** Days of history in the window before the day in question (a day without activity counts as 0). */
  days: number;
  mean: number;
  stddev: number;
  max: number;
}

/**
 * The metric's daily figures over the window before `timeMs`'s day (that day excluded), counting
 * the days without activity since the profile began as zeros.
 */
export function dailyStats(profile: Profile | undefined, metric: string, timeMs: number, windowDays = WINDOW_DAYS): DailyStats {
  const today = dayOf(timeMs);
  if (!profile) return { days: 0, mean: 0, stddev: 0, max: 0 };
  const start = Math.max(profile.firstDay, today - windowDays);
  const days = Math.max(0, today - start);
  if (days === 0) return { days: 0, mean: 0, stddev: 0, max: 0 };
  const counts = profile.daily[metric] ?? {};
  let sum = 0;
  let sumSq = 0;
  let max = 0;
  for (let day = start; day < today; day += 1) {
    const n = counts[String(day)] ?? 0;
    sum += n;
    sumSq += n * n;
    max = Math.max(max, n);
  }
  const mean = sum / days;
  return { days, mean, stddev: Math.sqrt(Math.max(0, sumSq / days - mean * mean)), max };
}

export interface AnomalyRule {
  /** Never an anomaly below this count, whatever the baseline (absolute floor). */
  minCount: number;
  /** How many times the baseline's normal high (max of the usual days, or mean + 3σ) the count must reach. */
  factor: number;
}

/** The count a day must reach to be far above the baseline. */
export function anomalyThreshold(stats: DailyStats, rule: AnomalyRule): number {
  const normalHigh = Math.max(stats.max, stats.mean + 3 * stats.stddev, 1);
  return Math.max(rule.minCount, Math.ceil(normalHigh * rule.factor));
}

/** Drops what fell out of the window; keeps each dimension to its most recent values. */
export function prune(profile: Profile, timeMs: number, windowDays = WINDOW_DAYS): Profile {
  const oldest = dayOf(timeMs) - windowDays - 1;
  for (const values of Object.values(profile.seen)) {
    let entries = Object.entries(values).filter(([, day]) => day >= oldest);
    if (entries.length > MAX_VALUES_PER_DIMENSION) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_VALUES_PER_DIMENSION);
    for (const key of Object.keys(values)) delete values[key];
    for (const [key, day] of entries) values[key] = day;
  }
  for (const counts of Object.values(profile.daily)) {
    for (const day of Object.keys(counts)) if (Number(day) < oldest) delete counts[day];
  }
  return profile;
}
