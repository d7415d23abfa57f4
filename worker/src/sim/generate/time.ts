/**
 * Time arithmetic and the timestamp formats the generated data uses: REST datetimes
 * (`2026-11-19T02:10:00.000+0000`), event log `TIMESTAMP` (`20261119021000.001`, GMT) and
 * `TIMESTAMP_DERIVED` (ISO 8601 with `Z`), and local wall-clock time in a user's time zone.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** REST API datetime form. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** ISO 8601 UTC with milliseconds (`TIMESTAMP_DERIVED`, labels). */
export function isoZ(ms: number): string {
  return new Date(ms).toISOString();
}

/** Event log `TIMESTAMP`: yyyyMMddHHmmss.SSS in GMT. */
export function elfTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.${iso.slice(20, 23)}`;
}

/** `YYYY-MM-DD` of the UTC day. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day holding `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

const offsetCache = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Minutes the zone is ahead of UTC around `ms` (DST-aware; cached per zone and hour). From the
 * ICU time-zone data, so the same Node version always gives the same offsets.
 */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(hour * HOUR_MS)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = Math.round((asUtc - hour * HOUR_MS) / MINUTE_MS);
  offsetCache.set(key, offset);
  return offset;
}

/** The UTC instant of a wall-clock time in the zone; `localMs` is that wall-clock time written as if it were UTC. */
export function localToUtc(timeZone: string, localMs: number): number {
  const guess = localMs - zoneOffsetMinutes(timeZone, localMs) * MINUTE_MS;
  return localMs - zoneOffsetMinutes(timeZone, guess) * MINUTE_MS;
}

/** Day of week (0 = Sunday) of a local date given as midnight-as-UTC milliseconds. */
export function weekday(localDayMs: number): number {
  return new Date(localDayMs).getUTCDay();
}
