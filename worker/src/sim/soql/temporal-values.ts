/**
 * Dates and datetimes as epoch milliseconds (UTC). Date fields count as midnight UTC of their
 * day, which lines up with the day-aligned ranges of relative date literals.
 */

const DAY_MS = 86_400_000;

function validDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  return check.getUTCDate() === day && check.getUTCMonth() === month - 1 ? ms : undefined;
}

/** `YYYY-MM-DD` (already shape-checked by the lexer); undefined when the day does not exist. */
export function parseDateLiteralText(text: string): number | undefined {
  return validDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

const DATETIME_PARTS_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):?(\d{2}))?$/;

function parseDateTimeParts(text: string, requireZone: boolean): number | undefined {
  const m = DATETIME_PARTS_RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone, sign, zh, zm] = m;
  if (requireZone && zone === undefined) return undefined;
  const dayMs = validDay(Number(y), Number(mo), Number(d));
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s);
  if (dayMs === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (sign !== undefined) {
    if (Number(zm) > 59) return undefined;
    offsetMinutes = (Number(zh) * 60 + Number(zm)) * (sign === '-' ? -1 : 1);
  }
  return dayMs + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
}

/** A datetime literal from a query (the lexer already enforced the documented shapes). */
export function parseDateTimeLiteralText(text: string): number | undefined {
  return parseDateTimeParts(text, true);
}

function digitsAt(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Fast path for `2024-01-02T03:04:05.000+0000`, the one form the REST API writes: queries sort
 * and filter tens of thousands of these, and the general regex costs about three times as much.
 */
function canonicalDateTimeMs(v: string): number | undefined {
  if (v.length !== 28 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':'
    || v[19] !== '.' || !v.endsWith('+0000')) return undefined;
  const [year, month, day] = [digitsAt(v, 0, 4), digitsAt(v, 5, 2), digitsAt(v, 8, 2)];
  const [hours, minutes, seconds, millis] = [digitsAt(v, 11, 2), digitsAt(v, 14, 2), digitsAt(v, 17, 2), digitsAt(v, 20, 3)];
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return undefined;
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59 && millis >= 0)) return undefined;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, millis);
}

/** A stored datetime value (`2024-01-02T03:04:05.000+0000`, also tolerating `Z`/`+00:00`). */
export function datetimeValueToMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  return canonicalDateTimeMs(value) ?? parseDateTimeParts(value, false) ?? null;
}

/** A stored date value (`2024-01-02`); a datetime string counts as its UTC day. */
export function dateValueToMs(value: unknown): number | null {
  if (typeof value !== 'string' || value.length < 10) return null;
  const ms = parseDateLiteralText(value.slice(0, 10));
  return ms === undefined ? null : ms;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function addUtcDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}
