/**
 * ASN and ISP of each activity's address, from the bundled ASN table. Each family's table is
 * read the first time an address of that family needs it and then shared by every enricher in
 * the process (one copy for all orgs and jobs); commands that never enrich never load it.
 */
import type { Activity } from '../activity/activity';
import { AsnTable, type AsnHit } from './asn-table';
import { BUNDLED_DATA } from './bundled-data';
import type { Enricher } from './enricher';
import { IpParser } from './ip-address';
import { LruCache } from './lru-cache';

export interface AsnFiles {
  ipv4: string;
  ipv6: string;
}

const loaded = new Map<string, Promise<AsnTable>>();

/** The table in `file`, read once per process. */
export function loadAsnTable(file: string, family: 4 | 6): Promise<AsnTable> {
  let table = loaded.get(file);
  if (!table) {
    table = AsnTable.load(file, family);
    table.catch(() => loaded.delete(file)); // a failed read is retried by the next page
    loaded.set(file, table);
  }
  return table;
}

/** Remembered answers per address: a hit is one Map lookup; a miss parses and bisects 400k rows. */
const CACHE_ENTRIES = 50_000;

export class AsnEnricher implements Enricher {
  private readonly parser = new IpParser();
  private readonly cache = new LruCache<string, AsnHit | null>(CACHE_ENTRIES);
  private v4?: AsnTable;
  private v6?: AsnTable;

  constructor(private readonly files: AsnFiles = { ipv4: BUNDLED_DATA.asnIpv4(), ipv6: BUNDLED_DATA.asnIpv6() }) {}

  /** Fills `asn` and `isp` where the source row did not say. */
  async enrich(activities: Activity[]): Promise<void> {
    await this.tablesFor(activities);
    for (const activity of activities) {
      if (!activity.ip || activity.asn !== undefined) continue;
      const hit = this.lookup(activity.ip);
      if (hit) {
        activity.asn = hit.asn;
        activity.isp = hit.holder;
      }
    }
  }

  /** Synchronous lookup; answers only for families whose table is loaded. */
  lookup(ip: string): AsnHit | undefined {
    const cached = this.cache.get(ip);
    if (cached !== undefined) return cached ?? undefined;
    const family = this.parser.parse(ip);
    const table = family === 4 ? this.v4 : family === 6 ? this.v6 : undefined;
    if (family !== 0 && !table) return undefined; // not loaded yet: do not remember a miss
    const hit = table?.find(this.parser);
    this.cache.set(ip, hit ?? null);
    return hit;
  }

  /** Loads the tables this page needs; a cheap scan, as it runs on every page until both are loaded. */
  private async tablesFor(activities: readonly Activity[]): Promise<void> {
    if (this.v4 && this.v6) return;
    let v4 = false;
    let v6 = false;
    for (const activity of activities) {
      const ip = activity.ip;
      if (!ip || activity.asn !== undefined) continue;
      // Only text with a colon needs parsing: it may be IPv6, or IPv4-mapped IPv6.
      const family = ip.indexOf(':') < 0 ? 4 : this.parser.parse(ip);
      v4 ||= family === 4;
      v6 ||= family === 6;
      if (v4 && v6) break;
    }
    if (v4 && !this.v4) this.v4 = await loadAsnTable(this.files.ipv4, 4);
    if (v6 && !this.v6) this.v6 = await loadAsnTable(this.files.ipv6, 6);
  }
}
