/**
 * IP address text → numbers, without allocating: IPv4 as one unsigned 32-bit value, IPv6 as four
 * big-endian 32-bit words. The lookups (ASN ranges, tag ranges) run once per activity on the
 * event-log hot path, where `net.isIP` plus BigInt conversion would cost more than the search.
 */

/** The family of the last address given to `parse`: 0 when it was not an address. */
export type IpFamily = 0 | 4 | 6;

/** Parses `text[from, to)` as dotted-quad IPv4; returns the value (0 … 2³²−1) or -1. */
export function parseIpv4(text: string, from = 0, to = text.length): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // Leading zeros are refused, as `net.isIP` does: "010" is octal in some parsers.
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + part : -1;
}

const hextets = [0, 0, 0, 0, 0, 0, 0, 0];

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses `text[from, to)` as IPv6 (`::` shorthand, an embedded IPv4 tail, a `%zone` suffix)
 * into `out[at … at+3]`; returns false when it is not an address.
 */
export function parseIpv6(text: string, out: Uint32Array, at = 0, from = 0, to = text.length): boolean {
  let end = from;
  while (end < to && text.charCodeAt(end) !== 37) end++; // a `%zone` suffix ends the address
  const count = readHextets(text, from, end);
  if (count < 0) return false;
  for (let k = 0; k < 4; k++) out[at + k] = ((hextets[2 * k]! << 16) | hextets[2 * k + 1]!) >>> 0;
  return true;
}

/** Fills `hextets` (expanding `::`); returns 8, or -1 when malformed. */
function readHextets(text: string, from: number, end: number): number {
  let n = 0;
  let gap = -1;
  let i = from;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return -1;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    const start = i;
    let value = 0;
    for (let h = hexValue(text.charCodeAt(i)); h >= 0 && i < end; h = hexValue(text.charCodeAt(++i))) value = value * 16 + h;
    if (i < end && text.charCodeAt(i) === 46) {
      const v4 = parseIpv4(text, start, end);
      if (v4 < 0 || n > 6) return -1;
      hextets[n++] = Math.floor(v4 / 65536);
      hextets[n++] = v4 % 65536;
      i = end;
      break;
    }
    if (i === start || i - start > 4 || n === 8) return -1;
    hextets[n++] = value;
    if (i === end) break;
    if (text.charCodeAt(i) !== 58 || ++i === end) return -1;
    if (text.charCodeAt(i) === 58) {
      if (gap >= 0) return -1;
      gap = n;
      i++;
    }
  }
  return expandGap(n, gap);
}

function expandGap(n: number, gap: number): number {
  if (gap < 0) return n === 8 ? 8 : -1;
  if (n > 7) return -1;
  const tail = n - gap;
  for (let k = 0; k < tail; k++) hextets[7 - k] = hextets[n - 1 - k]!;
  for (let k = gap; k < 8 - tail; k++) hextets[k] = 0;
  return 8;
}

/**
 * A reusable parse result, one per consumer: `family` 4 fills `v4`, 6 fills `v6`. IPv4-mapped
 * IPv6 (`::ffff:192.0.2.1`) counts as IPv4 — it is the same client.
 */
export class IpParser {
  family: IpFamily = 0;
  v4 = 0;
  readonly v6 = new Uint32Array(4);

  parse(text: string): IpFamily {
    if (text.indexOf(':') < 0) {
      this.v4 = parseIpv4(text);
      return (this.family = this.v4 < 0 ? 0 : 4);
    }
    if (!parseIpv6(text, this.v6)) return (this.family = 0);
    if (this.v6[0] === 0 && this.v6[1] === 0 && this.v6[2] === 0xffff) {
      this.v4 = this.v6[3]!;
      return (this.family = 4);
    }
    return (this.family = 6);
  }
}

export interface CidrBounds {
  family: 4 | 6;
  /** First and last address of the block, inclusive. */
  first: bigint;
  last: bigint;
}

/** `203.0.113.0/24`, `2001:db8::/32` or a bare address → its first and last address. */
export function cidrBounds(cidr: string): CidrBounds | undefined {
  const slash = cidr.indexOf('/');
  const address = slash < 0 ? cidr : cidr.slice(0, slash);
  const parser = new IpParser();
  const family = parser.parse(address);
  if (family === 0) return undefined;
  // A mapped address (`::ffff:a.b.c.d/120`) is an IPv4 block: its prefix counts from bit 96.
  const mapped = family === 4 && address.includes(':');
  const bits = family === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(mapped ? 128 : bits) : cidr.slice(slash + 1);
  const prefix = Number(prefixText) - (mapped ? 96 : 0);
  if (!/^\d{1,3}$/.test(prefixText) || prefix < 0 || prefix > bits) return undefined;
  const value = family === 4 ? BigInt(parser.v4) : wordsToBigInt(parser.v6, 0);
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

export function wordsToBigInt(words: Uint32Array, at: number): bigint {
  return (BigInt(words[at]!) << 96n) | (BigInt(words[at + 1]!) << 64n) | (BigInt(words[at + 2]!) << 32n) | BigInt(words[at + 3]!);
}

export function bigIntToWords(value: bigint, out: Uint32Array, at: number): void {
  for (let k = 0; k < 4; k++) out[at + k] = Number((value >> BigInt(96 - 32 * k)) & 0xffffffffn);
}
