import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { anyIpv4, bufferEquality, EDGE_IPV4, EDGE_IPV6, formatIpv4, formatIpv6, oracleReader } from '../__tests__/mmdb-oracle';
import { encodeMmdbValue, METADATA_MARKER, Typed, writeTinyMmdb, type MmdbNetwork, type MmdbValue, type TinyMmdbOptions } from '../__tests__/tiny-mmdb';
import { mmdbFileProblem } from '../mmdb-file';
import { MmdbReader } from './mmdb-reader';

// What the bundled DB-IP files do not show (they use 28-bit records, few types and no IPv4
// aliases): MaxMind-shaped files with every record size, every data type, pointers of each size
// and long size encodings, compared with the `maxmind` package and checked against known values.
const dir = mkdtempSync(join(tmpdir(), 'ow-mmdb-'));
// Jest ≥ 29.4 has custom equality testers; @types/jest here predates them.
(expect as unknown as { addEqualityTesters(testers: Array<(a: unknown, b: unknown) => boolean | undefined>): void }).addEqualityTesters([bufferEquality]);

const FRANCE = { geoname_id: 3017382, iso_code: 'FR', names: { de: 'Frankreich', en: 'France', ja: 'フランス' } };
const PARIS = {
  city: { geoname_id: 2988507, names: { en: 'Paris', 'zh-CN': '巴黎' } },
  country: FRANCE,
  registered_country: FRANCE,
  location: { accuracy_radius: 20, latitude: 48.8566, longitude: 2.3522, time_zone: 'Europe/Paris' },
  subdivisions: [{ iso_code: 'IDF', names: { en: 'Île-de-France' } }],
  postal: { code: '75001' },
};
const LYON = { ...PARIS, city: { geoname_id: 2996944, names: { en: 'Lyon' } }, location: { accuracy_radius: 50, latitude: 45.764, longitude: 4.8357 } };
const KITCHEN_SINK = {
  utf8: 'Zürich — 東京 — 🚀', empty: '', s28: 'a'.repeat(28), s29: 'b'.repeat(29), s284: 'c'.repeat(284), s285: 'd'.repeat(285),
  s65820: 'e'.repeat(65_820), s65821: 'f'.repeat(65_821), s70000: 'g'.repeat(70_000),
  double: -12.5, nan: Number.NaN, big: 2 ** 40, float: new Typed('float', 1.5), bytes: new Typed('bytes', Buffer.from([0, 1, 255])), noBytes: new Typed('bytes', Buffer.alloc(0)),
  u16: new Typed('uint16', 65_535), u16zero: new Typed('uint16', 0), u32: 4_294_967_295, u32zero: 0,
  i32neg: new Typed('int32', -1), i32min: new Typed('int32', -2_147_483_648), i32short: new Typed('int32', 200),
  u64: new Typed('uint64', 2n ** 64n - 1n), u64zero: new Typed('uint64', 0n), u128: new Typed('uint128', 2n ** 128n - 1n),
  yes: true, no: false, array: [1, 'two', [3], { four: 4 }], emptyArray: [], emptyMap: {},
  longArray: Array.from({ length: 300 }, (_, i) => i), wideMap: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])),
};

// Records in file order: a 3 KB and a 600 KB value push later values past the offsets where
// pointers need 2 and 3 bytes; with `share`, repeated keys and strings become such pointers.
const NETWORKS: MmdbNetwork[] = [
  { network: '1.0.0.0/8', data: { pad: new Typed('bytes', Buffer.alloc(3_000, 1)) } },
  { network: '2.0.0.0/8', data: { near: 'past 2 KiB' } },
  { network: '3.0.0.0/8', data: { pad: new Typed('bytes', Buffer.alloc(600_000, 2)) } },
  { network: '4.0.0.0/8', data: { near: 'past 2 KiB', far: 'past 514 KiB' } },
  { network: '5.0.0.0/8', data: { far: 'past 514 KiB', pad: 'past 2 KiB' } },
  { network: '192.0.2.0/24', data: PARIS },
  { network: '198.51.100.0/25', data: LYON },
  { network: '198.51.100.128/25', data: PARIS },
  { network: '203.0.113.7/32', data: KITCHEN_SINK },
  { network: '2001:db8:1::/48', data: { country: { iso_code: 'JP', names: { en: 'Japan' } }, location: { accuracy_radius: 500, latitude: 35.6897, longitude: 139.6922 } } },
  { network: '2001:db8:ffff:ffff::/64', data: KITCHEN_SINK },
];

