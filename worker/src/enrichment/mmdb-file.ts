/**
 * Is a file a MaxMind DB (`.mmdb`)? Checked when the config is read, so that a wrong
 * `geoip.cityDatabase` fails the start. Reads only the file's tail; the reader library is not
 * loaded for this (config validation runs for every command).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** The metadata section starts with this marker, within the last 128 KiB of the file (MMDB spec). */
const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');
const METADATA_MAX_BYTES = 128 * 1024;

/** Why `path` is not a usable MaxMind DB file, or undefined when it is. */
export function mmdbFileProblem(path: string): string | undefined {
  let fd: number | undefined;
  try {
    const size = statSync(path).size;
    const length = Math.min(size, METADATA_MAX_BYTES);
    const tail = Buffer.alloc(length);
    fd = openSync(path, 'r');
    readSync(fd, tail, 0, length, size - length);
    if (tail.lastIndexOf(METADATA_MARKER) < 0) return `${path} is not a MaxMind DB (.mmdb) file (a .tar.gz download must be unpacked first)`;
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return `cannot read ${path}${code ? ` (${code})` : ''}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
