/**
 * Sorted, disjoint address ranges in typed arrays, searched by bisection: the compact form of
 * the ASN table (≈ 400k IPv4 rows) and of the tag ranges. A row's payload (ASN, tag mask) lives
 * in parallel arrays owned by the caller; `find` answers the row index.
 */

export class Ipv4Ranges {
  constructor(
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
  ) {}

  get size(): number {
    return this.starts.length;
  }

  /** The row whose range holds `ip`, or -1. */
  find(ip: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    let row = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= ip) {
        row = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return row >= 0 && ip <= this.ends[row]! ? row : -1;
  }
}

/** IPv6 rows: four big-endian 32-bit words per address, so no BigInt on the lookup path. */
export class Ipv6Ranges {
  constructor(
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
  ) {}

  get size(): number {
    return this.starts.length / 4;
  }

  find(ip: Uint32Array): number {
    let lo = 0;
    let hi = this.size - 1;
    let row = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compareWords(this.starts, mid * 4, ip, 0) <= 0) {
        row = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return row >= 0 && compareWords(ip, 0, this.ends, row * 4) <= 0 ? row : -1;
  }
}

export function compareWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  for (let k = 0; k < 4; k++) {
    const x = a[ai + k]!;
    const y = b[bi + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** `words[at…at+3] -= 1` (128-bit, wrapping). */
export function decrementWords(words: Uint32Array, at: number): void {
  for (let k = 3; k >= 0; k--) {
    const value = words[at + k]!;
    words[at + k] = (value - 1) >>> 0;
    if (value !== 0) return;
  }
}

/**
 * Makes rows searchable: sorts them by start when the source was not sorted (applying the same
 * order to every payload array) and clips a range that runs into the next one, so the later,
 * usually more specific, entry wins — the ASN table has a few such overlaps.
 */
export function normalizeIpv4Rows(starts: Uint32Array, ends: Uint32Array, payloads: Uint32Array[]): void {
  let sorted = true;
  for (let i = 1; i < starts.length && sorted; i++) sorted = starts[i - 1]! <= starts[i]!;
  if (!sorted) {
    const order = Array.from(starts.keys()).sort((a, b) => starts[a]! - starts[b]! || a - b);
    for (const array of [starts, ends, ...payloads]) permute(array, order, 1);
  }
  for (let i = 1; i < starts.length; i++) {
    if (starts[i]! <= ends[i - 1]!) ends[i - 1] = starts[i]! - 1;
  }
}

export function normalizeIpv6Rows(starts: Uint32Array, ends: Uint32Array, payloads: Uint32Array[]): void {
  const rows = starts.length / 4;
  let sorted = true;
  for (let i = 1; i < rows && sorted; i++) sorted = compareWords(starts, (i - 1) * 4, starts, i * 4) <= 0;
  if (!sorted) {
    const order = Array.from({ length: rows }, (_, i) => i).sort((a, b) => compareWords(starts, a * 4, starts, b * 4) || a - b);
    permute(starts, order, 4);
    permute(ends, order, 4);
    for (const array of payloads) permute(array, order, 1);
  }
  for (let i = 1; i < rows; i++) {
    if (compareWords(starts, i * 4, ends, (i - 1) * 4) <= 0) {
      ends.set(starts.subarray(i * 4, i * 4 + 4), (i - 1) * 4);
      decrementWords(ends, (i - 1) * 4);
    }
  }
}

function permute(array: Uint32Array, order: readonly number[], width: number): void {
  const copy = array.slice();
  order.forEach((from, to) => array.set(copy.subarray(from * width, from * width + width), to * width));
}
