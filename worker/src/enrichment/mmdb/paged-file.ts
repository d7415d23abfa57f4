/**
 * A read-only file seen through a small, fixed pool of pages, read with positional reads. The
 * city databases are 63–135 MB; holding them in Buffers was most of the worker's memory, while a
 * day of an org's traffic touches a few thousand of their pages. Memory is the pool (allocated
 * once, filled as pages are first read), whatever the file size.
 *
 * Eviction is CLOCK (second chance), an approximation of LRU: a hit only sets a bit — no list
 * to reorder on the tree walk's hot path — and a miss sweeps for a page not used since the
 * hand last passed it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MmdbFormatError } from './mmdb-error';

/** The OS page: one read costs about the same for 512 bytes or 4 KiB. */
export const PAGE_BYTES = 4096;

/** Values longer than this are read straight from the file rather than through the pool. */
const SCRATCH_MAX_BYTES = 64 * 1024;

export interface PageStats {
  /** Page reads served from the pool. */
  hits: number;
  /** Pages read from the file. */
  misses: number;
  /** Pages the pool holds at most. */
  capacity: number;
}

export class PagedFile {
  readonly size: number;
  /** Where the bytes of the last `read` start in the Buffer it returned. */
  at = 0;
  private fd: number;
  private readonly pool: Buffer;
  private readonly slotOfPage: Int32Array;
  private readonly pageOfSlot: Int32Array;
  private readonly referenced: Uint8Array;
  private hand = 0;
  private scratch = Buffer.allocUnsafe(256);
  private hits = 0;
  private misses = 0;

  constructor(
    readonly path: string,
    cacheBytes: number,
  ) {
    this.fd = openSync(path, 'r');
    try {
      this.size = fstatSync(this.fd).size;
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
    const pages = Math.ceil(this.size / PAGE_BYTES);
    // A small file needs no more slots than it has pages.
    const slots = Math.max(1, Math.min(pages, Math.floor(cacheBytes / PAGE_BYTES)));
    // allocUnsafeSlow: outside Node's shared pool; untouched pages cost no resident memory.
    this.pool = Buffer.allocUnsafeSlow(slots * PAGE_BYTES);
    this.slotOfPage = new Int32Array(pages).fill(-1);
    this.pageOfSlot = new Int32Array(slots).fill(-1);
    this.referenced = new Uint8Array(slots);
  }

  /**
   * Makes `length` bytes at file `offset` readable at `returned[this.at …]`. The Buffer is only
   * valid until the next call: read what is needed from it at once.
   */
  read(offset: number, length: number): Buffer {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new MmdbFormatError(this.path, `corrupt or truncated MaxMind DB: a read of ${length} bytes at byte ${offset} is outside the file (${this.size} bytes)`);
    }
    if (length === 0) {
      this.at = 0;
      return this.pool;
    }
    const page = Math.floor(offset / PAGE_BYTES);
    const within = offset - page * PAGE_BYTES;
    if (within + length <= PAGE_BYTES) {
      this.at = this.slotFor(page) * PAGE_BYTES + within;
      return this.pool;
    }
    return this.spanning(offset, length);
  }

  stats(): PageStats {
    return { hits: this.hits, misses: this.misses, capacity: this.pageOfSlot.length };
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  private slotFor(page: number): number {
    let slot = this.slotOfPage[page]!;
    if (slot < 0) slot = this.load(page);
    else this.hits++;
    this.referenced[slot] = 1;
    return slot;
  }

  private load(page: number): number {
    const slots = this.pageOfSlot.length;
    let slot = this.hand;
    while (this.referenced[slot] === 1) {
      this.referenced[slot] = 0;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
    this.hand = slot + 1 === slots ? 0 : slot + 1;
    const evicted = this.pageOfSlot[slot]!;
    if (evicted >= 0) this.slotOfPage[evicted] = -1;
    // Forget the slot before reading: a failed read must not leave a half-filled page mapped.
    this.pageOfSlot[slot] = -1;
    const start = page * PAGE_BYTES;
    this.readFully(this.pool, slot * PAGE_BYTES, Math.min(PAGE_BYTES, this.size - start), start);
    this.pageOfSlot[slot] = page;
    this.slotOfPage[page] = slot;
    this.misses++;
    return slot;
  }

  /** A range across page boundaries: copied page by page into a scratch Buffer. */
  private spanning(offset: number, length: number): Buffer {
    this.at = 0;
    if (length > SCRATCH_MAX_BYTES) {
      // Rare (no city database has such values): one direct read, not cached.
      const direct = Buffer.allocUnsafe(length);
      this.readFully(direct, 0, length, offset);
      return direct;
    }
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, 2 * this.scratch.length));
    const scratch = this.scratch;
    for (let copied = 0; copied < length; ) {
      const position = offset + copied;
      const page = Math.floor(position / PAGE_BYTES);
      const within = position - page * PAGE_BYTES;
      const take = Math.min(PAGE_BYTES - within, length - copied);
      const from = this.slotFor(page) * PAGE_BYTES + within;
      this.pool.copy(scratch, copied, from, from + take);
      copied += take;
    }
    return scratch;
  }

  private readFully(target: Buffer, at: number, length: number, position: number): void {
    if (this.fd < 0) throw new Error(`${this.path} is closed`);
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, target, at + done, length - done, position + done);
      if (n === 0) throw new MmdbFormatError(this.path, `the file ended early, at byte ${position + done} of ${this.size} (was it truncated or replaced while open?)`);
      done += n;
    }
  }
}
