import fc from 'fast-check';
import { BUNDLED_DATA } from '../bundled-data';
import { GEO_RECORD_FIELDS } from '../geo-record';
import { anyIpv4, anyIpv6, boundaryAddresses, EDGE_IPV4, EDGE_IPV6, networkEdges, oracleReader, project } from '../__tests__/mmdb-oracle';
import { MmdbReader } from './mmdb-reader';
import { PAGE_BYTES } from './paged-file';

// The file-backed reader against the `maxmind` package (whole file in a Buffer) on the bundled
// DB-IP databases: the same answer for every address. The readers under test keep only a few
// pages, so the comparison also runs through constant page eviction.
const SMALL_CACHE = { pageCacheBytes: 16 * PAGE_BYTES, recordCacheEntries: 64 };

describe.each([
  { family: 4 as const, file: BUNDLED_DATA.cityIpv4(), asn: BUNDLED_DATA.asnIpv4(), addresses: anyIpv4, edges: EDGE_IPV4 },
  { family: 6 as const, file: BUNDLED_DATA.cityIpv6(), asn: BUNDLED_DATA.asnIpv6(), addresses: anyIpv6, edges: EDGE_IPV6 },
])('MmdbReader on the bundled DB-IP IPv$family city database', ({ family, file, asn, addresses, edges }) => {
  const oracle = oracleReader(file);
  const reader = new MmdbReader(file, SMALL_CACHE);
  const geoReader = new MmdbReader(file, { ...SMALL_CACHE, fields: GEO_RECORD_FIELDS });
  afterAll(() => {
    reader.close();
    geoReader.close();
  });

  it('reads the same metadata', () => {
    const { binaryFormatMajorVersion, binaryFormatMinorVersion, buildEpoch, databaseType, description, ipVersion, languages, nodeCount, recordSize, nodeByteSize, searchTreeSize } = oracle.metadata;
    expect(reader.metadata).toEqual({ binaryFormatMajorVersion, binaryFormatMinorVersion, buildEpoch, databaseType, description, ipVersion, languages, nodeCount, recordSize, nodeByteSize, searchTreeSize });
    expect(reader.metadata.ipVersion).toBe(family);
  });

  it('answers random addresses as maxmind does', () => {
    const ips = fc.sample(addresses, { numRuns: 4_000, seed: family });
    let found = 0;
    for (const ip of ips) {
      const expected = oracle.get(ip);
      if (expected !== null) found++;
      expect([ip, reader.get(ip)]).toEqual([ip, expected]);
    }
    // The sample reaches records and misses alike.
    expect(found).toBeGreaterThan(ips.length / 4);
    expect(found).toBeLessThan(ips.length);
  });

  it('answers the first and last address of networks, and their neighbours, as maxmind does', () => {
    const inside = fc.sample(addresses, { numRuns: 3_000, seed: 100 + family }).filter((ip) => oracle.get(ip) !== null).slice(0, 500);
    const ips = inside.flatMap((ip) => networkEdges(oracle, ip, family));
    expect(ips.length).toBeGreaterThan(1_500);
    for (const ip of ips) expect([ip, reader.get(ip)]).toEqual([ip, oracle.get(ip)]);
  });

  it('answers edge, reserved, IPv4-mapped and block-boundary addresses as maxmind does', () => {
    const ips = [...edges, ...boundaryAddresses(asn, family, 750)];
    const found = ips.filter((ip) => oracle.get(ip) !== null).length;
    expect(found).toBeGreaterThan(ips.length / 2); // the sample really reaches records
    for (const ip of ips) expect([ip, reader.get(ip)]).toEqual([ip, oracle.get(ip)]);
  });

  it('decodes only the fields geo-record reads, with the same values', () => {
    for (const ip of fc.sample(addresses, { numRuns: 1_500, seed: 200 + family })) expect([ip, geoReader.get(ip)]).toEqual([ip, project(oracle.get(ip), GEO_RECORD_FIELDS)]);
  });
});

describe('MmdbReader memory', () => {
  it('holds at most the configured pages, however many lookups it serves', () => {
    const reader = new MmdbReader(BUNDLED_DATA.cityIpv4(), { pageCacheBytes: 256 * PAGE_BYTES });
    for (const ip of fc.sample(anyIpv4, { numRuns: 5_000, seed: 42 })) reader.get(ip);
    const stats = reader.pageStats();
    reader.close();
    expect(stats.capacity).toBe(256);
    // Far more pages were read than are kept: the pool was recycled, not grown.
    expect(stats.misses).toBeGreaterThan(10 * stats.capacity);
  });

  it('gives the same object for addresses that share a record', () => {
    const reader = new MmdbReader(BUNDLED_DATA.cityIpv4());
    // Two addresses of Google's Mountain View block: one city record.
    expect(reader.get('8.8.8.8')).toBe(reader.get('8.8.4.4'));
    reader.close();
  });
});
