/**
 * Date and datetime values as the REST API writes them: datetimes in UTC with milliseconds and an
 * offset without a colon (`2024-01-02T03:04:05.000+0000`), dates as `2024-01-02`.
 */

/** `2024-01-02T03:04:05.000+0000` — the only datetime form Salesforce's REST API returns. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/**
 * A system timestamp (CreatedDate, SystemModstamp…): Salesforce stores them to the second, so
 * the milliseconds are always `.000`.
 */
export function formatSystemTimestamp(date: Date): string {
  return formatDateTime(new Date(Math.floor(date.getTime() / 1000) * 1000));
}

/** `2024-01-02` (UTC). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Salesforce accepts ISO-8601 on input: `Z`, `+hh:mm`, `+hhmm`, optional fractional seconds.
const DATETIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO-8601 datetime (no offset = UTC); undefined when it is not one. */
export function parseDateTime(value: string): Date | undefined {
  const m = DATETIME_PATTERN.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m;
  const millis = frac ? frac.slice(1, 4).padEnd(3, '0') : '000';
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}${offset}`);
  if (Number.isNaN(date.getTime()) || !isRealDate(Number(y), Number(mo), Number(d))) return undefined;
  return date;
}

/** Validates a `YYYY-MM-DD` date and returns it unchanged, or undefined. */
export function parseDate(value: string): string | undefined {
  const m = DATE_PATTERN.exec(value);
  if (!m) return undefined;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? value : undefined;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Milliseconds since the epoch of a stored datetime value, or undefined for null / not a datetime. */
export function dateTimeMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  return parseDateTime(value)?.getTime();
}
