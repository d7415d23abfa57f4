/**
 * A city database record → the Activity's `Geo`. Two layouts exist: DB-IP's flat one
 * (`country_code`, `city`, `latitude` …, as ip-location-db packages it) and MaxMind's GeoIP2 /
 * GeoLite2 City one (`country.iso_code`, `city.names.en`, `location.accuracy_radius` …).
 */
import type { Geo } from '../activity/activity';
import type { FieldSelection } from './mmdb/data-decoder';

/**
 * The fields `geoFromRecord` reads, in either layout: the reader decodes only these (a GeoIP2
 * record's names in eight languages, continent and registered country are skipped). DB-IP's
 * `city` is a string, which the `city` selection leaves whole.
 */
export const GEO_RECORD_FIELDS: FieldSelection = {
  country_code: true,
  city: { names: { en: true } },
  latitude: true,
  longitude: true,
  country: { iso_code: true, names: { en: true } },
  location: { latitude: true, longitude: true, accuracy_radius: true },
};

interface DbipRecord {
  country_code?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
}

interface Names {
  names?: Record<string, string>;
}

interface GeoIp2Record {
  country?: Names & { iso_code?: string };
  city?: Names;
  location?: { latitude?: number; longitude?: number; accuracy_radius?: number };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryNames = new Map<string, string>();

/** English country name, as LoginGeo reports it to an English-speaking integration user. */
export function countryName(iso: string): string {
  let name = countryNames.get(iso);
  if (name === undefined) {
    try {
      name = regionNames.of(iso) ?? iso;
    } catch {
      name = iso; // not a region code Intl knows
    }
    countryNames.set(iso, name);
  }
  return name;
}

export function geoFromRecord(record: unknown): Geo | undefined {
  if (!record || typeof record !== 'object') return undefined;
  return 'country_code' in record ? fromDbip(record as DbipRecord) : fromGeoIp2(record as GeoIp2Record);
}

function fromDbip(record: DbipRecord): Geo | undefined {
  if (!record.country_code) return undefined;
  const geo: Geo = { source: 'geoip', countryIso: record.country_code, country: countryName(record.country_code) };
  if (record.city) geo.city = record.city;
  setCoordinates(geo, record.latitude, record.longitude);
  return geo;
}

function fromGeoIp2(record: GeoIp2Record): Geo | undefined {
  // `country` is where the address is used; `registered_country` (where the block was
  // registered) is no location and is ignored.
  const iso = record.country?.iso_code;
  const location = record.location;
  if (!iso && typeof location?.latitude !== 'number') return undefined;
  const geo: Geo = { source: 'geoip' };
  if (iso) {
    geo.countryIso = iso;
    geo.country = record.country?.names?.en ?? countryName(iso);
  }
  const city = record.city?.names?.en;
  if (city) geo.city = city;
  setCoordinates(geo, location?.latitude, location?.longitude);
  if (typeof location?.accuracy_radius === 'number') geo.accuracyRadiusKm = location.accuracy_radius;
  return geo;
}

function setCoordinates(geo: Geo, latitude: unknown, longitude: unknown): void {
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return;
  // Four decimals (≈ 11 m) as LoginGeo shows them; DB-IP stores float32s (37.422000885009766).
  geo.latitude = Math.round(latitude * 10_000) / 10_000;
  geo.longitude = Math.round(longitude * 10_000) / 10_000;
}
