/**
 * A MaxMind DB file that cannot be read as one: not an `.mmdb` file, truncated, or corrupt. The
 * message names the file and what is wrong with it, e.g.
 * `/data/GeoLite2-City.mmdb: corrupt MaxMind DB: cannot decode a pointer to byte 70123456, outside the section (…)`.
 */
export class MmdbFormatError extends Error {
  /**
   * `path`: the file; `problem`: what is wrong, as the message says it after the path;
   * `detail`: the same without its `corrupt MaxMind DB:` prefix, for a caller that adds context.
   */
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly detail = problem,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'MmdbFormatError';
  }
}

/** `<path>: corrupt MaxMind DB: <what>`. */
export function corrupt(path: string, what: string): MmdbFormatError {
  return new MmdbFormatError(path, `corrupt MaxMind DB: ${what}`, what);
}
