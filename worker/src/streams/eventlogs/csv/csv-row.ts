/**
 * One parsed CSV row as offsets into the parser's current buffer: values are decoded only when a
 * normalizer asks for them, so a row of 30 columns of which 8 are used costs 8 strings, not 30.
 * A view is valid only during the callback that receives it (the buffer moves on afterwards).
 */

import { rowTimeMs } from './elf-time';
import { TextInterner } from './text-interner';

const DIGIT_0 = 0x30;
const DASH = 0x2d;

export class CsvRow {
  /** The buffer the offsets point into. */
  buf: Buffer = Buffer.alloc(0);
  /** Start and end (exclusive) of each value, quotes excluded. */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where the value holds doubled quotes (`""`) that decoding must undo. */
  escaped: Uint8Array;
  count = 0;
  /** Per column, created when `shared` is first asked for it (a parser reads one file: one header). */
  private readonly interners: Array<TextInterner | undefined> = [];
  /** The whole row's bytes (line ending excluded). */
  rowStart = 0;
  rowEnd = 0;

  constructor(capacity = 64) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.escaped = new Uint8Array(capacity);
  }

  /** Makes room for at least `n` values (rows with more columns than the header are rare). */
  grow(n: number): void {
    if (n <= this.starts.length) return;
    const size = Math.max(n, this.starts.length * 2);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const escaped = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }

  /** The value of column `i` as text; '' for a missing column (index -1) or an empty value. */
  text(i: number): string {
    if (i < 0 || i >= this.count) return '';
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    if (start === end) return '';
    const text = this.buf.toString('utf8', start, end);
    return this.escaped[i] ? text.replaceAll('""', '"') : text;
  }

  /**
   * The value of column `i` like `text`, as one shared string per distinct value (text-interner.ts):
   * for columns whose values repeat and serve as keys (ids, addresses, session keys, names).
   */
  shared(i: number): string {
    if (i < 0 || i >= this.count) return '';
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    if (start === end) return '';
    if (this.escaped[i]) return this.text(i);
    const interner = (this.interners[i] ??= new TextInterner());
    return interner.text(this.buf, start, end);
  }

  isEmpty(i: number): boolean {
    return i < 0 || i >= this.count || this.starts[i] === this.ends[i];
  }

  length(i: number): number {
    return i < 0 || i >= this.count ? 0 : (this.ends[i] as number) - (this.starts[i] as number);
  }

  /** Whether column `i` holds exactly `ascii` (compared on bytes, nothing decoded). */
  is(i: number, ascii: string): boolean {
    if (this.length(i) !== ascii.length) return false;
    const start = this.starts[i] as number;
    for (let k = 0; k < ascii.length; k++) if (this.buf[start + k] !== ascii.charCodeAt(k)) return false;
    return true;
  }

  /** Column `i` as an integer (`ROWS_PROCESSED`, `ROW_COUNT` …); undefined when empty or not a plain integer. */
  int(i: number): number | undefined {
    if (this.isEmpty(i)) return undefined;
    let pos = this.starts[i] as number;
    const end = this.ends[i] as number;
    const negative = this.buf[pos] === DASH;
    if (negative) pos += 1;
    let value = 0;
    let digits = 0;
    for (; pos < end; pos++) {
      const d = (this.buf[pos] as number) - DIGIT_0;
      // Salesforce writes some counts as doubles ("12.0"): stop at the decimal point.
      if (d === -2 && digits > 0) break;
      if (d < 0 || d > 9) return undefined;
      value = value * 10 + d;
      digits += 1;
    }
    if (digits === 0) return undefined;
    return negative ? -value : value;
  }

  /** Epoch ms from the TIMESTAMP_DERIVED column, else TIMESTAMP (elf-time.ts); NaN when neither reads. */
  timeMs(derivedCol: number, timestampCol: number): number {
    return rowTimeMs(this, derivedCol, timestampCol);
  }

  /** The raw bytes of the whole row as a one-byte string: a key for rows without REQUEST_ID. */
  rawKey(): string {
    return this.buf.toString('latin1', this.rowStart, this.rowEnd);
  }
}
