/**
 * MaxMind DB readers (DB-IP's bundled city files, or the user's GeoLite2/GeoIP2 City file),
 * opened on first use and shared by every enricher of the process.
 *
 * The files stay on disk: `mmdb/mmdb-reader.ts` reads them through a small page cache, so a
 * reader costs a few MB whatever the database size (DB-IP's IPv4 and IPv6 files are 63 and
 * 71 MB; held in Buffers, as the `maxmind` package does, they were most of the worker's memory).
 */
import { GEO_RECORD_FIELDS } from './geo-record';
import { MmdbReader } from './mmdb/mmdb-reader';

export type { MmdbReader };

const readers = new Map<string, MmdbReader>();

/**
 * Decoded records kept by data offset. Many addresses share a record (one per city), and
 * decoding is most of a cold lookup; a cached record also comes back as the same object, which
 * lets `GeoIp` remember its `Geo` per record. Only the fields `geo-record.ts` reads are decoded,
 * so an entry is a small object.
 */
const RECORD_CACHE_ENTRIES = 20_000;

/** File pages kept per reader: the top of the search tree and the pages of busy networks. */
const PAGE_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * The reader of `path`, opened once per process and shared by every enricher. Its records hold
 * only the fields `geoFromRecord` reads (`GEO_RECORD_FIELDS`). Rejects with an error naming the
 * file when it is missing or not a usable MaxMind DB; the next call tries again.
 */
export function openMmdb(path: string): Promise<MmdbReader> {
  let reader = readers.get(path);
  if (!reader) {
    try {
      reader = new MmdbReader(path, { fields: GEO_RECORD_FIELDS, recordCacheEntries: RECORD_CACHE_ENTRIES, pageCacheBytes: PAGE_CACHE_BYTES });
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    readers.set(path, reader);
  }
  return Promise.resolve(reader);
}
