/**
 * The enrichers a stream pass runs, in order: users → geo → ASN → IP tags (geo before ASN and
 * tags only by convention; none reads another's output). The IP enrichers are built once per
 * process and config and shared by every org and job: the databases load once, the per-address
 * caches warm up for everyone, and each feed is fetched by one refresher.
 */
import type { Config } from '../config';
import { env } from '../config';
import type { Logger } from '../logger';
import { AsnEnricher } from './asn';
import type { Enricher } from './enricher';
import { GeoIp } from './geo-ip';
import { IpFeeds } from './ip-feeds';
import { IpTags } from './ip-tags';

export interface IpEnrichment {
  geo: GeoIp;
  asn: AsnEnricher;
  tags: IpTags;
  feeds?: IpFeeds;
}

const shared = new WeakMap<Readonly<Config>, IpEnrichment>();

/** The process's IP enrichers for `config`; nothing is read from disk until a page needs it. */
export function ipEnrichment(config: Readonly<Config>, log: Logger): IpEnrichment {
  let found = shared.get(config);
  if (!found) {
    const feeds = config.ipFeeds.length > 0 ? new IpFeeds(config.ipFeeds, { cacheDir: env.cacheDir(), log: log.child({ component: 'ip-feeds' }) }) : undefined;
    found = {
      geo: new GeoIp(config.geoip.cityDatabase ? { cityDatabase: config.geoip.cityDatabase } : {}),
      asn: new AsnEnricher(),
      tags: new IpTags(config.ipTags, feeds),
      ...(feeds ? { feeds } : {}),
    };
    shared.set(config, found);
  }
  return found;
}

export function enricherChain(users: Enricher, config: Readonly<Config>, log: Logger): Enricher[] {
  const ip = ipEnrichment(config, log);
  return [users, ip.geo, ip.asn, ip.tags];
}
