/**
 * The ASN table (`start,end,asn,holder` per line, as `@ip-location-db/asn` ships it) held as
 * typed arrays: range bounds, the ASN and an index into a list of distinct holder names. About
 * 10 bytes per IPv4 row and 40 per IPv6 row instead of a JavaScript object each.
 */
import { createReadStream } from 'node:fs';
import { AsnRowBuilder, type AsnRows } from './asn-rows';
import type { IpParser } from './ip-address';
import { Ipv4Ranges } from './ip-ranges';

export interface AsnHit {
  asn: number;
  /** The AS holder: ISP, carrier, hosting or cloud provider ("Cloudflare, Inc."). */
  holder: string;
}

/** Chunks small enough that loading keeps memory low and lets other work run in between. */
const CHUNK_BYTES = 1 << 20;

export class AsnTable {
  private constructor(private readonly rows: AsnRows) {}

  /** Lines that could not be read (counted, never fatal). */
  get skipped(): number {
    return this.rows.skipped;
  }

  get size(): number {
    return this.rows.asns.length;
  }

  /** Looks up the address already parsed by `parser` (family 4 for an IPv4 table, 6 for IPv6). */
  find(parser: IpParser): AsnHit | undefined {
    const { ranges, asns, holderIds, holders } = this.rows;
    const row = ranges instanceof Ipv4Ranges ? ranges.find(parser.v4) : ranges.find(parser.v6);
    if (row < 0 || asns[row] === 0) return undefined;
    return { asn: asns[row]!, holder: holders[holderIds[row]!]! };
  }

  /** Reads one family's table from a CSV file, chunk by chunk. */
  static async load(file: string, family: 4 | 6): Promise<AsnTable> {
    const builder = new AsnRowBuilder(family);
    let tail = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) {
      tail = builder.addLines(tail + (chunk as string));
    }
    builder.addLines(tail, true);
    return new AsnTable(builder.build());
  }

  /** Parses the CSV text of one family's table. */
  static parse(text: string, family: 4 | 6): AsnTable {
    const builder = new AsnRowBuilder(family);
    builder.addLines(text, true);
    return new AsnTable(builder.build());
  }
}
