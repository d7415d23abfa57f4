/**
 * The binary search tree at the start of a MaxMind DB file: `nodeCount` nodes of two records
 * (24, 28 or 32 bits each), walked one address bit at a time from the most significant. A record
 * below `nodeCount` is the next node, equal to it means "no data", above it points into the data
 * section. In an IPv6 tree the IPv4 addresses sit under `::/96`; MaxMind's own files also link
 * `::ffff:0:0/96` and 6to4 there, which a walk follows like any other node.
 */
import { DATA_SECTION_SEPARATOR_BYTES, type MmdbMetadata } from './metadata';
import { corrupt } from './mmdb-error';
import type { PagedFile } from './paged-file';

/** Bits of an address whose walk is remembered (see `ipv4Jump`). */
const JUMP_BITS = 16;
/**
 * No walk remembered yet. No record has this value: a node number is below the node count (a
 * 32-bit count is at most 2³² − 1), and a data record this large would point past 4 GiB.
 */
const UNWALKED = 0xffffffff;

export class SearchTree {
  private readonly nodeCount: number;
  private readonly nodeBytes: number;
  private readonly recordSize: 24 | 28 | 32;
  /** Node where IPv4 lookups start: the end of 96 zero bits in an IPv6 tree. */
  private readonly ipv4Start: number;
  /**
   * Where the walk stands after the first 16 bits of an IPv4 (IPv6) address — a node, or the
   * record that ended the walk sooner — by those 16 bits; `UNWALKED` until first walked. Nodes
   * are stored depth-first, so the top 16 levels are spread over the whole tree: without this a
   * lookup reads a page for most of them, and a few hundred busy addresses already need more
   * pages than the cache holds. 256 KB per family, filled as addresses come.
   */
  private readonly ipv4Jump = new Uint32Array(1 << JUMP_BITS).fill(UNWALKED);
  private readonly ipv6Jump: Uint32Array | undefined;

  constructor(
    private readonly file: PagedFile,
    private readonly metadata: MmdbMetadata,
  ) {
    this.nodeCount = metadata.nodeCount;
    this.nodeBytes = metadata.nodeByteSize;
    this.recordSize = metadata.recordSize;
    let node = 0;
    for (let depth = 0; metadata.ipVersion === 6 && depth < 96 && node < this.nodeCount; depth++) node = this.child(node, 0);
    this.ipv4Start = node;
    if (metadata.ipVersion === 6) this.ipv6Jump = new Uint32Array(1 << JUMP_BITS).fill(UNWALKED);
  }

  /** File offset of the record of IPv4 address `v4` (0 … 2³²−1), or -1 when it has none. */
  findIpv4(v4: number): number {
    const top = v4 >>> (32 - JUMP_BITS);
    let node = this.ipv4Jump[top]!;
    if (node === UNWALKED) {
      node = this.ipv4Start;
      for (let bit = 31; bit >= 32 - JUMP_BITS && node < this.nodeCount; bit--) node = this.child(node, (v4 >>> bit) & 1);
      this.ipv4Jump[top] = node;
    }
    for (let bit = 31 - JUMP_BITS; bit >= 0 && node < this.nodeCount; bit--) node = this.child(node, (v4 >>> bit) & 1);
    return this.recordOffset(node);
  }

  /** File offset of the record of the IPv6 address in `words` (four big-endian words), or -1. */
  findIpv6(words: Uint32Array): number {
    // An IPv4 tree has no IPv6 addresses; walking it with their first 32 bits would find wrong places.
    const jump = this.ipv6Jump;
    if (jump === undefined) return -1;
    const first = words[0]!;
    const top = first >>> (32 - JUMP_BITS);
    let node = jump[top]!;
    if (node === UNWALKED) {
      node = 0;
      for (let bit = 31; bit >= 32 - JUMP_BITS && node < this.nodeCount; bit--) node = this.child(node, (first >>> bit) & 1);
      jump[top] = node;
    }
    for (let depth = JUMP_BITS; depth < 128 && node < this.nodeCount; depth++) node = this.child(node, (words[depth >>> 5]! >>> (31 - (depth & 31))) & 1);
    return this.recordOffset(node);
  }

  private recordOffset(record: number): number {
    if (record <= this.nodeCount) return -1; // "no data", or the address ran out before a leaf
    if (record < this.nodeCount + DATA_SECTION_SEPARATOR_BYTES) throw corrupt(this.file.path, `a search tree record (${record}) points into the data section separator`);
    // Values above nodeCount are data-section offsets plus nodeCount plus the 16-byte separator.
    const dataSectionStart = this.metadata.searchTreeSize + DATA_SECTION_SEPARATOR_BYTES;
    return dataSectionStart + (record - this.nodeCount - DATA_SECTION_SEPARATOR_BYTES);
  }

  /** The left (0) or right (1) record of `node`. */
  private child(node: number, right: number): number {
    const buf = this.file.read(node * this.nodeBytes, this.nodeBytes);
    const at = this.file.at;
    switch (this.recordSize) {
      case 24:
        return right ? (buf[at + 3]! << 16) | (buf[at + 4]! << 8) | buf[at + 5]! : (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!;
      case 28: {
        // The middle byte holds the high nibble of each record: left's in its top half, right's in the bottom.
        const middle = buf[at + 3]!;
        return right ? ((middle & 0x0f) << 24) | (buf[at + 4]! << 16) | (buf[at + 5]! << 8) | buf[at + 6]! : ((middle & 0xf0) << 20) | (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!;
      }
      default:
        return buf.readUInt32BE(at + 4 * right);
    }
  }
}
