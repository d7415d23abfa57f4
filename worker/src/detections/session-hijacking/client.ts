/**
 * What identifies the client behind a session's requests: its network (address, autonomous
 * system, location, tags) and its software (browser family and operating system — versions are
 * ignored: a browser updating itself mid-session is the same client). Pure helpers.
 */
import type { Activity } from '../../activity/activity';

export interface SessionClient {
  ip: string;
  asn?: number;
  isp?: string;
  country?: string;
  lat?: number;
  lon?: number;
  radiusKm?: number;
  /** Browser family and OS (`Chrome/Windows`), when a request carried a user agent. */
  agent?: string;
  /** One raw user agent of the client, for the evidence. */
  agentRaw?: string;
  tags: string[];
  firstMs: number;
  lastMs: number;
  requests: number;
  /**
   * Distinct minutes with a request, ascending, as offsets from `minuteBase` (ms / 60,000 of the
   * client's first request seen): small numbers keep the stored session small.
   */
  minutes: number[];
  minuteBase: number;
}

/** Enough minutes to see two clients take turns; a longer session keeps its latest ones. */
export const MAX_MINUTES = 120;

/** Browser family / OS of a user agent string; undefined when it says neither. */
export function agentFingerprint(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const ua = userAgent;
  const family =
    /SalesforceMobileSDK|Salesforce\/\d/i.test(ua) ? 'SalesforceApp'
    : /HeadlessChrome/i.test(ua) ? 'HeadlessChrome'
    : /\bEdg(e|A|iOS)?\//.test(ua) ? 'Edge'
    : /\bOPR\//.test(ua) ? 'Opera'
    : /Firefox\/|FxiOS/.test(ua) ? 'Firefox'
    : /Chrome\/|CriOS/.test(ua) ? 'Chrome'
    : /Version\/[\d.]+.*Safari\//.test(ua) ? 'Safari'
    : /^(curl|python-requests|Java|okhttp|Go-http-client|axios|node-fetch|PostmanRuntime)/i.test(ua) ? ua.split(/[/\s]/)[0]!.toLowerCase()
    : undefined;
  const os =
    /iPhone|iPad|iOS/i.test(ua) ? 'iOS'
    : /Android/i.test(ua) ? 'Android'
    : /Windows/i.test(ua) ? 'Windows'
    : /Mac OS X|Macintosh/i.test(ua) ? 'macOS'
    : /CrOS/.test(ua) ? 'ChromeOS'
    : /Linux|X11/i.test(ua) ? 'Linux'
    : undefined;
  if (!family && !os) return undefined;
  return `${family ?? 'other'}/${os ?? 'other'}`;
}

export function clientOf(activity: Activity): SessionClient {
  const geo = activity.geo;
  const agent = agentFingerprint(activity.userAgent);
  return {
    ip: activity.ip!,
    ...(activity.asn !== undefined ? { asn: activity.asn } : {}),
    ...(activity.isp ? { isp: activity.isp } : {}),
    ...(geo?.countryIso ? { country: geo.countryIso } : {}),
    ...(typeof geo?.latitude === 'number' && typeof geo.longitude === 'number' ? { lat: geo.latitude, lon: geo.longitude } : {}),
    ...(geo?.accuracyRadiusKm !== undefined ? { radiusKm: geo.accuracyRadiusKm } : {}),
    ...(agent ? { agent, agentRaw: activity.userAgent! } : {}),
    tags: [...activity.ipTags],
    firstMs: activity.timeMs,
    lastMs: activity.timeMs,
    requests: 1,
    minutes: [0],
    minuteBase: Math.floor(activity.timeMs / 60_000),
  };
}

export const isIpv6 = (ip: string): boolean => ip.includes(':');

/** The /24 of an IPv4 address or the /48 of an IPv6 one: addresses a client's own network hands out. */
export function prefixOf(ip: string): string {
  if (!isIpv6(ip)) {
    const dot = ip.lastIndexOf('.');
    return dot < 0 ? ip : ip.slice(0, dot);
  }
  const [head = ''] = ip.split('::');
  return head.split(':').slice(0, 3).join(':').toLowerCase();
}

/** Same network: same address, same /24 (/48), or same autonomous system (carrier NAT pools, DHCP renewals). */
export function sameNetwork(a: SessionClient, b: SessionClient): boolean {
  if (a.ip === b.ip || prefixOf(a.ip) === prefixOf(b.ip)) return true;
  return a.asn !== undefined && a.asn === b.asn;
}

