/**
 * The metadata of a MaxMind DB file: a data-section map after the last `\xAB\xCD\xEFMaxMind.com`
 * marker, within the file's last 128 KiB. It sizes the search tree and says where the data
 * section starts.
 */
import { DataDecoder } from './data-decoder';
import { MmdbFormatError } from './mmdb-error';
import type { PagedFile } from './paged-file';

export const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');
const METADATA_MAX_BYTES = 128 * 1024;
/** Sixteen zero bytes separate the search tree from the data section. */
export const DATA_SECTION_SEPARATOR_BYTES = 16;

/** Field names as `mmdb-lib` gives them, so either reader's metadata reads the same. */
export interface MmdbMetadata {
  binaryFormatMajorVersion: number;
  binaryFormatMinorVersion: number;
  buildEpoch: Date;
  databaseType: string;
  description: Record<string, string>;
  ipVersion: 4 | 6;
  languages: string[];
  nodeCount: number;
  recordSize: 24 | 28 | 32;
  /** Bytes per node: two records. */
  nodeByteSize: number;
  searchTreeSize: number;
}

interface RawMetadata {
  binary_format_major_version?: unknown;
  binary_format_minor_version?: unknown;
  build_epoch?: unknown;
  database_type?: unknown;
  description?: unknown;
  ip_version?: unknown;
  languages?: unknown;
  node_count?: unknown;
  record_size?: unknown;
}

/** The file's metadata, and where its data section ends (at the metadata marker). */
export function readMetadata(file: PagedFile): { metadata: MmdbMetadata; dataSectionEnd: number } {
  const tailStart = Math.max(0, file.size - METADATA_MAX_BYTES);
  const tail = Buffer.from(file.read(tailStart, file.size - tailStart).subarray(file.at, file.at + file.size - tailStart));
  const marker = tail.lastIndexOf(METADATA_MARKER);
  if (marker < 0) throw new MmdbFormatError(file.path, `not a MaxMind DB (.mmdb) file, or a truncated one: no metadata marker in its last ${Math.round(METADATA_MAX_BYTES / 1024)} KiB`);
  const dataSectionEnd = tailStart + marker;
  const start = dataSectionEnd + METADATA_MARKER.length;
  let raw: RawMetadata;
  try {
    raw = new DataDecoder(file, start, file.size).decode(start) as RawMetadata;
  } catch (err) {
    if (!(err instanceof MmdbFormatError)) throw err;
    throw new MmdbFormatError(file.path, `corrupt MaxMind DB metadata: ${err.detail}`, err.detail);
  }
  const metadata = fromRaw(raw, file.path);
  if (metadata.searchTreeSize + DATA_SECTION_SEPARATOR_BYTES > dataSectionEnd) {
    throw new MmdbFormatError(file.path, `corrupt or truncated MaxMind DB: the search tree (${metadata.nodeCount} nodes of ${metadata.nodeByteSize} bytes) is larger than the file`);
  }
  return { metadata, dataSectionEnd };
}

function fromRaw(raw: RawMetadata, path: string): MmdbMetadata {
  const bad = (what: string) => new MmdbFormatError(path, `unusable MaxMind DB metadata: ${what}`);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('it is not a map');
  if (raw.binary_format_major_version !== 2) throw bad(`binary format ${String(raw.binary_format_major_version)} (only 2 is read)`);
  const recordSize = raw.record_size;
  if (recordSize !== 24 && recordSize !== 28 && recordSize !== 32) throw bad(`unsupported record size ${String(recordSize)} (24, 28 or 32)`);
  const ipVersion = raw.ip_version;
  if (ipVersion !== 4 && ipVersion !== 6) throw bad(`unsupported IP version ${String(ipVersion)}`);
  const nodeCount = raw.node_count;
  if (typeof nodeCount !== 'number' || !Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount >= 2 ** recordSize) throw bad(`node count ${String(nodeCount)}`);
  return {
    binaryFormatMajorVersion: 2,
    binaryFormatMinorVersion: Number(raw.binary_format_minor_version ?? 0),
    buildEpoch: new Date(Number(raw.build_epoch) * 1000),
    databaseType: String(raw.database_type ?? ''),
    description: (raw.description ?? {}) as Record<string, string>,
    ipVersion,
    languages: Array.isArray(raw.languages) ? (raw.languages as string[]) : [],
    nodeCount,
    recordSize,
    nodeByteSize: recordSize / 4,
    searchTreeSize: (nodeCount * recordSize) / 4,
  };
}
