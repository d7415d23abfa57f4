/**
 * MaxMind DB readers (DB-IP's bundled city files, or the user's GeoLite2/GeoIP2 City file),
 * opened on first use and shared by every enricher of the process.
 */
import { readFile } from 'node:fs/promises';
import { Reader, type Response } from 'maxmind';
import { LruCache } from './lru-cache';

// DB-IP's files use their own flat record layout, GeoIP2 the nested one: records are typed
// loosely here and read by `geo-record.ts`.
export type MmdbReader = Reader<Response>;

const readers = new Map<string, Promise<MmdbReader>>();

/**
 * Decoded records kept by data offset. Many addresses share a record (one per city), and
 * decoding is two thirds of a lookup (≈ 2 µs of 3); a cached record also comes back as the
 * same object, which lets `GeoIp` remember its `Geo` per record.
 */
const RECORD_CACHE_ENTRIES = 20_000;

/** The reader of `path`, opened once per process and shared by every enricher. */
export function openMmdb(path: string): Promise<MmdbReader> {
  let reader = readers.get(path);
  if (!reader) {
    // The whole file is held in memory (mmdb-lib reads from a Buffer); lookups never touch the disk.
    reader = readFile(path).then((buffer) => new Reader<Response>(buffer, { cache: new LruCache<string | number, unknown>(RECORD_CACHE_ENTRIES) }));
    reader.catch(() => readers.delete(path)); // retried by the next page
    readers.set(path, reader);
  }
  return reader;
}
