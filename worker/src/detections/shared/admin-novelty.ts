/**
 * "Has this subject done this before?" on a baseline profile, asked many times within one day:
 * the first time a value appears in a day it is new (not seen in the 30 days before), and it stays
 * new for the rest of that day, even though the profile now records it as seen today. Used by the
 * admin group's policies for setup areas, hours of the day and Login-As targets.
 */
import { dayOf, noteSeen, WINDOW_DAYS, type Profile } from '../baseline/profile';

const NEW_PREFIX = 'new:';

/** Whether `value` was known before `timeMs`'s day (seen within the window, and not first seen today). */
export function knownBefore(profile: Profile, dimension: string, value: string, timeMs: number): boolean {
  const day = dayOf(timeMs);
  const last = profile.seen[dimension]?.[value];
  if (last === undefined) return false;
  if (last < day) return day - last <= WINDOW_DAYS;
  return profile.seen[NEW_PREFIX + dimension]?.[value] !== day;
}

/** Records `value` as seen at `timeMs`; returns true when it is new to the subject that day. */
export function noteValue(profile: Profile, dimension: string, value: string, timeMs: number): boolean {
  const isNew = !knownBefore(profile, dimension, value, timeMs);
  if (isNew) noteSeen(profile, NEW_PREFIX + dimension, value, timeMs);
  noteSeen(profile, dimension, value, timeMs);
  return isNew;
}

/** Values of a dimension first seen (new) on `timeMs`'s day. */
export function newOnDay(profile: Profile, dimension: string, timeMs: number): string[] {
  const day = dayOf(timeMs);
  const values = profile.seen[NEW_PREFIX + dimension] ?? {};
  return Object.keys(values).filter((value) => values[value] === day);
}

/**
 * Per-day values that are not counts (a time, a maximum): kept in the profile's `daily` map under
 * their own metric, pruned with the window like the counts.
 */
export function dayValue(profile: Profile, metric: string, timeMs: number): number | undefined {
  return profile.daily[metric]?.[String(dayOf(timeMs))];
}

export function setDayValue(profile: Profile, metric: string, timeMs: number, value: number, keep: (old: number, next: number) => number = (_old, next) => next): void {
  const days = (profile.daily[metric] ??= {});
  const key = String(dayOf(timeMs));
  const old = days[key];
  days[key] = old === undefined ? value : keep(old, value);
}

/** Metric names of a family (`prefix` + name) that have a value on `timeMs`'s day, with it. */
export function familyOnDay(profile: Profile, prefix: string, timeMs: number): Record<string, number> {
  const key = String(dayOf(timeMs));
  const out: Record<string, number> = {};
  for (const [metric, days] of Object.entries(profile.daily)) {
    if (!metric.startsWith(prefix)) continue;
    const n = days[key];
    if (n !== undefined) out[metric.slice(prefix.length)] = n;
  }
  return out;
}

/** The UTC day of `timeMs` as `YYYY-MM-DD` (alert buckets and titles). */
export function isoDay(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/**
 * The org's observation start: a user absent from a source the org has been watched on for seven
 * days has a known baseline of zero (never did it), not an unknown one. User profiles therefore
 * begin with the org's first observed day, so the learning period is the deployment's, and a
 * non-admin's first setup change or an admin's first Login-As is measured against real history.
 */
export const ORG_PROFILE_KEY = 'org';

export function beginWithOrg(profile: Profile, org: Profile): Profile {
  profile.firstDay = Math.min(profile.firstDay, org.firstDay);
  return profile;
}
