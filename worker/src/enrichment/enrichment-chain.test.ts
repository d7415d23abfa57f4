import type { Activity } from '../activity/activity';
import { parseConfig } from '../config';
import { silentLogger } from '../logger';
import { AsnEnricher } from './asn';
import { enrichAll, type Enricher } from './enricher';
import { enricherChain, ipEnrichment } from './enrichment-chain';
import { GeoIp } from './geo-ip';
import { IpTags } from './ip-tags';

const users: Enricher = {
  enrich: async (activities) => {
    for (const a of activities) a.username ??= 'ana@example.com';
  },
};

describe('enricherChain', () => {
  const config = parseConfig({ ipTags: { corporate: ['129.67.0.0/16'], vpn: ['2001:630:440::/48'] } });

  it('runs users → geo → ASN → IP tags, with one shared set of IP enrichers per config', () => {
    const chain = enricherChain(users, config, silentLogger());
    expect(chain[0]).toBe(users);
    expect(chain.slice(1).map((e) => e.constructor)).toEqual([GeoIp, AsnEnricher, IpTags]);
    const again = enricherChain(users, config, silentLogger());
    chain.forEach((enricher, i) => expect(again[i]).toBe(enricher));
    expect(enricherChain(users, parseConfig({}), silentLogger())[1]).not.toBe(chain[1]);
    expect(ipEnrichment(config, silentLogger()).geo).toBe(chain[1]);
  });

  it('enriches a page with everything', async () => {
    const page: Activity[] = [
      { id: 'a1', source: 'ELF:Login', timeMs: 0, orgId: '00D000000000001', kind: 'login.success', ip: '129.67.0.1', ipTags: [] },
      { id: 'a2', source: 'ELF:Login', timeMs: 0, orgId: '00D000000000001', kind: 'login.success', ip: '2001:630:440::1', ipTags: [] },
    ];
    await enrichAll(enricherChain(users, config, silentLogger()), page);
    expect(page[0]).toMatchObject({ username: 'ana@example.com', geo: { countryIso: 'GB', city: 'Oxford', source: 'geoip' }, asn: 786, isp: 'Jisc Services Limited', ipTags: ['corporate'] });
    expect(page[1]).toMatchObject({ geo: { countryIso: 'GB', source: 'geoip' }, asn: 786, ipTags: ['vpn'] });
  });
});
