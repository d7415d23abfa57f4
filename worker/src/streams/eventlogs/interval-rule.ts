/**
 * Hourly and daily files carry the same events (REST API Developer Guide, "Query or View Hourly
 * Event Log Files"), so each event type's rows must come from one of them only. The rule:
 *
 * 1. Hourly files are always read (they are the early source, 3–6 h after the hour).
 * 2. A daily file of (EventType, UTC day) is **skipped** when any hourly file of that type and
 *    day exists — listed now or in an earlier pass (the cursor remembers the (type, day) pairs).
 * 3. Otherwise, in an org that publishes hourly files at all (Event Monitoring), the daily file
 *    is **held** until no hourly file of its day can still appear — 72 h after the day ends
 *    ("log files can be created within three days of generation") — then read if still no
 *    hourly file covers its day. This covers event types an org gets only daily, without ever
 *    reading a day twice when a late hourly file shows up after the daily one.
 * 4. In an org without hourly files (no Event Monitoring: the free daily types, 1-day retention)
 *    daily files are read at once.
 *
 * Backfill: the first pass lists the whole 30 days before deciding anything, so rule 2 sees
 * every hourly file of the period and a Shield org's backfill reads hourly files only. Known
 * gap: on the day hourly files are switched on, that day's events before the switch are only
 * in the daily file, which rule 2 skips.
 */
import { dayStartMs, typeDayKey, type ElfCursor, type LogFileRef } from './log-file-ref';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const SETTLE_MS = 72 * HOUR_MS;
/** Coverage older than the longest retention (30 days) plus the settle time is never needed again. */
const COVERAGE_KEEP_MS = 35 * DAY_MS;

export type Decision = 'read' | 'skip' | 'hold';

/** Notes the listing's hourly files in the cursor and forgets coverage nobody can need. */
export function noteHourlyFiles(cursor: ElfCursor, files: readonly LogFileRef[], nowMs: number): void {
  for (const file of files) {
    if (file.interval !== 'Hourly') continue;
    cursor.hourly = true;
    cursor.hourlyDays[typeDayKey(file)] = dayStartMs(file.logDateMs);
  }
  for (const [key, dayMs] of Object.entries(cursor.hourlyDays)) if (dayMs < nowMs - COVERAGE_KEEP_MS) delete cursor.hourlyDays[key];
}

export function decide(file: LogFileRef, cursor: ElfCursor, nowMs: number): Decision {
  if (file.interval === 'Hourly') return 'read';
  if (typeDayKey(file) in cursor.hourlyDays) return 'skip';
  if (cursor.hourly && nowMs < dayStartMs(file.logDateMs) + DAY_MS + SETTLE_MS) return 'hold';
  return 'read';
}
