/**
 * The travel judgement, pure: where a sign-in was (a stop), and whether going from the user's
 * previous stop to this one was physically possible. Distances are the great-circle distance
 * minus both locations' uncertainty, so a coarse GeoIP record can only make a hop look shorter.
 */
import type { Activity } from '../../activity/activity';
import { bordering } from '../shared/logins-geo-borders';
import { haversineKm, hasCoordinates, uncertaintyKm } from '../shared/logins-geo-distance';
import { hasTag, isPhysicalLocation, networkKind } from '../shared/logins-geo-network';

export interface Stop {
  id: string;
  t: number;
  ip: string;
  cc: string;
  city?: string;
  lat: number;
  lon: number;
  /** Uncertainty of the location (km). */
  r: number;
  isp?: string;
  /** The address is tagged corporate (an office egress). */
  corp?: boolean;
}

export interface TravelParams {
  maxSpeedKmh: number;
  minDistanceKm: number;
  /** Other users in a country that make it a company location (see impossible-travel's judge). */
  companyCountryUsers: number;
  /** Hops between neighbouring countries count (sensitivity high). */
  borderHops: boolean;
}

export interface Hop {
  from: Stop;
  to: Stop;
  distanceKm: number;
  /** Distance minus both uncertainty radii: the least the person must have travelled. */
  minDistanceKm: number;
  hours: number;
  speedKmh: number;
}

/** The stop of a successful interactive sign-in whose address says where the person was. */
export function stopOf(login: Activity): Stop | undefined {
  const geo = login.geo;
  if (!login.ip || !hasCoordinates(geo) || !isPhysicalLocation(login)) return undefined;
  const stop: Stop = { id: login.id, t: login.timeMs, ip: login.ip, cc: geo.countryIso!.toUpperCase(), lat: geo.latitude, lon: geo.longitude, r: uncertaintyKm(geo, networkKind(login)) };
  if (geo.city) stop.city = geo.city;
  if (login.isp) stop.isp = login.isp;
  if (hasTag(login, 'corporate')) stop.corp = true;
  return stop;
}

/** The hop from `from` to `to` when it is impossible; undefined when it is plausible or not a hop at all. */
export function impossibleHop(from: Stop, to: Stop, params: TravelParams): Hop | undefined {
  if (from.ip === to.ip || from.cc === to.cc) return undefined;
  if (!params.borderHops && bordering(from.cc, to.cc)) return undefined;
  // Two offices' egress addresses: corporate networks backhaul traffic between sites.
  if (from.corp && to.corp) return undefined;
  const distanceKm = haversineKm({ latitude: from.lat, longitude: from.lon }, { latitude: to.lat, longitude: to.lon });
  const minDistanceKm = Math.max(0, distanceKm - from.r - to.r);
  if (minDistanceKm < params.minDistanceKm) return undefined;
  // Sign-ins in the same minute still take some time; a floor keeps the speed finite.
  const hours = Math.max(Math.abs(to.t - from.t), 60_000) / 3_600_000;
  const speedKmh = minDistanceKm / hours;
  if (speedKmh <= params.maxSpeedKmh) return undefined;
  return { from, to, distanceKm: Math.round(distanceKm), minDistanceKm: Math.round(minDistanceKm), hours: Math.round(hours * 100) / 100, speedKmh: Math.round(speedKmh) };
}

/** Recent stops kept per user: enough for out-of-order pages and A→B→A patterns. */
export const TRAIL_LENGTH = 6;
export const TRAIL_WINDOW_MS = 48 * 3_600_000;

/** The latest stop at or before `t`. */
export function previousStop(trail: readonly Stop[], t: number): Stop | undefined {
  let best: Stop | undefined;
  for (const stop of trail) if (stop.t <= t && (!best || stop.t > best.t)) best = stop;
  return best;
}

/** The trail with `stop` added, newest kept, oldest beyond the window dropped. */
export function addStop(trail: readonly Stop[], stop: Stop): Stop[] {
  const newest = Math.max(stop.t, ...trail.map((s) => s.t));
  return [...trail.filter((s) => s.id !== stop.id), stop]
    .filter((s) => newest - s.t <= TRAIL_WINDOW_MS)
    .sort((a, b) => a.t - b.t)
    .slice(-TRAIL_LENGTH);
}
