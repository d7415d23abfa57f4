/**
 * Writes a small MaxMind DB file (MMDB format 2.0) for tests: a handful of networks with
 * GeoIP2-shaped records, so the "user-supplied GeoLite2/GeoIP2 City" path is tested against the
 * real layout without shipping MaxMind's licensed data. Options cover what the reader must
 * handle and the bundled DB-IP files do not show: 24/28/32-bit records, every data type,
 * pointers of each size (repeated values written once, as real writers do), long sizes, and
 * MaxMind's IPv4 aliases (`::ffff:0:0/96`, `2002::/16`).
 * Format: https://maxmind.github.io/MaxMind-DB/
 */
import { writeFileSync } from 'node:fs';
import { IpParser } from '../ip-address';

/** A value stored with a type a plain JavaScript value would not pick. */
export class Typed {
  constructor(
    readonly type: keyof typeof TYPED_CODES,
    readonly value: number | bigint | Buffer,
  ) {}
}

export type MmdbValue = string | number | boolean | Typed | MmdbValue[] | { [key: string]: MmdbValue };

export interface MmdbNetwork {
  /** `192.0.2.0/24` or `2001:db8::/32`. IPv4 networks sit under `::/96` in an IPv6 tree. */
  network: string;
  data: MmdbValue;
}

export interface TinyMmdbOptions {
  databaseType?: string;
  recordSize?: 24 | 28 | 32;
  /** Write each repeated string, map, array or record once and point to it. */
  share?: boolean;
  /** Every pointer in its 4-byte form (legal for any offset; real files use it above 128 MiB). */
  widePointers?: boolean;
  /** Link `::ffff:0:0/96` and `2002::/16` to the IPv4 subtree, as MaxMind's IPv6 files do. */
  ipv4Aliases?: boolean;
}

const TYPED_CODES = { double: 3, bytes: 4, uint16: 5, uint32: 6, int32: 8, uint64: 9, uint128: 10, float: 15 } as const;

type Child = { node: number } | { data: number } | null;

const MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');

export function writeTinyMmdb(file: string, networks: MmdbNetwork[], ipVersion: 4 | 6 = 6, options: TinyMmdbOptions = {}): void {
  const data = new DataWriter(options);
  const nodes: Array<[Child, Child]> = [[null, null]];
  for (const { network, data: value } of networks) insert(nodes, bitsOf(network, ipVersion), { data: data.record(value) });
  if (options.ipv4Aliases && ipVersion === 6) addIpv4Aliases(nodes);
  const recordSize = options.recordSize ?? 24;
  const recordOf = (child: Child): number => (child === null ? nodes.length : 'node' in child ? child.node : nodes.length + 16 + child.data);
  const tree = Buffer.alloc((nodes.length * recordSize) / 4);
  nodes.forEach(([left, right], i) => writeNode(tree, (i * recordSize) / 4, recordSize, recordOf(left), recordOf(right)));
  const metadata = new DataWriter({});
  metadata.write({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_767_225_600,
    database_type: options.databaseType ?? 'GeoLite2-City',
    description: { en: 'OrgWarden test database' },
    ip_version: ipVersion,
    languages: ['en'],
    node_count: nodes.length,
    record_size: recordSize,
  });
  writeFileSync(file, Buffer.concat([tree, Buffer.alloc(16), data.bytes(), MARKER, metadata.bytes()]));
}

/** One value as the data section stores it (for hand-made broken files). */
export function encodeMmdbValue(value: MmdbValue): Buffer {
  const writer = new DataWriter({});
  writer.write(value);
  return writer.bytes();
}

export const METADATA_MARKER = MARKER;

function writeNode(tree: Buffer, at: number, recordSize: number, left: number, right: number): void {
  if (recordSize === 24) {
    tree.writeUIntBE(left, at, 3);
    tree.writeUIntBE(right, at + 3, 3);
  } else if (recordSize === 28) {
    tree.writeUIntBE(left & 0xffffff, at, 3);
    tree[at + 3] = ((left >>> 24) << 4) | (right >>> 24);
    tree.writeUIntBE(right & 0xffffff, at + 4, 3);
  } else {
    tree.writeUInt32BE(left, at);
    tree.writeUInt32BE(right, at + 4);
  }
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

function addIpv4Aliases(nodes: Array<[Child, Child]>): void {
  let node = 0;
  for (let depth = 0; depth < 96; depth++) {
    const child = nodes[node]![0];
    if (!child || !('node' in child)) throw new Error('IPv4 aliases need IPv4 networks');
    node = child.node;
  }
  const ipv4Root = { node };
  insert(nodes, [...new Array<number>(80).fill(0), ...new Array<number>(16).fill(1)], ipv4Root);
  insert(nodes, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], ipv4Root);
}

