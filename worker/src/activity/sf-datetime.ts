/**
 * Salesforce datetimes arrive as `2024-01-02T03:04:05.000+0000` (offset without a colon), which
 * `Date.parse` does not accept everywhere; this reads them (and plain ISO-8601) to epoch ms.
 */
const SF_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseSfDateTime(value: string): number {
  const m = SF_DATETIME.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0')));
  return utc - offsetMinutes(zone) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** ISO-8601 UTC with milliseconds, the form OrgWarden writes everywhere (`…T03:04:05.000Z`). */
export function isoUtc(timeMs: number): string {
  return new Date(timeMs).toISOString();
}
