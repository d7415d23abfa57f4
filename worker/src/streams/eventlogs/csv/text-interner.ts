/**
 * One string per distinct value of a column, for the columns whose values repeat row after row
 * and are then used as keys: user ids, client addresses, session keys, API method names, user
 * agents. A day's event log has a million rows from a few thousand users and sessions; decoding
 * each row's value makes a new string that every Map lookup downstream (the user directory, the
 * GeoIP cache, a policy's per-session state) hashes and compares again. The same instance carries
 * its hash from the first lookup, compares by identity, and is not garbage a row later.
 *
 * A direct-mapped cache on the value's bytes (FNV-1a). Each slot keeps a copy of its value's
 * bytes in one flat array next to the others, so a hit costs the hash and a byte comparison in
 * memory the cache keeps warm, not a walk over a string somewhere in the heap; a miss decodes the
 * value and takes the slot. The bytes are compared, never only the hash: two values are the same
 * string only when their bytes are. Values longer than a slot are decoded every time.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Bytes kept per slot: ids (18), session keys, IPv6 addresses (39), API method names. */
const SLOT_BYTES = 48;

export class TextInterner {
  private readonly hashes: Int32Array;
  private readonly lengths: Uint8Array;
  private readonly bytes: Uint8Array;
  private readonly texts: Array<string | undefined>;
  private readonly mask: number;

  /** `slots`: a power of two; more distinct values than that per file still work, decoded more often. */
  constructor(slots = 4096) {
    if (!Number.isInteger(Math.log2(slots))) throw new Error(`TextInterner slots must be a power of two, got ${slots}`);
    this.hashes = new Int32Array(slots);
    this.lengths = new Uint8Array(slots);
    this.bytes = new Uint8Array(slots * SLOT_BYTES);
    this.texts = new Array<string | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** The text of `buf[start, end)` (UTF-8), the same string as the last time these bytes were asked for when still cached. */
  text(buf: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length > SLOT_BYTES) return buf.toString('utf8', start, end);
    let hash = FNV_OFFSET;
    for (let p = start; p < end; p += 1) hash = Math.imul(hash ^ buf[p]!, FNV_PRIME);
    const slot = hash & this.mask;
    const bytes = this.bytes;
    const at = slot * SLOT_BYTES;
    if (this.hashes[slot] === hash && this.lengths[slot] === length && this.texts[slot] !== undefined) {
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (bytes[at + i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.texts[slot]!;
    }
    const text = buf.toString('utf8', start, end);
    for (let i = 0; i < length; i += 1) bytes[at + i] = buf[start + i]!;
    this.lengths[slot] = length;
    this.hashes[slot] = hash;
    this.texts[slot] = text;
    return text;
  }
}
