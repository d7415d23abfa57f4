/**
 * The generator's view of real IP geography: random addresses of a country (optionally of one
 * network operator, optionally near a city) whose DB-IP city record agrees on the country, so a
 * LoginGeo row written for the address says what a GeoIP lookup of it says.
 */
import type { Rng } from '../prng';
import { AsnIndex } from './asn-index';
import { CityLookup, type CityGeo } from './city-lookup';
import { CountryIndex } from './country-index';
import { GEO_DATA_FILES } from './data-files';
import { distanceKm } from './geo-distance';
import { numberToIp } from './ipv4';

export interface PickOptions {
  country: string;
  /** Only addresses announced by this autonomous system. */
  asn?: number;
  /** Prefer addresses geolocated within `radiusKm` of this point (falls back to anywhere in the country). */
  near?: { latitude: number; longitude: number; radiusKm: number };
  /** Addresses already used for something else. */
  avoid?: ReadonlySet<string>;
}

export interface PickedIp {
  ip: string;
  geo: CityGeo;
}

const TRIES_NEAR = 400;
const TRIES_ANY = 200;

export class GeoData {
  private readonly asnCountryRanges = new Map<string, { ranges: Array<[number, number]>; cumulative: number[] }>();

  private constructor(
    readonly countries: CountryIndex,
    readonly asns: AsnIndex,
    readonly cities: CityLookup,
  ) {}

  /** Loads the bundled databases; only the listed ASNs' ranges are kept. */
  static load(wantedAsns: ReadonlySet<number>): GeoData {
    return new GeoData(
      CountryIndex.load(GEO_DATA_FILES.countryRanges()),
      AsnIndex.load(GEO_DATA_FILES.asnRanges(), wantedAsns),
      new CityLookup(GEO_DATA_FILES.cityDatabase()),
    );
  }

  lookup(ip: string): CityGeo | undefined {
    return this.cities.lookup(ip);
  }

  /** A random address matching the options; throws when the data has none (a bad table entry). */
  pick(rng: Rng, options: PickOptions): PickedIp {
    const near = options.near;
    if (near) {
      const close = this.tryPick(rng, options, TRIES_NEAR, (geo) => distanceKm(geo, near) <= near.radiusKm);
      if (close) return close;
    }
    const any = this.tryPick(rng, options, TRIES_ANY, () => true);
    if (any) return any;
    throw new Error(`no address found for country ${options.country}${options.asn ? ` in AS${options.asn}` : ''}`);
  }

  private tryPick(rng: Rng, options: PickOptions, tries: number, accept: (geo: CityGeo) => boolean): PickedIp | undefined {
    for (let i = 0; i < tries; i++) {
      const n = options.asn === undefined ? this.countries.randomIn(options.country, rng.next(), rng.next()) : this.randomInAsn(options.asn, options.country, rng);
      if (n === undefined) return undefined;
      // Network and broadcast-looking addresses never show up as a client address.
      if (n % 256 === 0 || n % 256 === 255) continue;
      const ip = numberToIp(n);
      if (options.avoid?.has(ip)) continue;
      const geo = this.cities.lookup(ip);
      if (geo && geo.countryIso === options.country && accept(geo)) return { ip, geo };
    }
    return undefined;
  }

  private randomInAsn(asn: number, country: string, rng: Rng): number | undefined {
    const key = `${asn}:${country}`;
    let entry = this.asnCountryRanges.get(key);
    if (!entry) {
      const ranges = this.asns.rangesOf(asn).flatMap((r) => this.countries.intersect(r.start, r.end, country));
      const cumulative: number[] = [];
      let total = 0;
      for (const [s, e] of ranges) cumulative.push((total += e - s + 1));
      entry = { ranges, cumulative };
      this.asnCountryRanges.set(key, entry);
    }
    if (entry.ranges.length === 0) return undefined;
    const target = rng.next() * (entry.cumulative[entry.cumulative.length - 1] as number);
    const index = entry.cumulative.findIndex((c) => c > target);
    const [start, end] = entry.ranges[index < 0 ? entry.ranges.length - 1 : index] as [number, number];
    return start + Math.floor(rng.next() * (end - start + 1));
  }
}
