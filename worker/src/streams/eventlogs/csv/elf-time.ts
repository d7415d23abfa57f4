/**
 * Event times read straight from a row's bytes (no string, no Date.parse per row).
 *
 * Salesforce writes two forms (EventLogFile Supported Event Types, "TIMESTAMP" and
 * "TIMESTAMP_DERIVED"): `TIMESTAMP` `yyyyMMddHHmmss.SSS` in GMT, the fraction sometimes
 * shortened (`.13` is 130 ms), and `TIMESTAMP_DERIVED` ISO-8601 `yyyy-MM-ddTHH:mm:ss.SSSZ`
 * (files since 2015's Winter '16 release). The derived form wins when a file has both.
 */
import type { CsvRow } from './csv-row';

const DIGIT_0 = 0x30;

function digits(buf: Buffer, pos: number, n: number): number {
  let value = 0;
  for (let k = 0; k < n; k++) {
    const d = (buf[pos + k] as number) - DIGIT_0;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Milliseconds from a fraction of a second written with 0–9 digits after the point. */
function fractionMs(buf: Buffer, pos: number, end: number): number {
  let ms = 0;
  let scale = 100;
  for (let p = pos; p < end && scale >= 1; p++, scale /= 10) {
    const d = (buf[p] as number) - DIGIT_0;
    if (d < 0 || d > 9) return d === 'Z'.charCodeAt(0) - DIGIT_0 ? ms : Number.NaN;
    ms += d * scale;
  }
  return ms;
}

/** `2020-10-16T10:00:00.049Z` (the fraction and the Z optional). */
function isoTime(buf: Buffer, pos: number, end: number): number {
  if (end - pos < 19 || buf[pos + 4] !== 0x2d || buf[pos + 10] !== 0x54) return Number.NaN;
  const utc = Date.UTC(digits(buf, pos, 4), digits(buf, pos + 5, 2) - 1, digits(buf, pos + 8, 2), digits(buf, pos + 11, 2), digits(buf, pos + 14, 2), digits(buf, pos + 17, 2));
  return buf[pos + 19] === 0x2e ? utc + fractionMs(buf, pos + 20, end) : utc;
}

/** `20201016100000.049` (GMT). */
function compactTime(buf: Buffer, pos: number, end: number): number {
  if (end - pos < 14) return Number.NaN;
  const utc = Date.UTC(digits(buf, pos, 4), digits(buf, pos + 4, 2) - 1, digits(buf, pos + 6, 2), digits(buf, pos + 8, 2), digits(buf, pos + 10, 2), digits(buf, pos + 12, 2));
  return buf[pos + 14] === 0x2e ? utc + fractionMs(buf, pos + 15, end) : utc;
}

/** Epoch ms of a row from its TIMESTAMP_DERIVED column, else its TIMESTAMP column; NaN when neither reads. */
export function rowTimeMs(row: CsvRow, derivedCol: number, timestampCol: number): number {
  if (!row.isEmpty(derivedCol)) {
    const t = isoTime(row.buf, row.starts[derivedCol] as number, row.ends[derivedCol] as number);
    if (Number.isFinite(t)) return t;
  }
  if (!row.isEmpty(timestampCol)) return compactTime(row.buf, row.starts[timestampCol] as number, row.ends[timestampCol] as number);
  return Number.NaN;
}
