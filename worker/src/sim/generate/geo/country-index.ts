/**
 * DB-IP's IPv4 country ranges, indexed once into typed arrays (≈ 355k ranges, ~4 MB): which
 * country an address belongs to (binary search), and random addresses inside a country
 * (ranges weighted by size).
 */
import { forEachLine } from './line-reader';

function packCountry(code: string): number {
  return (code.charCodeAt(0) << 8) | code.charCodeAt(1);
}

function unpackCountry(packed: number): string {
  return String.fromCharCode(packed >> 8, packed & 0xff);
}

export class CountryIndex {
  private readonly byCountry = new Map<number, { ranges: Int32Array; cumulative: Float64Array }>();

  private constructor(
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly countries: Uint16Array,
  ) {}

  static load(file: string): CountryIndex {
    let capacity = 1 << 19;
    let starts = new Uint32Array(capacity);
    let ends = new Uint32Array(capacity);
    let countries = new Uint16Array(capacity);
    let n = 0;
    forEachLine(file, (line) => {
      const [start, end, cc] = line.split(',');
      if (!start || !end || !cc || cc.length !== 2) return;
      if (n === capacity) {
        capacity *= 2;
        starts = grow(starts, capacity);
        ends = grow(ends, capacity);
        countries = grow(countries, capacity);
      }
      starts[n] = Number(start);
      ends[n] = Number(end);
      countries[n] = packCountry(cc);
      n++;
    });
    return new CountryIndex(starts.slice(0, n), ends.slice(0, n), countries.slice(0, n));
  }

  /** Index of the range holding the address, or -1. */
  private rangeOf(ip: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) <= ip) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && ip <= (this.ends[hi] as number) ? hi : -1;
  }

  /** ISO country code of an address, or undefined. */
  countryOf(ip: number): string | undefined {
    const i = this.rangeOf(ip);
    return i < 0 ? undefined : unpackCountry(this.countries[i] as number);
  }

  /** Sub-ranges of [start, end] lying in `country` (for intersecting an ASN's block with a country). */
  intersect(start: number, end: number, country: string): Array<[number, number]> {
    const want = packCountry(country);
    const out: Array<[number, number]> = [];
    let i = this.rangeOf(start);
    if (i < 0) i = this.firstAfter(start);
    for (; i >= 0 && i < this.starts.length && (this.starts[i] as number) <= end; i++) {
      if (this.countries[i] !== want) continue;
      out.push([Math.max(start, this.starts[i] as number), Math.min(end, this.ends[i] as number)]);
    }
    return out;
  }

  private firstAfter(ip: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) < ip) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.starts.length ? lo : -1;
  }

  /** Ranges of one country with cumulative sizes, built on first use. */
  private countryRanges(country: string): { ranges: Int32Array; cumulative: Float64Array } {
    const key = packCountry(country);
    let entry = this.byCountry.get(key);
    if (!entry) {
      const indexes: number[] = [];
      for (let i = 0; i < this.countries.length; i++) if (this.countries[i] === key) indexes.push(i);
      const cumulative = new Float64Array(indexes.length);
      let total = 0;
      indexes.forEach((r, k) => {
        total += (this.ends[r] as number) - (this.starts[r] as number) + 1;
        cumulative[k] = total;
      });
      entry = { ranges: Int32Array.from(indexes), cumulative };
      this.byCountry.set(key, entry);
    }
    return entry;
  }

  /** A random address of the country (`unit` values in [0, 1) choose it), or undefined. */
  randomIn(country: string, unitRange: number, unitOffset: number): number | undefined {
    const { ranges, cumulative } = this.countryRanges(country);
    if (ranges.length === 0) return undefined;
    const target = unitRange * (cumulative[cumulative.length - 1] as number);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) <= target) lo = mid + 1;
      else hi = mid;
    }
    const r = ranges[lo] as number;
    const start = this.starts[r] as number;
    const size = (this.ends[r] as number) - start + 1;
    return start + Math.floor(unitOffset * size);
  }
}

function grow<T extends Uint32Array | Uint16Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
