/**
 * The addresses the org's people and attackers use, drawn once from the real GeoIP data:
 * office egress (business ISP near each office), corporate VPN gateways (hosting providers,
 * shared by many people), cloud addresses for integrations, mobile-carrier pools per country
 * (an address per session: carrier drift), home broadband near each office, and the hostile
 * networks (Tor exits, threat-feed VPS, "bulletproof" hosting, foreign residential lines).
 */
import type { Place } from '../model';
import type { Rng } from '../prng';
import type { GeoData } from './geo-data';
import { ATTACK_COUNTRIES, HOSTING, NETWORKS, type Office } from './world';

const HOME_RADIUS_KM = 80;
const OFFICE_RADIUS_KM = 40;
const MOBILE_POOL_SIZE = 96;

export interface OfficeNetwork {
  office: Office;
  /** The office's egress addresses (NAT), consecutive in one business-ISP block. */
  egress: Place[];
}

export class IpPools {
  readonly offices: OfficeNetwork[];
  readonly vpnGateways: Place[];
  readonly cloud: Place[];
  readonly torExits: Place[];
  /** Addresses published in the threat feed (feeds/threat-ips.txt). */
  readonly threat: Place[];
  /** "Bulletproof" hosting addresses the org tags `risky` by CIDR. */
  readonly risky: Place[];
  private readonly used = new Set<string>();
  private readonly mobilePools = new Map<string, Place[]>();

  constructor(
    private readonly geo: GeoData,
    private readonly rng: Rng,
    offices: readonly Office[],
  ) {
    this.offices = offices.map((office) => ({ office, egress: this.officeEgress(office) }));
    this.vpnGateways = HOSTING.vpn.map((h) => this.take({ country: h.country, asn: h.asn }));
    this.cloud = Array.from({ length: 48 }, (_, i) => this.take(HOSTING.cloud[i % HOSTING.cloud.length]!));
    this.torExits = Array.from({ length: 12 }, (_, i) => this.take(HOSTING.torExit[i % HOSTING.torExit.length]!));
    this.threat = Array.from({ length: 10 }, (_, i) => this.take(HOSTING.threat[i % HOSTING.threat.length]!));
    this.risky = HOSTING.risky.map((h) => this.take(h));
  }

  /** Picks an unused address and marks it used. */
  private take(options: { country: string; asn?: number; near?: { latitude: number; longitude: number; radiusKm: number } }): Place {
    const picked = this.geo.pick(this.rng, { ...options, avoid: this.used });
    this.used.add(picked.ip);
    return picked;
  }

  private officeEgress(office: Office): Place[] {
    const asn = this.rng.pick(NETWORKS[office.country]!.business);
    const first = this.take({ country: office.country, asn, near: { latitude: office.latitude, longitude: office.longitude, radiusKm: OFFICE_RADIUS_KM } });
    const parts = first.ip.split('.').map(Number);
    const last = parts[3] as number;
    const neighbour = `${parts.slice(0, 3).join('.')}.${last < 250 ? last + 1 : last - 1}`;
    const geo = this.geo.lookup(neighbour);
    if (!geo || geo.countryIso !== office.country || this.used.has(neighbour)) return [first];
    this.used.add(neighbour);
    return [first, { ip: neighbour, geo }];
  }

  /** A home broadband address near the office, with its ISP. */
  home(rng: Rng, office: Office): { place: Place; asn: number } {
    const asn = rng.pick(NETWORKS[office.country]!.residential);
    const picked = this.geo.pick(rng, { country: office.country, asn, near: { latitude: office.latitude, longitude: office.longitude, radiusKm: HOME_RADIUS_KM }, avoid: this.used });
    this.used.add(picked.ip);
    return { place: picked, asn };
  }

  /** A mobile-carrier address in the country; each call may give another (carrier NAT drift). */
  mobile(rng: Rng, country: string): Place {
    let pool = this.mobilePools.get(country);
    if (!pool) {
      const poolRng = this.rng.fork(`mobile:${country}`);
      const carriers = NETWORKS[country]?.mobile ?? [];
      pool = Array.from({ length: MOBILE_POOL_SIZE }, (_, i) => this.geo.pick(poolRng, { country, ...(carriers.length ? { asn: carriers[i % carriers.length] } : {}) }));
      this.mobilePools.set(country, pool);
    }
    return rng.pick(pool);
  }

  /** A broadband address in a country (hotel, foreign attacker's line). */
  residential(rng: Rng, country: string, near?: { latitude: number; longitude: number }): Place {
    const asns = NETWORKS[country]?.residential ?? [];
    const picked = this.geo.pick(rng, {
      country,
      ...(asns.length ? { asn: rng.pick(asns) } : {}),
      ...(near ? { near: { ...near, radiusKm: 60 } } : {}),
      avoid: this.used,
    });
    this.used.add(picked.ip);
    return picked;
  }

  /**
   * A residential address in one of the countries only attacks use (never TR: infrequent-country
   * keeps that country for itself, so it stays rare in the org).
   */
  foreign(rng: Rng, exclude: readonly string[] = ['TR']): Place {
    const country = rng.pick(ATTACK_COUNTRIES.filter((c) => !exclude.includes(c)));
    return this.residential(rng, country);
  }

  /** Another address in a threat-feed address's /24 that the feed does not list. */
  neighbourOf(place: Place): Place | undefined {
    const parts = place.ip.split('.').map(Number);
    for (const delta of [7, -7, 13, -13, 29]) {
      const last = (parts[3] as number) + delta;
      if (last <= 0 || last >= 255) continue;
      const ip = `${parts.slice(0, 3).join('.')}.${last}`;
      const geo = this.geo.lookup(ip);
      if (geo && !this.used.has(ip)) {
        this.used.add(ip);
        return { ip, geo };
      }
    }
    return undefined;
  }
}
