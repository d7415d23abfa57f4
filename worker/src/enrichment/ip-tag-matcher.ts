/**
 * Which IP tags an address carries, given tagged CIDR blocks that may overlap (a VPN range
 * inside the corporate block, a feed's /32 inside a configured /16). The blocks are flattened
 * once into sorted disjoint ranges, each with a bit mask of its tags, so a lookup is one
 * bisection whatever the number of blocks.
 */
import { IP_TAGS, type IpTag } from '../config';
import { bigIntToWords, cidrBounds, IpParser } from './ip-address';
import { Ipv4Ranges, Ipv6Ranges } from './ip-ranges';
import { LruCache } from './lru-cache';

export interface TaggedCidr {
  /** A CIDR block or a bare address. */
  cidr: string;
  tag: IpTag;
}

/** The tags of each mask, shared and frozen: a lookup allocates nothing. */
const TAGS_BY_MASK: ReadonlyArray<readonly IpTag[]> = Array.from({ length: 1 << IP_TAGS.length }, (_, mask) =>
  Object.freeze(IP_TAGS.filter((_, bit) => mask & (1 << bit))),
);
const NO_TAGS = TAGS_BY_MASK[0]!;
/** Tag masks remembered per address; a new matcher (feeds changed) starts with an empty cache. */
const CACHE_ENTRIES = 50_000;

interface Edge {
  at: bigint;
  bit: number;
  delta: 1 | -1;
}

interface Segments {
  starts: bigint[];
  ends: bigint[];
  masks: number[];
}

export class IpTagMatcher {
  private readonly parser = new IpParser();
  private readonly cache = new LruCache<string, number>(CACHE_ENTRIES);

  private constructor(
    private readonly v4: Ipv4Ranges,
    private readonly v4Masks: Uint8Array,
    private readonly v6: Ipv6Ranges,
    private readonly v6Masks: Uint8Array,
    /** Entries that were not a CIDR block or address (skipped). */
    readonly invalid: number,
  ) {}

  static build(entries: Iterable<TaggedCidr>): IpTagMatcher {
    const edges: Record<4 | 6, Edge[]> = { 4: [], 6: [] };
    let invalid = 0;
    for (const { cidr, tag } of entries) {
      const bounds = cidrBounds(cidr);
      const bit = IP_TAGS.indexOf(tag);
      if (!bounds || bit < 0) {
        invalid++;
        continue;
      }
      edges[bounds.family].push({ at: bounds.first, bit, delta: 1 }, { at: bounds.last + 1n, bit, delta: -1 });
    }
    const v4 = sweep(edges[4]);
    const v6 = sweep(edges[6]);
    const v6Starts = new Uint32Array(v6.starts.length * 4);
    const v6Ends = new Uint32Array(v6.ends.length * 4);
    v6.starts.forEach((value, i) => bigIntToWords(value, v6Starts, i * 4));
    v6.ends.forEach((value, i) => bigIntToWords(value, v6Ends, i * 4));
    return new IpTagMatcher(
      new Ipv4Ranges(Uint32Array.from(v4.starts, Number), Uint32Array.from(v4.ends, Number)),
      Uint8Array.from(v4.masks),
      new Ipv6Ranges(v6Starts, v6Ends),
      Uint8Array.from(v6.masks),
      invalid,
    );
  }

  /** Disjoint tagged ranges held (both families). */
  get ranges(): number {
    return this.v4.size + this.v6.size;
  }

  tagsOf(ip: string): readonly IpTag[] {
    if (this.ranges === 0) return NO_TAGS;
    let mask = this.cache.get(ip);
    if (mask === undefined) {
      mask = this.maskOf(ip);
      this.cache.set(ip, mask);
    }
    return TAGS_BY_MASK[mask]!;
  }

  private maskOf(ip: string): number {
    const family = this.parser.parse(ip);
    let mask = 0;
    if (family === 4) {
      const row = this.v4.find(this.parser.v4);
      if (row >= 0) mask = this.v4Masks[row]!;
    } else if (family === 6) {
      const row = this.v6.find(this.parser.v6);
      if (row >= 0) mask = this.v6Masks[row]!;
    }
    return mask;
  }
}

/**
 * Walks the block edges in address order, counting open blocks per tag; every change of the
 * tag set starts a new segment. Untagged gaps are not stored.
 */
function sweep(edges: Edge[]): Segments {
  edges.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const counts = new Array<number>(IP_TAGS.length).fill(0);
  const out: Segments = { starts: [], ends: [], masks: [] };
  let openStart = 0n;
  let openMask = 0;
  for (let i = 0; i < edges.length; ) {
    const at = edges[i]!.at;
    for (; i < edges.length && edges[i]!.at === at; i++) counts[edges[i]!.bit]! += edges[i]!.delta;
    const mask = counts.reduce((m, count, bit) => (count > 0 ? m | (1 << bit) : m), 0);
    if (mask === openMask) continue;
    if (openMask !== 0) {
      out.starts.push(openStart);
      out.ends.push(at - 1n);
      out.masks.push(openMask);
    }
    openStart = at;
    openMask = mask;
  }
  return out;
}