/** The data section, written front to back so that each value's offset is known for pointers. */
class DataWriter {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: TinyMmdbOptions) {}

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Writes a network's record (or finds the same one already written); returns its offset. */
  record(value: MmdbValue): number {
    const key = this.options.share ? identity(value) : undefined;
    const known = key === undefined ? undefined : this.seen.get(key);
    if (known !== undefined) return known;
    const offset = this.size;
    this.write(value);
    return offset;
  }

  write(value: MmdbValue): void {
    const key = this.options.share && (typeof value === 'string' || typeof value === 'object') && !(value instanceof Typed) ? identity(value) : undefined;
    const known = key === undefined ? undefined : this.seen.get(key);
    if (known !== undefined) return this.pointer(known);
    if (key !== undefined) this.seen.set(key, this.size);
    if (typeof value === 'string') return this.payload(2, Buffer.from(value, 'utf8'));
    if (typeof value === 'boolean') return this.push(control(14, value ? 1 : 0));
    if (typeof value === 'number') return this.typed(Number.isInteger(value) && value >= 0 && value < 2 ** 32 ? new Typed('uint32', value) : new Typed('double', value));
    if (value instanceof Typed) return this.typed(value);
    if (Array.isArray(value)) {
      this.push(control(11, value.length));
      return value.forEach((item) => this.write(item));
    }
    const entries = Object.entries(value);
    this.push(control(7, entries.length));
    for (const [name, inner] of entries) {
      this.write(name);
      this.write(inner);
    }
  }

  private typed({ type, value }: Typed): void {
    const code = TYPED_CODES[type];
    if (typeof value === 'object') return this.payload(code, value); // bytes
    if (type === 'double' || type === 'float') {
      const bytes = Buffer.alloc(type === 'double' ? 8 : 4);
      if (type === 'double') bytes.writeDoubleBE(Number(value));
      else bytes.writeFloatBE(Number(value));
      return this.payload(code, bytes);
    }
    // Negative int32s take all 4 bytes (two's complement); other integers their shortest form.
    let n = BigInt(value);
    if (n < 0n) n += 1n << 32n;
    const bytes: number[] = [];
    for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
    this.payload(code, Buffer.from(bytes));
  }

  private pointer(offset: number): void {
    if (this.options.widePointers || offset >= 526_336 + 2 ** 27) {
      const bytes = Buffer.alloc(5);
      bytes[0] = 0x38;
      bytes.writeUInt32BE(offset, 1);
      return this.push(bytes);
    }
    const [size, value] = offset < 2048 ? [0, offset] : offset < 526_336 ? [1, offset - 2048] : [2, offset - 526_336];
    const bytes = Buffer.alloc(size + 2);
    bytes[0] = 0x20 | (size << 3) | Math.floor(value / 2 ** (8 * (size + 1)));
    bytes.writeUIntBE(value % 2 ** (8 * (size + 1)), 1, size + 1);
    this.push(bytes);
  }

  private payload(type: number, bytes: Buffer): void {
    this.push(Buffer.concat([control(type, bytes.length), bytes]));
  }

  private push(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }
}

/** A key equal for equal values (byte values as base64: JSON would spell each byte out). */
function identity(value: MmdbValue): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'bigint') return `${inner}n`;
    if (!(inner instanceof Typed)) return inner;
    return { typed: inner.type, value: Buffer.isBuffer(inner.value) ? inner.value.toString('base64') : inner.value };
  });
}

/** Control byte: type in the top 3 bits (0 = extended, type − 7 in the next byte), then size. */
function control(type: number, size: number): Buffer {
  const typeBits = type <= 7 ? type << 5 : 0;
  const extended = type > 7 ? [type - 7] : [];
  if (size < 29) return Buffer.from([typeBits | size, ...extended]);
  if (size < 285) return Buffer.from([typeBits | 29, ...extended, size - 29]);
  if (size < 65_821) return Buffer.from([typeBits | 30, ...extended, (size - 285) >> 8, (size - 285) & 0xff]);
  const rest = size - 65_821;
  return Buffer.from([typeBits | 31, ...extended, rest >> 16, (rest >> 8) & 0xff, rest & 0xff]);
}