const IPV4_NETWORKS = NETWORKS.filter((n) => !n.network.includes(':'));
const insideIpv4 = fc.tuple(fc.constantFrom(1, 2, 3, 4, 5, 192, 198, 203), fc.nat(0xffffff)).map(([top, low]) => formatIpv4(((top << 24) | low) >>> 0));
const hextet = fc.oneof(fc.constant(0x0001), fc.constant(0xffff), fc.nat(0xffff));
const insideIpv6 = fc.tuple(hextet, hextet, fc.nat(), fc.nat()).map(([hi, lo, w2, w3]) => formatIpv6([0x20010db8, ((hi << 16) | lo) >>> 0, w2, w3]));
/** An IPv4 address as MaxMind's IPv6 files also answer for it: IPv4-mapped and 6to4. */
const aliasesOf = (v4: string): string[] => {
  const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
  return [`::ffff:${v4}`, `2002:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}::1`];
};
const boundaries = (): string[] =>
  IPV4_NETWORKS.flatMap(({ network }) => {
    const [address, prefix] = network.split('/');
    const first = address!.split('.').reduce((v, p) => v * 256 + Number(p), 0);
    const last = first + 2 ** (32 - Number(prefix)) - 1;
    return [first - 1, first, last, last + 1].map((v) => formatIpv4(v >>> 0));
  });

describe.each<TinyMmdbOptions>([
  { recordSize: 24 },
  { recordSize: 28, share: true },
  { recordSize: 32, share: true, widePointers: true },
  { recordSize: 24, share: true, ipv4Aliases: true },
  { recordSize: 28, ipv4Aliases: true },
  { recordSize: 32, share: true, ipv4Aliases: true },
])('MmdbReader on a GeoIP2-shaped file %o', (options) => {
  const file = join(dir, `city-${options.recordSize}-${options.share ?? false}-${options.widePointers ?? false}-${options.ipv4Aliases ?? false}.mmdb`);
  writeTinyMmdb(file, NETWORKS, 6, options);
  const oracle = oracleReader(file);
  const reader = new MmdbReader(file, { pageCacheBytes: 2 * 4096, recordCacheEntries: 4 });
  afterAll(() => reader.close());
  const same = (ip: string) => expect([ip, reader.get(ip)]).toEqual([ip, oracle.get(ip)]);

  it('answers every network edge, reserved address and alias as maxmind does', () => {
    const v4 = [...boundaries(), ...EDGE_IPV4];
    for (const ip of [...v4, ...v4.flatMap(aliasesOf), ...EDGE_IPV6]) same(ip);
  });

  it('answers random addresses as maxmind does', () => {
    fc.assert(fc.property(fc.oneof(anyIpv4, insideIpv4, insideIpv4.chain((v4) => fc.constantFrom(...aliasesOf(v4))), insideIpv6), same), { numRuns: 3_000 });
  });

  it('decodes every data type to the value written', () => {
    const sink = reader.get('203.0.113.7') as Record<string, unknown>;
    expect(sink).toMatchObject({ utf8: 'Zürich — 東京 — 🚀', s65821: 'f'.repeat(65_821), float: 1.5, u16: 65_535, u32: 4_294_967_295, i32neg: -1, i32min: -2_147_483_648, i32short: 200 });
    expect(sink).toMatchObject({ u64: 2n ** 64n - 1n, u64zero: 0n, u128: 2n ** 128n - 1n, bytes: Buffer.from([0, 1, 255]), yes: true, no: false, array: [1, 'two', [3], { four: 4 }] });
    expect((sink.s70000 as string).length).toBe(70_000);
    expect(reader.get('2001:db8:ffff:ffff::1')).toEqual(sink);
    expect(reader.get('5.1.2.3')).toEqual({ far: 'past 514 KiB', pad: 'past 2 KiB' });
  });

  it('follows the IPv4 aliases only where the file has them', () => {
    const city = (ip: string) => (reader.get(ip) as typeof PARIS | null)?.city.names.en;
    expect(city('192.0.2.77')).toBe('Paris');
    expect(city('::ffff:192.0.2.77')).toBe(options.ipv4Aliases ? 'Paris' : undefined);
    expect(city('2002:c000:24d::1')).toBe(options.ipv4Aliases ? 'Paris' : undefined);
  });
});

