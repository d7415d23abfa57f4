/**
 * Is a file a usable MaxMind DB (`.mmdb`)? Checked when the config is read, so that a wrong
 * `geoip.cityDatabase` fails the start. The file is opened with the reader enrichment uses
 * (metadata, record size, tree size) and asked for one address of each family it holds, with a
 * one-page cache: a few reads, nothing loaded whole (config validation runs for every command).
 */
import { MmdbFormatError } from './mmdb/mmdb-error';
import { MmdbReader } from './mmdb/mmdb-reader';
import { PAGE_BYTES } from './mmdb/paged-file';

/** Why `path` is not a usable MaxMind DB file, or undefined when it is. */
export function mmdbFileProblem(path: string): string | undefined {
  let reader: MmdbReader | undefined;
  try {
    reader = new MmdbReader(path, { pageCacheBytes: PAGE_BYTES, recordCacheEntries: 1 });
    reader.get('8.8.8.8');
    if (reader.metadata.ipVersion === 6) reader.get('2001:4860:4860::8888');
    return undefined;
  } catch (err) {
    if (!(err instanceof MmdbFormatError)) {
      const code = (err as NodeJS.ErrnoException).code;
      return `cannot read ${path}${code ? ` (${code})` : ''}`;
    }
    if (err.problem.startsWith('not a MaxMind DB')) return `${path} is not a MaxMind DB (.mmdb) file, or is truncated: it has no metadata marker (a .tar.gz download must be unpacked first)`;
    return err.message;
  } finally {
    reader?.close();
  }
}
