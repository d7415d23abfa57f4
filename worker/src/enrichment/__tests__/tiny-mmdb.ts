/**
 * Writes a small MaxMind DB file (MMDB format 2.0, 24-bit records) for tests: a handful of
 * networks with GeoIP2-shaped records, so the "user-supplied GeoLite2/GeoIP2 City" path is
 * tested against the real layout without shipping MaxMind's licensed data.
 * Format: https://maxmind.github.io/MaxMind-DB/
 */
import { writeFileSync } from 'node:fs';
import { IpParser } from '../ip-address';

export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue };

export interface MmdbNetwork {
  /** `192.0.2.0/24` or `2001:db8::/32`. IPv4 networks sit under `::/96` in an IPv6 tree. */
  network: string;
  data: MmdbValue;
}

type Child = { node: number } | { data: number } | null;

const MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');

export function writeTinyMmdb(file: string, networks: MmdbNetwork[], ipVersion: 4 | 6 = 6, databaseType = 'GeoLite2-City'): void {
  const data: Buffer[] = [];
  let dataSize = 0;
  const nodes: Array<[Child, Child]> = [[null, null]];
  for (const { network, data: value } of networks) {
    const encoded = encode(value);
    insert(nodes, bitsOf(network, ipVersion), { data: dataSize });
    data.push(encoded);
    dataSize += encoded.length;
  }
  const tree = Buffer.alloc(nodes.length * 6);
  const recordOf = (child: Child): number => (child === null ? nodes.length : 'node' in child ? child.node : nodes.length + 16 + child.data);
  nodes.forEach(([left, right], i) => {
    tree.writeUIntBE(recordOf(left), i * 6, 3);
    tree.writeUIntBE(recordOf(right), i * 6 + 3, 3);
  });
  const metadata = encode({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_767_225_600,
    database_type: databaseType,
    description: { en: 'OrgWarden test database' },
    ip_version: ipVersion,
    languages: ['en'],
    node_count: nodes.length,
    record_size: 24,
  });
  writeFileSync(file, Buffer.concat([tree, Buffer.alloc(16), ...data, MARKER, metadata]));
}

function bitsOf(network: string, ipVersion: 4 | 6): number[] {
  const [address, prefixText] = network.split('/');
  const parser = new IpParser();
  const family = parser.parse(address!);
  const prefix = Number(prefixText);
  if (family === 4) {
    const v4 = Array.from({ length: prefix }, (_, i) => (parser.v4 >>> (31 - i)) & 1);
    return ipVersion === 4 ? v4 : [...new Array<number>(96).fill(0), ...v4];
  }
  if (family !== 6 || ipVersion !== 6) throw new Error(`cannot place ${network} in an IPv${ipVersion} tree`);
  return Array.from({ length: prefix }, (_, i) => (parser.v6[i >>> 5]! >>> (31 - (i & 31))) & 1);
}

function insert(nodes: Array<[Child, Child]>, bits: number[], leaf: Child): void {
  let node = 0;
  bits.forEach((bit, depth) => {
    const slot = nodes[node]!;
    if (depth === bits.length - 1) {
      slot[bit] = leaf;
      return;
    }
    let child = slot[bit];
    if (child === null || child === undefined) {
      child = { node: nodes.length };
      nodes.push([null, null]);
      slot[bit] = child;
    }
    if (!('node' in child)) throw new Error('networks overlap');
    node = child.node;
  });
}

function encode(value: MmdbValue): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === 'boolean') return control(14, value ? 1 : 0);
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value < 2 ** 32 ? uint32(value) : double(value);
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map(encode)]);
  const entries = Object.entries(value);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([key, inner]) => [encode(key), encode(inner)])]);
}

function uint32(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.concat([control(6, bytes.length), Buffer.from(bytes)]);
}

function double(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(value);
  return Buffer.concat([control(3, 8), bytes]);
}

/** Control byte: type in the top 3 bits (0 = extended, type − 7 in the next byte), then size. */
function control(type: number, size: number): Buffer {
  const typeBits = type <= 7 ? type << 5 : 0;
  const extended = type > 7 ? [type - 7] : [];
  if (size < 29) return Buffer.from([typeBits | size, ...extended]);
  if (size < 285) return Buffer.from([typeBits | 29, ...extended, size - 29]);
  return Buffer.from([typeBits | 30, ...extended, (size - 285) >> 8, (size - 285) & 0xff]);
}
