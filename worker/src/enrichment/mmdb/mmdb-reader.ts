/**
 * A MaxMind DB (`.mmdb`) reader that leaves the file on disk: the search tree and the data
 * section are read with positional reads through a small page pool (`paged-file.ts`), and decoded
 * records are cached by their offset. Resident memory is the pool, the record cache and the
 * tree's prefix tables — a few MB — whether the database is DB-IP's 63 MB or a 135 MB GeoIP2 City file. Answers are those of
 * the `maxmind` package (a test compares the two on the bundled databases), with one exception:
 * an IPv6 address in an IPv4-only database has no answer, as in libmaxminddb.
 */
import { LruCache } from '../lru-cache';
import { parseIpv4, parseIpv6 } from '../ip-address';
import { compileSelection, DataDecoder, type FieldSelection } from './data-decoder';
import { DATA_SECTION_SEPARATOR_BYTES, readMetadata, type MmdbMetadata } from './metadata';
import { PagedFile, type PageStats } from './paged-file';
import { SearchTree } from './search-tree';

export interface MmdbReaderOptions {
  /** Bytes of file pages kept in memory (rounded down to whole 4 KiB pages). */
  pageCacheBytes?: number;
  /** Decoded records kept, by data offset. */
  recordCacheEntries?: number;
  /** Decode only these keys of the records' maps (default: everything). */
  fields?: FieldSelection;
}

/**
 * 1,024 pages. A lookup walks 20–40 nodes: the first 16 levels are remembered per address
 * prefix (`search-tree.ts`), the deeper ones sit together (nodes are stored depth-first), so a
 * cold lookup costs one or two page reads of the tree and a few of the data section. Measured
 * on the bundled IPv4 file: ≈ 1.5 page reads per lookup of a random address; none once 1,000
 * busy addresses have each been asked.
 */
const DEFAULT_PAGE_CACHE_BYTES = 4 * 1024 * 1024;
/** Many networks share a record (one per city); a cached one needs no page reads nor decoding. */
const DEFAULT_RECORD_CACHE_ENTRIES = 10_000;

export class MmdbReader {
  readonly metadata: MmdbMetadata;
  private readonly file: PagedFile;
  private readonly tree: SearchTree;
  private readonly decoder: DataDecoder;
  private readonly records: LruCache<number, unknown>;
  private readonly select: ReturnType<typeof compileSelection> | null;
  private readonly v6 = new Uint32Array(4);

  /** Opens `path` and reads its metadata; throws when it is not a usable MaxMind DB. */
  constructor(path: string, options: MmdbReaderOptions = {}) {
    this.file = new PagedFile(path, options.pageCacheBytes ?? DEFAULT_PAGE_CACHE_BYTES);
    try {
      const { metadata, dataSectionEnd } = readMetadata(this.file);
      this.metadata = metadata;
      this.tree = new SearchTree(this.file, metadata);
      this.decoder = new DataDecoder(this.file, metadata.searchTreeSize + DATA_SECTION_SEPARATOR_BYTES, dataSectionEnd);
    } catch (err) {
      this.file.close();
      throw err;
    }
    this.records = new LruCache(options.recordCacheEntries ?? DEFAULT_RECORD_CACHE_ENTRIES);
    this.select = options.fields ? compileSelection(options.fields) : null;
  }

  /**
   * The record of `ip` (dotted IPv4 or IPv6 text), or null when the database has none or the
   * text is no address. A record read again comes back as the same object while it is cached:
   * treat it as read-only.
   */
  get(ip: string): unknown {
    const offset = this.recordOffset(ip);
    if (offset < 0) return null;
    let record = this.records.get(offset);
    if (record === undefined) {
      record = this.decoder.decode(offset, this.select);
      this.records.set(offset, record);
    }
    return record;
  }

  pageStats(): PageStats {
    return this.file.stats();
  }

  close(): void {
    this.file.close();
  }

  private recordOffset(ip: string): number {
    if (ip.indexOf(':') < 0) {
      const v4 = parseIpv4(ip);
      return v4 < 0 ? -1 : this.tree.findIpv4(v4);
    }
    // `::ffff:a.b.c.d` is walked as the IPv6 address it is: MaxMind's files link that range to
    // the IPv4 subtree, DB-IP's have nothing there. Callers wanting the IPv4 answer unmap first.
    return parseIpv6(ip, this.v6) ? this.tree.findIpv6(this.v6) : -1;
  }
}
