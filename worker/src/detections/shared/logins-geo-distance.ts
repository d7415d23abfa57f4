/**
 * Great-circle distance between two sign-in locations, and how far each location may be from
 * where the person really was. GeoIP2 says (`accuracyRadiusKm`); LoginGeo and DB-IP do not, so
 * the radius is assumed from what the record holds: a city is right within tens of kilometres
 * for fixed lines but mobile carriers' NAT pools are placed hundreds of kilometres off, and a
 * country-only record sits on the country's centroid.
 */
import type { Geo } from '../../activity/activity';
import type { NetworkKind } from './logins-geo-network';

const EARTH_RADIUS_KM = 6371.0088;

/** Assumed uncertainty when the database gives none. */
export const CITY_RADIUS_KM = 50;
export const MOBILE_RADIUS_KM = 300;
export const COUNTRY_ONLY_RADIUS_KM = 500;

export interface Point {
  latitude: number;
  longitude: number;
}

export function haversineKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far the person may have been from the geo's coordinates. */
export function uncertaintyKm(geo: Geo, network: NetworkKind): number {
  if (!geo.city) return Math.max(geo.accuracyRadiusKm ?? 0, COUNTRY_ONLY_RADIUS_KM);
  const floor = network === 'mobile' ? MOBILE_RADIUS_KM : 0;
  return Math.max(geo.accuracyRadiusKm ?? CITY_RADIUS_KM, floor);
}

export function hasCoordinates(geo: Geo | undefined): geo is Geo & Point {
  return typeof geo?.latitude === 'number' && typeof geo.longitude === 'number';
}
