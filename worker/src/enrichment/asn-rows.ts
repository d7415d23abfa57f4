/**
 * Builds the ASN table's typed arrays from CSV lines (`start,end,asn,holder`), growing them as
 * rows arrive so that the file can be read in chunks: loading never holds the whole 24 MB text
 * (plus its decoded string) at once.
 */
import { parseIpv4, parseIpv6 } from './ip-address';
import { Ipv4Ranges, Ipv6Ranges, normalizeIpv4Rows, normalizeIpv6Rows } from './ip-ranges';

export interface AsnRows {
  ranges: Ipv4Ranges | Ipv6Ranges;
  asns: Uint32Array;
  holderIds: Uint32Array;
  holders: string[];
  skipped: number;
}

const INITIAL_ROWS = 1 << 16;

export class AsnRowBuilder {
  private count = 0;
  private skipped = 0;
  private starts: Uint32Array;
  private ends: Uint32Array;
  private asns = new Uint32Array(INITIAL_ROWS);
  private holderIds = new Uint32Array(INITIAL_ROWS);
  private readonly holderIndex = new Map<string, number>();
  private readonly holders: string[] = [];
  private readonly width: number;

  constructor(private readonly family: 4 | 6) {
    this.width = family === 4 ? 1 : 4;
    this.starts = new Uint32Array(INITIAL_ROWS * this.width);
    this.ends = new Uint32Array(INITIAL_ROWS * this.width);
  }

  /** Reads every complete line of `text` and returns the unfinished tail. */
  addLines(text: string, final = false): string {
    let from = 0;
    for (let to = text.indexOf('\n'); to >= 0; to = text.indexOf('\n', from)) {
      this.addLine(text, from, to);
      from = to + 1;
    }
    if (!final) return text.slice(from);
    this.addLine(text, from, text.length);
    return '';
  }

  build(): AsnRows {
    const n = this.count;
    const starts = this.starts.slice(0, n * this.width);
    const ends = this.ends.slice(0, n * this.width);
    const asns = this.asns.slice(0, n);
    const holderIds = this.holderIds.slice(0, n);
    if (this.family === 4) normalizeIpv4Rows(starts, ends, [asns, holderIds]);
    else normalizeIpv6Rows(starts, ends, [asns, holderIds]);
    const ranges = this.family === 4 ? new Ipv4Ranges(starts, ends) : new Ipv6Ranges(starts, ends);
    return { ranges, asns, holderIds, holders: this.holders, skipped: this.skipped };
  }

  private addLine(text: string, from: number, to: number): void {
    const end = text.charCodeAt(to - 1) === 13 ? to - 1 : to;
    if (end <= from) return;
    if (this.count === this.asns.length) this.grow();
    if (!this.add(text, from, end)) this.skipped++;
  }

  /** Reads the line `text[from, end)`; false when malformed. */
  private add(text: string, from: number, end: number): boolean {
    const c1 = text.indexOf(',', from);
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1);
    if (c3 < 0 || c3 >= end) return false;
    const asn = parseAsn(text, c2 + 1, c3);
    if (asn < 0 || !this.addBounds(text, from, c1, c2)) return false;
    this.asns[this.count] = asn;
    this.holderIds[this.count] = this.holderId(unquote(text.slice(c3 + 1, end)));
    this.count++;
    return true;
  }

  private addBounds(text: string, from: number, c1: number, c2: number): boolean {
    if (this.family === 6) {
      const at = this.count * 4;
      return parseIpv6(text, this.starts, at, from, c1) && parseIpv6(text, this.ends, at, c1 + 1, c2);
    }
    const start = parseIpv4(text, from, c1);
    const end = parseIpv4(text, c1 + 1, c2);
    if (start < 0 || end < 0) return false;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    return true;
  }

  private holderId(name: string): number {
    let id = this.holderIndex.get(name);
    if (id === undefined) {
      id = this.holders.length;
      // The key is the detached copy too: a key cut from a chunk would keep that chunk alive.
      const own = detach(name);
      this.holderIndex.set(own, id);
      this.holders.push(own);
    }
    return id;
  }

  private grow(): void {
    const double = (array: Uint32Array): Uint32Array<ArrayBuffer> => {
      const bigger = new Uint32Array(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.starts = double(this.starts);
    this.ends = double(this.ends);
    this.asns = double(this.asns);
    this.holderIds = double(this.holderIds);
  }
}

/** The decimal ASN in `text[from, to)`, or -1. */
function parseAsn(text: string, from: number, to: number): number {
  if (to <= from || to - from > 10) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value <= 0xffffffff ? value : -1;
}

/** Not a RegExp: V8 keeps a RegExp's last subject (a view into a whole chunk of text) alive. */
function unquote(field: string): string {
  return field.charCodeAt(0) === 34 ? field.slice(1, -1).split('""').join('"') : field;
}

/**
 * A copy that shares no memory with the text it came from: V8 keeps a substring as a view into
 * its parent, which would keep every chunk of the file alive for the life of the process.
 */
function detach(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}