describe('MmdbReader on an IPv4-only file', () => {
  const file = join(dir, 'v4-only.mmdb');
  writeTinyMmdb(file, IPV4_NETWORKS, 4, { recordSize: 28, share: true });
  const reader = new MmdbReader(file);
  afterAll(() => reader.close());

  it('answers IPv4 as maxmind does', () => {
    const oracle = oracleReader(file);
    for (const ip of [...boundaries(), ...EDGE_IPV4]) expect([ip, reader.get(ip)]).toEqual([ip, oracle.get(ip)]);
  });

  it('does not answer IPv6 from the IPv4 tree (maxmind would, with a wrong place)', () => {
    // c000:2ff:: starts with the 24 bits of 192.0.2.0/24.
    expect(oracleReader(file).get('c000:2ff::1')).not.toBeNull();
    expect(reader.get('c000:2ff::1')).toBeNull();
  });

  it('answers text that is no address with null', () => {
    for (const text of ['', 'localhost', '192.0.2', '192.0.2.256', '192.0.02.1', '::g', '1:2:3:4:5:6:7:8:9']) expect(reader.get(text)).toBeNull();
  });
});

describe('MmdbReader on broken files', () => {
  const metadata = { binary_format_major_version: 2, binary_format_minor_version: 0, build_epoch: 1, database_type: 'x', description: {}, ip_version: 4, languages: [], node_count: 1, record_size: 24 };
  const broken = (name: string, bytes: Buffer): string => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  /** The error names the file first, then says what is wrong. */
  const expectError = (run: () => unknown, file: string, what: RegExp): void => {
    let message = '';
    try {
      run();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.startsWith(`${file}: `)).toBe(true);
    expect(message).toMatch(what);
  };
  /** A one-node IPv4 tree: addresses starting with a 0 bit lead to `left`, the others to `right`. */
  const oneNode = (name: string, left: number, right: number, data: Buffer = encodeMmdbValue('x')): string => {
    const tree = Buffer.alloc(6);
    tree.writeUIntBE(left, 0, 3);
    tree.writeUIntBE(right, 3, 3);
    return broken(name, Buffer.concat([tree, Buffer.alloc(16), data, METADATA_MARKER, encodeMmdbValue(metadata)]));
  };
  /** A valid file whose one record is the string `CORRUPTME`, with `patch` applied at its control byte. */
  const patched = (name: string, patch: (bytes: Buffer, at: number) => void): string => {
    const file = join(dir, name);
    writeTinyMmdb(file, [{ network: '192.0.2.0/24', data: 'CORRUPTME' }], 6);
    const bytes = readFileSync(file);
    patch(bytes, bytes.indexOf('CORRUPTME') - 1);
    writeFileSync(file, bytes);
    return file;
  };
  const lookup = (file: string, ip: string) => () => {
    const reader = new MmdbReader(file);
    try {
      return reader.get(ip);
    } finally {
      reader.close();
    }
  };

  it('refuses a file without metadata, an unknown record size and a tree larger than the file', () => {
    const plain = broken('plain.mmdb', Buffer.from('GeoLite2-City.tar.gz'));
    expectError(() => new MmdbReader(plain), plain, /not a MaxMind DB \(\.mmdb\) file, or a truncated one: no metadata marker/);
    const size = broken('size.mmdb', Buffer.concat([Buffer.alloc(200), METADATA_MARKER, encodeMmdbValue({ ...metadata, record_size: 20 })]));
    expectError(() => new MmdbReader(size), size, /unusable MaxMind DB metadata: unsupported record size 20/);
    const short = broken('short.mmdb', Buffer.concat([Buffer.alloc(20), METADATA_MARKER, encodeMmdbValue({ ...metadata, node_count: 10 })]));
    expectError(() => new MmdbReader(short), short, /search tree \(10 nodes of 6 bytes\) is larger than the file/);
    const format = broken('format.mmdb', Buffer.concat([Buffer.alloc(200), METADATA_MARKER, encodeMmdbValue({ ...metadata, binary_format_major_version: 3 })]));
    expectError(() => new MmdbReader(format), format, /binary format 3/);
    const notMap = broken('not-map.mmdb', Buffer.concat([Buffer.alloc(200), METADATA_MARKER, encodeMmdbValue('metadata')]));
    expectError(() => new MmdbReader(notMap), notMap, /metadata: it is not a map/);
  });

  it('refuses a truncated file: without its metadata, or cut inside it', () => {
    const whole = readFileSync(patched('whole.mmdb', () => {}));
    const half = broken('half.mmdb', whole.subarray(0, whole.length >> 1));
    expectError(() => new MmdbReader(half), half, /or a truncated one: no metadata marker/);
    const cut = broken('cut.mmdb', whole.subarray(0, whole.length - 20));
    expectError(() => new MmdbReader(cut), cut, /corrupt MaxMind DB metadata: cannot decode a value .* past the end of the section/);
    // The config check (geoip.cityDatabase) says the same at start.
    expect(mmdbFileProblem(half)).toBe(`${half} is not a MaxMind DB (.mmdb) file, or is truncated: it has no metadata marker (a .tar.gz download must be unpacked first)`);
    expect(mmdbFileProblem(cut)).toMatch(/cut\.mmdb: corrupt MaxMind DB metadata/);
    expect(mmdbFileProblem(join(dir, 'whole.mmdb'))).toBeUndefined();
  });

  it('refuses a search tree that points into the separator or past the data section (a truncated data section)', () => {
    const separator = oneNode('separator.mmdb', 1 + 5, 1);
    expect(lookup(separator, '128.0.0.1')()).toBeNull();
    expectError(lookup(separator, '1.2.3.4'), separator, /corrupt MaxMind DB: a search tree record \(6\) points into the data section separator/);
    const beyond = oneNode('beyond.mmdb', 1 + 16 + 1_000, 1);
    expectError(lookup(beyond, '1.2.3.4'), beyond, /corrupt MaxMind DB: a search tree record points to byte \d+, outside the data section/);
  });

  it('refuses pointers to pointers (a loop) and pointers out of the data section', () => {
    const loop = patched('loop.mmdb', (bytes, at) => {
      bytes[at] = 0x20; // a pointer (size 0) …
      bytes[at + 1] = 0; // … to data offset 0: itself
    });
    expectError(lookup(loop, '192.0.2.1'), loop, /corrupt MaxMind DB: cannot decode a pointer to another pointer/);
    const out = patched('out.mmdb', (bytes, at) => {
      bytes[at] = 0x27; // a pointer to data offset 2047 …
      bytes[at + 1] = 0xff; // … far past this data section's 10 bytes
    });
    expectError(lookup(out, '192.0.2.1'), out, /corrupt MaxMind DB: cannot decode a pointer to byte \d+, outside the section/);
  });

  it('refuses values of impossible sizes and types', () => {
    const container = patched('container.mmdb', (bytes, at) => {
      bytes[at] = 0x00; // extended type …
      bytes[at + 1] = 12 - 7; // … 12: the data cache container
    });
    expectError(lookup(container, '192.0.2.1'), container, /cannot decode extended type 12, in the value at byte \d+/);
    const double = patched('double.mmdb', (bytes, at) => {
      bytes[at] = (3 << 5) | 9; // a double of 9 bytes (CORRUPTME)
    });
    expectError(lookup(double, '192.0.2.1'), double, /cannot decode a double of 9 bytes/);
    const uint16 = patched('uint16.mmdb', (bytes, at) => {
      bytes[at] = (5 << 5) | 9; // a uint16 of 9 bytes
    });
    expectError(lookup(uint16, '192.0.2.1'), uint16, /cannot decode an integer of type 5 and 9 bytes/);
    const long = patched('long.mmdb', (bytes, at) => {
      bytes[at] = (2 << 5) | 28; // a string of 28 bytes: past the data section
    });
    expectError(lookup(long, '192.0.2.1'), long, /runs past the end of the section/);
    const huge = patched('huge.mmdb', (bytes, at) => {
      bytes[at] = (7 << 5) | 31; // a map of 65,821 + 0x43 4f 52 entries
    });
    expectError(lookup(huge, '192.0.2.1'), huge, /a map of \d+ entries that runs past the end of the section/);
  });

  it('refuses nesting deeper than any record (no stack overflow)', () => {
    let deep: MmdbValue = 'bottom';
    for (let i = 0; i < 600; i++) deep = [deep];
    const file = join(dir, 'deep.mmdb');
    writeTinyMmdb(file, [{ network: '192.0.2.0/24', data: deep }], 6);
    expectError(lookup(file, '192.0.2.1'), file, /nested more than 512 deep/);
  });
});
