/**
 * A streaming parser for Salesforce event log CSV, on bytes.
 *
 * The format (REST API Developer Guide, "EventLogFile"; Object Reference, "EventLogFile Supported
 * Event Types"): a header row of quoted upper-snake column names, then one row per event, **every
 * value double-quoted**, a quote inside a value doubled (`""`), commas and newlines allowed inside
 * quotes, rows ended by `\n` (or `\r\n`). Columns differ per event type and release, so callers
 * read by header name (the header's index map), never by position.
 *
 * Damage is counted and skipped, never fatal (DESIGN §5). A *damaged region* is one unit:
 * - a row whose quoting is complete but whose column count differs from the header's → that row;
 * - the header again among the data (files concatenated) → that row;
 * - a row whose quoting breaks (a stray quote, a value never closed, an unquoted value, a file
 *   cut mid-value) → **resynchronisation rule**: the region ends at the first line start (the
 *   byte after a `\n`) after the broken row's start where a row with complete quoting begins
 *   (every value quoted, ended by a line ending); parsing goes on from there, that row included.
 *   A value never closed therefore costs its own row only, never the rest of the file. (A line
 *   inside a multi-line value that itself looks like a complete row would be taken for one: the
 *   price of bounded damage; it is then counted as damage unless it also has the header's width.)
 *   A value left open is noticed at the next row's start because Salesforce rows begin with
 *   their EVENT_TYPE (`"API"`): a quote followed by a letter cannot be inside a quoted value.
 * - a row longer than `maxRowBytes` without ending → broken (bounds memory on garbage).
 * Blank lines are not rows. A UTF-8 byte-order mark before the header is ignored.
 *
 * Each well-formed data row and each damaged region is one *unit*, numbered from 0 in file order;
 * the same bytes always give the same units, which is what resuming inside a file relies on.
 */
