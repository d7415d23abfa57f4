/**
 * City-level geolocation of an address from DB-IP's city database (MMDB, read with `maxmind`):
 * what Salesforce's LoginGeo would say about the address. Country names come from Intl (CLDR),
 * in English as the REST API reports them to an English-speaking integration user.
 */
import { readFileSync } from 'node:fs';
import { Reader, type Response } from 'maxmind';

export interface CityGeo {
  countryIso: string;
  country: string;
  city: string | null;
  subdivision: string | null;
  postalCode: string | null;
  latitude: number;
  longitude: number;
}

interface DbipCity {
  country_code?: string;
  state1?: string;
  city?: string;
  postcode?: string;
  latitude?: number;
  longitude?: number;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Four decimals (≈ 11 m), as LoginGeo shows coordinates, and stable text in JSON. */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export class CityLookup {
  // DB-IP's city MMDB uses its own flat record layout, not MaxMind's GeoIP2 shape the typings describe.
  private readonly reader: Reader<Response>;

  constructor(file: string) {
    this.reader = new Reader<Response>(readFileSync(file));
  }

  lookup(ip: string): CityGeo | undefined {
    const hit = this.reader.get(ip) as unknown as DbipCity | null;
    if (!hit?.country_code || typeof hit.latitude !== 'number' || typeof hit.longitude !== 'number') return undefined;
    return {
      countryIso: hit.country_code,
      country: countryName(hit.country_code),
      city: hit.city || null,
      subdivision: hit.state1 || null,
      postalCode: hit.postcode || null,
      latitude: round4(hit.latitude),
      longitude: round4(hit.longitude),
    };
  }
}

export function countryName(iso: string): string {
  return regionNames.of(iso) ?? iso;
}
