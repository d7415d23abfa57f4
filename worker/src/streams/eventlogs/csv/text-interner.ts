/**
 * One string per distinct value of a column, for the columns whose values repeat row after row
 * and are then used as keys: user ids, client addresses, session keys, API method names, user
 * agents. A day's event log has a million rows from a few thousand users and sessions; decoding
 * each row's value makes a new string that every Map lookup downstream (the user directory, the
 * GeoIP cache, a policy's per-session state) hashes and compares again. The same instance carries
 * its hash from the first lookup, compares by identity, and is not garbage a row later.
 *
 * A direct-mapped cache on the value's bytes (FNV-1a): a hit costs the hash and a byte-by-byte
 * comparison with the cached string, a miss decodes the value and takes the slot. Values outside
 * ASCII never compare equal to their bytes, so they are simply decoded every time.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class TextInterner {
  private readonly hashes: Int32Array;
  private readonly texts: Array<string | undefined>;
  private readonly mask: number;

  /** `slots`: a power of two; more distinct values than that per file still work, decoded more often. */
  constructor(slots = 8192) {
    if (!Number.isInteger(Math.log2(slots))) throw new Error(`TextInterner slots must be a power of two, got ${slots}`);
    this.hashes = new Int32Array(slots);
    this.texts = new Array<string | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** The text of `buf[start, end)` (UTF-8), the same string as the last time these bytes were asked for when still cached. */
  text(buf: Buffer, start: number, end: number): string {
    let hash = FNV_OFFSET;
    for (let p = start; p < end; p += 1) hash = Math.imul(hash ^ buf[p]!, FNV_PRIME);
    const slot = hash & this.mask;
    const cached = this.texts[slot];
    if (cached !== undefined && this.hashes[slot] === hash && sameAscii(cached, buf, start, end)) return cached;
    const text = buf.toString('utf8', start, end);
    this.texts[slot] = text;
    this.hashes[slot] = hash;
    return text;
  }
}

function sameAscii(text: string, buf: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
