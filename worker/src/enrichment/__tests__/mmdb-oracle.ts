/**
 * Test helpers: the `maxmind` package's in-memory reader as the oracle, addresses to ask both
 * readers, and the projection a field selection makes of a record.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Reader, type Response } from 'maxmind';
import { bigIntToWords, IpParser, wordsToBigInt } from '../ip-address';
import type { FieldSelection } from '../mmdb/data-decoder';

export function oracleReader(path: string): Reader<Response> {
  return new Reader<Response>(readFileSync(path));
}

export const formatIpv4 = (v: number): string => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');

export const formatIpv6 = (words: readonly number[]): string =>
  words
    .flatMap((w) => [w >>> 16, w & 0xffff])
    .map((h) => h.toString(16))
    .join(':');

export const anyIpv4 = fc.integer({ min: 0, max: 0xffffffff }).map(formatIpv4);

/** Any address in 2000::/3 (where DB-IP has data), or anywhere at all one time in four. */
export const anyIpv6 = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0x20000000, max: 0x3fffffff }), fc.nat(), fc.nat(), fc.nat()).map(formatIpv6) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()).map(formatIpv6) },
  { weight: 1, arbitrary: fc.ipV6() },
);

/** Reserved, special and extreme addresses of both families. */
export const EDGE_IPV4 = [
  '0.0.0.0', '0.0.0.1', '1.0.0.0', '1.1.1.1', '8.8.8.8', '10.0.0.1', '100.64.0.1', '127.0.0.1', '169.254.169.254', '172.16.0.1',
  '192.0.0.1', '192.0.2.1', '192.88.99.1', '192.168.1.1', '198.18.0.1', '198.51.100.1', '203.0.113.1', '223.255.255.255',
  '224.0.0.1', '239.255.255.255', '240.0.0.1', '255.255.255.254', '255.255.255.255',
];
export const EDGE_IPV6 = [
  '::', '::1', '::8.8.8.8', '::ffff:0.0.0.0', '::ffff:8.8.8.8', '::ffff:255.255.255.255', '64:ff9b::8.8.8.8', '100::1',
  '2001::1', '2001:db8::1', '2002:c000:0204::1', '2001:4860:4860::8888', '2606:4700:4700::1111', '2c0f:ffff::1',
  '3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fc00::1', 'fe80::1%eth0', 'ff02::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
];

/** First and last addresses of announced blocks and their neighbours: where range bugs show. */
export function boundaryAddresses(asnCsv: string, family: 4 | 6, count: number): string[] {
  const rows = readFileSync(asnCsv, 'utf8').split('\n').filter(Boolean);
  const step = Math.max(1, Math.floor(rows.length / count));
  const out: string[] = [];
  for (let i = 0; i < rows.length && out.length < count * 4; i += step) {
    const [first, last] = rows[i]!.split(',');
    out.push(...neighbours(first!, last!, family));
  }
  return out;
}

/**
 * The network the database stores `ip` in (`maxmind`'s prefix length), as its first and last
 * address and the addresses just outside it: each lookup must switch records exactly there.
 */
export function networkEdges(oracle: Reader<Response>, ip: string, family: 4 | 6): string[] {
  const [, prefix] = oracle.getWithPrefixLength(ip);
  const parser = new IpParser();
  if (parser.parse(ip) !== family) return [];
  const bits = family === 4 ? 32 : 128;
  const value = family === 4 ? BigInt(parser.v4) : wordsToBigInt(parser.v6, 0);
  const host = BigInt(bits - prefix);
  const first = (value >> host) << host;
  const last = first + (1n << host) - 1n;
  return [first - 1n, first, last, last + 1n].filter((v) => v >= 0n && v < 1n << BigInt(bits)).map((v) => formatBig(v, family));
}

function neighbours(first: string, last: string, family: 4 | 6): string[] {
  const parser = new IpParser();
  const value = (ip: string) => (parser.parse(ip) === 4 ? BigInt(parser.v4) : wordsToBigInt(parser.v6, 0));
  const max = family === 4 ? 0xffffffffn : (1n << 128n) - 1n;
  const [a, b] = [value(first), value(last)];
  return [a - 1n, a, b, b + 1n].filter((v) => v >= 0n && v <= max).map((v) => formatBig(v, family));
}

function formatBig(value: bigint, family: 4 | 6): string {
  if (family === 4) return formatIpv4(Number(value));
  const words = new Uint32Array(4);
  bigIntToWords(value, words, 0);
  return formatIpv6(Array.from(words));
}

/** What a field selection keeps of a fully decoded value. */
export function project(value: unknown, fields: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, fields));
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const select = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (select !== undefined) out[key] = select === true ? inner : project(inner, select);
  }
  return out;
}

/**
 * Buffers compared by their bytes at once: Jest's own `toEqual` walks a Buffer element by
 * element, ≈ 12 s for the 600 KB value of the format tests (a run then looks hung).
 */
export function bufferEquality(a: unknown, b: unknown): boolean | undefined {
  const aIs = Buffer.isBuffer(a);
  const bIs = Buffer.isBuffer(b);
  if (aIs && bIs) return a.equals(b);
  return aIs || bIs ? false : undefined;
}
