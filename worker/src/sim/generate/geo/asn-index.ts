/**
 * The ranges of a chosen set of autonomous systems (ISPs, mobile carriers, cloud and hosting
 * providers), read from the ASN table. Only the wanted ASNs are kept, so memory stays small.
 */
import { forEachLine } from './line-reader';

export interface AsnRange {
  start: number;
  end: number;
  asn: number;
}

export class AsnIndex {
  private constructor(
    private readonly ranges: Map<number, AsnRange[]>,
    private readonly names: Map<number, string>,
  ) {}

  static load(file: string, wanted: ReadonlySet<number>): AsnIndex {
    const ranges = new Map<number, AsnRange[]>();
    const names = new Map<number, string>();
    forEachLine(file, (line) => {
      const first = line.indexOf(',');
      const second = line.indexOf(',', first + 1);
      const third = line.indexOf(',', second + 1);
      if (first < 0 || second < 0 || third < 0) return;
      const asn = Number(line.slice(second + 1, third));
      if (!wanted.has(asn)) return;
      const list = ranges.get(asn) ?? [];
      list.push({ start: Number(line.slice(0, first)), end: Number(line.slice(first + 1, second)), asn });
      ranges.set(asn, list);
      if (!names.has(asn)) names.set(asn, line.slice(third + 1).replace(/^"|"$/g, '').replace(/""/g, '"'));
    });
    return new AsnIndex(ranges, names);
  }

  rangesOf(asn: number): readonly AsnRange[] {
    return this.ranges.get(asn) ?? [];
  }

  /** The organisation DB-IP/ip-location-db names for the ASN ("Deutsche Telekom AG"). */
  nameOf(asn: number): string | undefined {
    return this.names.get(asn);
  }
}
