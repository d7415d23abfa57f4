/**
 * Relative date literals (`TODAY`, `LAST_N_DAYS:7` …) as half-open UTC ranges [start, end).
 *
 * Assumptions, because Salesforce computes these in the querying user's time zone and locale:
 * the simulator's user is in UTC with an en_US locale, so weeks start on Sunday. Ranges follow the
 * SOQL reference ("Date Formats and Date Literals in WHERE"): LAST_N_DAYS:n includes today
 * (LAST_N_DAYS:1 = yesterday and today), NEXT_N_DAYS:n starts tomorrow, LAST_90_DAYS covers 91 days.
 */
import { addUtcDays, startOfUtcDay } from './temporal-values';

export interface DateRange {
  startMs: number;
  endMs: number;
}

interface Clock {
  nowMs: number;
  todayMs: number;
}

const HOUR_MS = 3_600_000;

function dayRange(fromDay: number, days: number): DateRange {
  return { startMs: fromDay, endMs: addUtcDays(fromDay, days) };
}

function startOfWeek(todayMs: number): number {
  return addUtcDays(todayMs, -new Date(todayMs).getUTCDay());
}

/** Month `offset` months from the current one, covering `span` months. */
function monthRange(todayMs: number, offset: number, span = 1): DateRange {
  const today = new Date(todayMs);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + offset;
  return { startMs: Date.UTC(y, m, 1), endMs: Date.UTC(y, m + span, 1) };
}

function quarterRange(todayMs: number, offset: number): DateRange {
  const firstMonthOfQuarter = Math.floor(new Date(todayMs).getUTCMonth() / 3) * 3;
  return monthRange(todayMs, firstMonthOfQuarter - new Date(todayMs).getUTCMonth() + offset * 3, 3);
}

function yearRange(todayMs: number, offset: number): DateRange {
  const y = new Date(todayMs).getUTCFullYear() + offset;
  return { startMs: Date.UTC(y, 0, 1), endMs: Date.UTC(y + 1, 0, 1) };
}

const PLAIN: Record<string, (c: Clock) => DateRange> = {
  YESTERDAY: (c) => dayRange(addUtcDays(c.todayMs, -1), 1),
  TODAY: (c) => dayRange(c.todayMs, 1),
  TOMORROW: (c) => dayRange(addUtcDays(c.todayMs, 1), 1),
  LAST_WEEK: (c) => dayRange(addUtcDays(startOfWeek(c.todayMs), -7), 7),
  THIS_WEEK: (c) => dayRange(startOfWeek(c.todayMs), 7),
  NEXT_WEEK: (c) => dayRange(addUtcDays(startOfWeek(c.todayMs), 7), 7),
  LAST_MONTH: (c) => monthRange(c.todayMs, -1),
  THIS_MONTH: (c) => monthRange(c.todayMs, 0),
  NEXT_MONTH: (c) => monthRange(c.todayMs, 1),
  LAST_QUARTER: (c) => quarterRange(c.todayMs, -1),
  THIS_QUARTER: (c) => quarterRange(c.todayMs, 0),
  NEXT_QUARTER: (c) => quarterRange(c.todayMs, 1),
  LAST_YEAR: (c) => yearRange(c.todayMs, -1),
  THIS_YEAR: (c) => yearRange(c.todayMs, 0),
  NEXT_YEAR: (c) => yearRange(c.todayMs, 1),
  LAST_90_DAYS: (c) => dayRange(addUtcDays(c.todayMs, -90), 91),
  NEXT_90_DAYS: (c) => dayRange(addUtcDays(c.todayMs, 1), 90),
};

function hourStart(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS) * HOUR_MS;
}

const WITH_N: Record<string, (c: Clock, n: number) => DateRange> = {
  LAST_N_DAYS: (c, n) => dayRange(addUtcDays(c.todayMs, -n), n + 1),
  NEXT_N_DAYS: (c, n) => dayRange(addUtcDays(c.todayMs, 1), n),
  N_DAYS_AGO: (c, n) => dayRange(addUtcDays(c.todayMs, -n), 1),
  // Only reachable with QueryContext.acceptHourLiterals; shaped like LAST_N_DAYS (current hour included).
  LAST_N_HOURS: (c, n) => ({ startMs: hourStart(c.nowMs) - n * HOUR_MS, endMs: hourStart(c.nowMs) + HOUR_MS }),
  NEXT_N_HOURS: (c, n) => ({ startMs: hourStart(c.nowMs) + HOUR_MS, endMs: hourStart(c.nowMs) + (n + 1) * HOUR_MS }),
};

export const HOUR_LITERALS = new Set(['LAST_N_HOURS', 'NEXT_N_HOURS']);

/** Real Salesforce literals the simulator refuses (fiscal settings, ambiguous multi-period ranges). */
const KNOWN_UNSUPPORTED = new Set([
  'LAST_N_WEEKS', 'NEXT_N_WEEKS', 'N_WEEKS_AGO', 'LAST_N_MONTHS', 'NEXT_N_MONTHS', 'N_MONTHS_AGO',
  'LAST_N_QUARTERS', 'NEXT_N_QUARTERS', 'N_QUARTERS_AGO', 'LAST_N_YEARS', 'NEXT_N_YEARS', 'N_YEARS_AGO',
  'THIS_FISCAL_QUARTER', 'LAST_FISCAL_QUARTER', 'NEXT_FISCAL_QUARTER', 'LAST_N_FISCAL_QUARTERS',
  'NEXT_N_FISCAL_QUARTERS', 'N_FISCAL_QUARTERS_AGO', 'THIS_FISCAL_YEAR', 'LAST_FISCAL_YEAR',
  'NEXT_FISCAL_YEAR', 'LAST_N_FISCAL_YEARS', 'NEXT_N_FISCAL_YEARS', 'N_FISCAL_YEARS_AGO',
]);

export type RelativeDateShape = 'plain' | 'withN' | 'unsupported';

/** How a word in value position reads as a date literal, or undefined when it is not one. */
export function relativeDateShape(upperName: string): RelativeDateShape | undefined {
  if (upperName in PLAIN) return 'plain';
  if (upperName in WITH_N) return 'withN';
  if (KNOWN_UNSUPPORTED.has(upperName)) return 'unsupported';
  return undefined;
}

export function resolveRelativeDate(upperName: string, n: number | undefined, now: Date): DateRange {
  const clock: Clock = { nowMs: now.getTime(), todayMs: startOfUtcDay(now.getTime()) };
  const plain = PLAIN[upperName];
  if (plain) return plain(clock);
  const withN = WITH_N[upperName];
  if (withN && n !== undefined) return withN(clock, n);
  throw new Error(`not a resolvable date literal: ${upperName}`);
}