import { CsvRow } from './csv-row';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Results of scanning one row (non-negative: the index after the row's line ending). */
const INCOMPLETE = -1;
const BROKEN = -2;

export type Damage = 'column-count' | 'header-as-data' | 'broken-quoting' | 'truncated';

export interface CsvHandlers {
  /** The header's column names, in file order. Return false to stop reading the file's rows. */
  onHeader(columns: readonly string[]): boolean | void;
  /** A well-formed row (`unit` is its unit number); the view is valid only during the call. */
  onRow(row: CsvRow, unit: number): void;
  /** A damaged region (one unit). */
  onDamage(kind: Damage, unit: number): void;
}

export interface ParserOptions {
  maxRowBytes?: number;
  /** Column names to use when the header line itself is damaged (EventLogFile.LogFileFieldNames). */
  fallbackColumns?: readonly string[];
}

export const DEFAULT_MAX_ROW_BYTES = 8 * 1024 * 1024;

type Mode = 'header' | 'rows' | 'seek-line' | 'candidate' | 'stopped';

export class ElfCsvParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private mode: Mode = 'header';
  private readonly row = new CsvRow();
  private readonly maxRowBytes: number;
  private readonly fallbackColumns: readonly string[] | undefined;
  private header: Buffer = Buffer.alloc(0);
  private width = 0;
  private units = 0;
  private started = false;

  constructor(
    private readonly handlers: CsvHandlers,
    options: ParserOptions = {},
  ) {
    this.maxRowBytes = options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
    this.fallbackColumns = options.fallbackColumns?.length ? options.fallbackColumns : undefined;
  }

  /** Units (well-formed rows + damaged regions) seen so far. */
  get unitCount(): number {
    return this.units;
  }

  /** Column count of the header (0 before it is read). */
  get columnCount(): number {
    return this.width;
  }

  push(chunk: Uint8Array): void {
    if (this.mode === 'stopped' || chunk.length === 0) return;
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), bytes]) : bytes;
    this.pos = 0;
    if (!this.started && !this.skipBom()) return;
    this.drain(false);
  }

  /** The body ended: whatever is left is the last row (or a truncated one). */
  end(): void {
    this.started = true;
    if (this.mode !== 'stopped') this.drain(true);
    this.buf = Buffer.alloc(0);
    this.pos = 0;
  }

  /** False until three bytes are there to tell whether the body starts with a byte-order mark. */
  private skipBom(): boolean {
    if (this.buf.length < 3) return false;
    this.started = true;
    if (this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.pos = 3;
    return true;
  }

  private drain(eof: boolean): void {
    while (this.pos < this.buf.length && this.mode !== 'stopped') {
      if (this.mode === 'seek-line') {
        if (!this.seekLine()) return;
        continue;
      }
      const byte = this.buf[this.pos];
      if (byte === LF || (byte === CR && this.buf[this.pos + 1] === LF)) {
        this.pos += byte === LF ? 1 : 2; // a blank line is not a row
        continue;
      }
      if (byte === CR && this.pos + 1 >= this.buf.length && !eof) return;
      const end = this.scanRow(this.pos, eof);
      if (end === INCOMPLETE) {
        if (this.buf.length - this.pos <= this.maxRowBytes) return;
        this.broken('broken-quoting');
        continue;
      }
      if (end === BROKEN) {
        this.broken(eof && this.buf.indexOf(LF, this.pos) < 0 ? 'truncated' : 'broken-quoting');
        continue;
      }
      this.complete(end);
    }
  }

  /** A complete row from `this.pos` to `end`. */
  private complete(end: number): void {
    const row = this.row;
    row.buf = this.buf;
    row.rowStart = this.pos;
    row.rowEnd = trimEol(this.buf, this.pos, end);
    if (this.mode === 'header') {
      this.readHeader(end);
      return;
    }
    // A line whose quoting is complete ends the damaged region: it is a row of its own (counted
    // as damage itself when its width is wrong), so adjacent defects are counted one by one.
    this.mode = 'rows';
    const sameWidth = row.count === this.width;
    this.pos = end;
    const unit = this.units++;
    if (!sameWidth) this.handlers.onDamage('column-count', unit);
    else if (this.isHeaderAgain()) this.handlers.onDamage('header-as-data', unit);
    else this.handlers.onRow(row, unit);
  }

  private readHeader(end: number): void {
    const row = this.row;
    const columns: string[] = [];
    for (let i = 0; i < row.count; i++) columns.push(row.text(i));
    this.pos = end;
    this.useHeader(columns, Buffer.from(this.buf.subarray(row.rowStart, row.rowEnd)), 'rows');
  }

  /** False when the handler stopped reading the file. */
  private useHeader(columns: readonly string[], line: Buffer, next: Mode): boolean {
    this.header = line;
    this.width = columns.length;
    this.mode = this.handlers.onHeader(columns) === false ? 'stopped' : next;
    return this.mode !== 'stopped';
  }

  /** The row being looked at is the header line again. */
  private isHeaderAgain(): boolean {
    const row = this.row;
    const length = row.rowEnd - row.rowStart;
    return length === this.header.length && this.buf.compare(this.header, 0, length, row.rowStart, row.rowEnd) === 0;
  }

  /** Quoting broke at the row starting at `this.pos`: one damaged unit, then resynchronise. */
  private broken(kind: Damage): void {
    if (this.mode === 'header') {
      // Without a header nothing can be read by name: the listing's LogFileFieldNames stand in
      // for it when known, else the rest of the body is one damaged unit.
      this.handlers.onDamage(kind, this.units++);
      const fallback = this.fallbackColumns;
      if (!fallback) {
        this.mode = 'stopped';
        return;
      }
      if (this.useHeader(fallback, Buffer.from(fallback.map((c) => `"${c}"`).join(',')), 'seek-line')) this.pos += 1;
      return;
    }
    if (this.mode !== 'candidate') this.handlers.onDamage(kind, this.units++);
    this.mode = 'seek-line';
    this.pos += 1;
  }

  /** Moves to the next line start; false when the buffer holds none yet. */
  private seekLine(): boolean {
    const lf = this.buf.indexOf(LF, this.pos);
    if (lf < 0) {
      this.pos = this.buf.length; // still inside the damaged region: nothing to keep
      return false;
    }
    this.pos = lf + 1;
    this.mode = 'candidate';
    return true;
  }

  /**
   * Scans one row of quoted values from `start`; fills `this.row`. Returns the index after the
   * row's line ending, INCOMPLETE when the buffer ends first, or BROKEN.
   */
  private scanRow(start: number, eof: boolean): number {
    const buf = this.buf;
    const len = buf.length;
    const row = this.row;
    let p = start;
    let n = 0;
    for (;;) {
      if (p >= len) return eof ? BROKEN : INCOMPLETE;
      if (buf[p] !== QUOTE) return BROKEN;
      let q = p + 1;
      let escaped = 0;
      for (;;) {
        while (q < len && buf[q] !== QUOTE) q++;
        if (q >= len) return eof ? BROKEN : INCOMPLETE;
        if (q + 1 < len && buf[q + 1] === QUOTE) {
          escaped = 1;
          q += 2;
          continue;
        }
        break;
      }
      if (n >= row.starts.length) row.grow(n + 1);
      row.starts[n] = p + 1;
      row.ends[n] = q;
      row.escaped[n] = escaped;
      n += 1;
      row.count = n;
      if (q + 1 >= len) return eof ? len : INCOMPLETE;
      const next = buf[q + 1];
      if (next === COMMA) {
        p = q + 2;
        continue;
      }
      if (next === LF) return q + 2;
      if (next !== CR) return BROKEN;
      if (q + 2 >= len) return eof ? len : INCOMPLETE;
      return buf[q + 2] === LF ? q + 3 : BROKEN;
    }
  }
}

function trimEol(buf: Buffer, start: number, end: number): number {
  let e = end;
  if (e > start && buf[e - 1] === LF) e -= 1;
  if (e > start && buf[e - 1] === CR) e -= 1;
  return e;
}