/** Both agents known and different (family or OS). */
export function agentChanged(a: SessionClient, b: SessionClient): boolean {
  return a.agent !== undefined && b.agent !== undefined && a.agent !== b.agent;
}

export function countryChanged(a: SessionClient, b: SessionClient): boolean {
  return a.country !== undefined && b.country !== undefined && a.country !== b.country;
}

/** Adds one minute (ms / 60,000) to a client's distinct minutes (the latest `MAX_MINUTES`); true when it was new. */
export function addMinute(client: SessionClient, absoluteMinute: number): boolean {
  const minutes = client.minutes;
  const minute = absoluteMinute - client.minuteBase;
  const last = minutes[minutes.length - 1];
  if (minute === last) return false;
  if (last === undefined || minute > last) {
    minutes.push(minute);
    if (minutes.length > MAX_MINUTES) minutes.shift();
    return true;
  }
  // Rows of other event types arrive after a later file: insert in place.
  let lo = 0;
  let hi = minutes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (minutes[mid]! < minute) lo = mid + 1;
    else hi = mid;
  }
  if (minutes[lo] === minute || (lo === 0 && minutes.length >= MAX_MINUTES)) return false;
  minutes.splice(lo, 0, minute);
  if (minutes.length > MAX_MINUTES) minutes.shift();
  return true;
}

/**
 * Walks both clients' minutes (each ascending) in time order, as one merged timeline where a
 * minute used by both comes first as `a`'s, and reports every change of client: how many, and the
 * shortest gap between a minute of one and the next minute of the other. A merge, not a sort: it
 * runs for every session on every page.
 */
export function turnsBetween(a: SessionClient, b: SessionClient): { turns: number; shortestMs: number } {
  const am = a.minutes;
  const bm = b.minutes;
  let i = 0;
  let j = 0;
  let turns = 0;
  let shortest = Infinity;
  let prevWho = -1;
  let prevMinute = 0;
  while (i < am.length || j < bm.length) {
    const nextA = i < am.length ? am[i]! + a.minuteBase : Infinity;
    const nextB = j < bm.length ? bm[j]! + b.minuteBase : Infinity;
    const who = nextA <= nextB ? 0 : 1;
    const minute = who === 0 ? nextA : nextB;
    if (who === 0) i += 1;
    else j += 1;
    if (prevWho !== -1 && who !== prevWho) {
      turns += 1;
      shortest = Math.min(shortest, (minute - prevMinute) * 60_000);
    }
    prevWho = who;
    prevMinute = minute;
  }
  return { turns, shortestMs: shortest };
}

/** How often the session went from one client to the other, minute by minute (a minute used by both counts as a turn). */
export function turns(a: SessionClient, b: SessionClient): number {
  return turnsBetween(a, b).turns;
}

/**
 * Both clients used the session turn and turn about (A B A B …, three turns or more): two
 * clients at once. One device that moves and comes back (A B A) takes two turns.
 */
export function concurrent(a: SessionClient, b: SessionClient): boolean {
  return a.firstMs < b.lastMs && b.firstMs < a.lastMs && turns(a, b) >= 3;
}

const EARTH_RADIUS_KM = 6371;
/** Assumed error of a city-level location when the database gives no radius. */
const DEFAULT_RADIUS_KM = 50;

export function distanceKm(a: SessionClient, b: SessionClient): number | undefined {
  if (a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) return undefined;
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The shortest time between a request of one client and the next request of the other (minute resolution). */
export function shortestTurnMs(a: SessionClient, b: SessionClient): number {
  return turnsBetween(a, b).shortestMs;
}

/**
 * km/h needed to go between the two clients' locations in the shortest turn from one to the
 * other, after taking both locations' error off the distance (Infinity when both used the same
 * minute). Undefined without coordinates.
 */
export function speedKmh(a: SessionClient, b: SessionClient): { km: number; kmh: number } | undefined {
  const km = distanceKm(a, b);
  if (km === undefined) return undefined;
  const slack = (a.radiusKm ?? DEFAULT_RADIUS_KM) + (b.radiusKm ?? DEFAULT_RADIUS_KM);
  const effective = Math.max(0, km - slack);
  const gapMs = shortestTurnMs(a, b);
  if (effective === 0) return { km: Math.round(km), kmh: 0 };
  return { km: Math.round(km), kmh: gapMs <= 0 ? Infinity : effective / (gapMs / 3_600_000) };
}
