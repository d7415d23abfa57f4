import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { isLearning, noteSeen, seenWithin, type Profile } from '../baseline/profile';
import { Profiles } from '../baseline/profiles';
import { noteOrgCountry, ORG_PROFILE, otherUsersInCountry } from '../shared/logins-geo-org-countries';
import { isInteractiveSuccess } from '../shared/logins-geo-sign-in';
import { tallyHits, utcDay, type Hit, type TallyOf } from '../shared/logins-geo-tally';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';
import { addStop, impossibleHop, previousStop, stopOf, type Hop, type Stop, type TravelParams } from './travel';

const meta: PolicyMeta = {
  id: 'impossible-travel',
  name: 'Impossible travel',
  severity: 'high',
  mitre: ['T1078', 'T1078.004'],
  description:
    'Two successful interactive sign-ins of one user (LoginHistory with LoginGeo) from places too far apart for the time between them: ' +
    'the great-circle distance minus both locations\' uncertainty (GeoIP accuracy radius, or an assumed 50 km for a city, 300 km for a ' +
    'mobile carrier, 500 km for a country-only record) divided by the time must exceed `maxSpeedKmh` (default 1000 km/h, faster than an airliner), ' +
    'and that distance must be at least `minDistanceKm`. Quiet for hops within a country or between neighbouring countries, between two ' +
    'corporate-tagged addresses, when the user signed in from both countries in the last 30 days (after the 7-day learning period), ' +
    'and for hops below twice that speed into a country where at least `companyCountryUsers` colleagues signed in within 30 days ' +
    '(a long flight to a company location, GeoIP error included). ' +
    'Sign-ins whose address is no location — corporate VPN (tag vpn), iCloud Private Relay, commercial VPN services, cloud/hosting servers, ' +
    'in-flight and satellite links — are left out. One alert per user and UTC day; later impossible hops that day update it.',
  knownGaps: [
    'Only interactive sign-ins count: OAuth ("Remote Access 2.0") and API logins — the mobile app, integrations, a stolen refresh token — are not compared, because their addresses are servers and roaming carriers.',
    'An attacker behind a VPN service, a cloud server, Tor or iCloud Private Relay has no location here; anonymous-ip and suspicious-ip cover those addresses.',
    'Hops inside one country (New York to San Francisco in 10 minutes) and between neighbouring countries are never raised at the default sensitivity.',
    'A user who signed in from both countries in the last 30 days is not raised for hops between them, even if one of those sign-ins was an attacker\'s that did not alert.',
    'Locations come from LoginGeo / GeoIP: an address placed in the wrong country (rare for fixed lines) can create or hide a hop.',
    'A hop below twice maxSpeedKmh into a country where several colleagues work (an office country) is taken for a long flight: an attacker there who signs in hours after the user is not raised.',
  ],
  falsePositives: [
    'Corporate VPN or office egress in another country: addresses tagged vpn are no location, and two corporate-tagged addresses are never a hop. Tag every VPN gateway and office egress in ipTags.',
    'iCloud Private Relay, commercial VPN services and in-flight Wi-Fi: recognised by their networks (ASN / ISP) and left out.',
    'Mobile carrier drift: carrier NAT pools geolocate hundreds of kilometres off; mobile networks get a 300 km uncertainty and the mobile app\'s OAuth sign-ins are not compared.',
    'Short hops and GeoIP accuracy: the distance is reduced by both locations\' uncertainty and must still exceed minDistanceKm.',
    'Real travel: a flight is slower than maxSpeedKmh once both sign-ins are counted (a user flying overnight is quiet); the user\'s usual countries are suppressed.',
    'Long flights to a company location with a tight schedule (GeoIP error plus a fast flight): below twice maxSpeedKmh into an office country they are quiet.',
  ],
  runbook: [
    'Read the two sign-ins in the evidence: places, addresses, ISPs, time between them and the speed needed.',
    'Check whether either address is a VPN, proxy or office the organisation uses; if so, add it to ipTags (vpn/corporate) and dismiss as benign.',
    'Ask the user (out of band) whether they signed in from both places; an unknown location means compromised credentials or a stolen session.',
    'If not the user: freeze the user, end their sessions (AuthSession), reset the password and review what the unknown location did (event logs for the session).',
    'Set the Classification once resolved.',
  ],
  dataSources: ['logins'],
  // LoginHistory has every sign-in of every org with LoginGeo; the event log Login row and the
  // LoginEvent of the same sign-in arrive later and would count it twice.
  sources: ['LoginHistory'],
  thresholds: {
    maxSpeedKmh: { default: 1000, min: 300, max: 5000, description: 'speed (least distance / time) above which a hop is impossible' },
    minDistanceKm: { default: 100, min: 0, max: 5000, description: 'least distance (after accuracy radii) for a hop to count' },
    companyCountryUsers: {
      default: 5, min: 1, max: 100,
      description: 'other users signing in from a country within 30 days that make it a company location (hops into it below twice maxSpeedKmh are business travel)',
    },
  },
  sensitivity: {
    low: 'needs 1500 km/h and 500 km; same-country, neighbouring-country and usual-country hops are quiet',
    medium: 'the thresholds as configured (1000 km/h, 100 km); same-country, neighbouring-country and usual-country hops are quiet',
    high: 'needs 800 km/h; hops between neighbouring countries count too (same-country and usual-country hops stay quiet)',
  },
};

/**
 * The per-user profile (countries the user signed in from), with the trail of the user's recent
 * stops: the profile is the one value the policy keeps per user, read and written once a page.
 */
interface TravelProfile extends Profile {
  trail?: Stop[];
}

interface FirstHop {
  hop: Hop;
  userId: string;
  username?: string;
}

export const impossibleTravel: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    const companyCountryUsers = meta.thresholds.companyCountryUsers!.default;
    if (sensitivity === 'low') return { maxSpeedKmh: 1500, minDistanceKm: 500, companyCountryUsers };
    if (sensitivity === 'high') return { maxSpeedKmh: 800, minDistanceKm: meta.thresholds.minDistanceKm!.default, companyCountryUsers };
    return { maxSpeedKmh: meta.thresholds.maxSpeedKmh!.default, minDistanceKm: meta.thresholds.minDistanceKm!.default, companyCountryUsers };
  },
  async evaluate(activities, ctx) {
    const params: TravelParams = {
      maxSpeedKmh: ctx.settings.thresholds.maxSpeedKmh!,
      minDistanceKm: ctx.settings.thresholds.minDistanceKm!,
      companyCountryUsers: ctx.settings.thresholds.companyCountryUsers!,
      borderHops: ctx.settings.sensitivity === 'high',
    };
    const byUser = locatedSignIns(activities);
    if (byUser.size === 0) return [];
    const profiles = await Profiles.load(ctx.state, '', [ORG_PROFILE, ...[...byUser.keys()].map((id) => `user:${id}`)]);
    const org = profiles.get(ORG_PROFILE, [...byUser.values()].reduce((first, l) => Math.min(first, l[0]!.stop.t), Infinity));
    const hits: Array<Hit<FirstHop>> = [];
    let latest = 0;
    for (const [userId, logins] of byUser) {
      const profile = profiles.get(`user:${userId}`, logins[0]!.login.timeMs) as TravelProfile;
      for (const { login, stop } of logins) {
        latest = Math.max(latest, stop.t);
        const hop = judge(profile, org, stop, params, userId);
        noteOrgCountry(org, stop.cc, userId, stop.t);
        if (hop) {
          const first: FirstHop = { hop, userId, ...(login.username ? { username: login.username } : {}) };
          hits.push({ bucket: `${userId}:${utcDay(hop.to.t)}`, activity: { id: login.id, timeMs: hop.to.t, ip: hop.to.ip }, extra: first });
        } else noteSeen(profile, 'country', stop.cc, stop.t);
        profile.trail = addStop(profile.trail ?? [], stop);
      }
    }
    await profiles.save(latest);
    const tallies = await tallyHits(ctx.state, hits);
    return [...tallies].map(([bucket, tally]) => toDraft(bucket, tally));
  },
};

function locatedSignIns(activities: readonly Activity[]): Map<string, Array<{ login: Activity; stop: Stop }>> {
  const byUser = new Map<string, Array<{ login: Activity; stop: Stop }>>();
  for (const login of activities) {
    if (!login.userId || !isInteractiveSuccess(login)) continue;
    const stop = stopOf(login);
    if (!stop) continue;
    const list = byUser.get(login.userId) ?? [];
    list.push({ login, stop });
    byUser.set(login.userId, list);
  }
  return byUser;
}

/**
 * The impossible hop into (or, for a late sign-in, out of) `stop`, unless the user's usual
 * countries explain it, or it is a long flight to a company location: at most twice
 * `maxSpeedKmh` (a fast flight plus GeoIP error) into a country where at least
 * `companyCountryUsers` other users signed in within 30 days.
 */
function judge(profile: TravelProfile, org: Profile, stop: Stop, params: TravelParams, userId: string): Hop | undefined {
  const trail = profile.trail ?? [];
  if (trail.some((s) => s.id === stop.id)) return undefined; // already judged (a replayed page)
  const before = previousStop(trail, stop.t);
  const after = trail.filter((s) => s.t > stop.t).sort((a, b) => a.t - b.t)[0];
  const hop = (before && impossibleHop(before, stop, params)) ?? (after && impossibleHop(stop, after, params));
  if (!hop) return undefined;
  const usual = !isLearning(profile, stop.t) && seenWithin(profile, 'country', hop.from.cc, stop.t) && seenWithin(profile, 'country', hop.to.cc, stop.t);
  if (usual) return undefined;
  const companyTrip =
    hop.speedKmh <= 2 * params.maxSpeedKmh && !isLearning(org, stop.t) && otherUsersInCountry(org, hop.to.cc, userId, stop.t) >= params.companyCountryUsers;
  return companyTrip ? undefined : hop;
}

function place(stop: Stop): string {
  return stop.city ? `${stop.city}, ${stop.cc}` : stop.cc;
}

function toDraft(bucket: string, tally: TallyOf<FirstHop>): AlertDraft {
  const { hop, userId, username } = tally.extra;
  const who = username ?? userId;
  const minutes = Math.round(hop.hours * 60);
  const describeStop = (s: Stop) => ({ at: isoUtc(s.t), ip: s.ip, isp: s.isp ?? null, city: s.city ?? null, country: s.cc, corporate: s.corp ?? false, uncertaintyKm: s.r });
  return {
    policy: meta.id,
    severity: meta.severity,
    bucket,
    subject: userId,
    userId,
    ...(username ? { username } : {}),
    occurredAtMs: tally.firstMs,
    lastSeenAtMs: tally.lastMs,
    ip: hop.to.ip,
    country: hop.to.cc,
    count: tally.count,
    title: `${who} signed in from ${place(hop.from)} and ${place(hop.to)} ${minutes} min apart (${hop.distanceKm} km, ${hop.speedKmh} km/h)`,
    description:
      `${who} signed in from ${hop.from.ip} (${place(hop.from)}${hop.from.isp ? `, ${hop.from.isp}` : ''}) at ${isoUtc(hop.from.t)} and from ` +
      `${hop.to.ip} (${place(hop.to)}${hop.to.isp ? `, ${hop.to.isp}` : ''}) at ${isoUtc(hop.to.t)}: at least ${hop.minDistanceKm} km in ` +
      `${minutes} minutes (${hop.speedKmh} km/h).` + (tally.count > 1 ? ` ${tally.count} impossible hops that day.` : ''),
    evidence: {
      from: describeStop(hop.from),
      to: describeStop(hop.to),
      distanceKm: hop.distanceKm,
      minDistanceKm: hop.minDistanceKm,
      hours: hop.hours,
      speedKmh: hop.speedKmh,
      impossibleHops: tally.count,
      destinationIps: tally.ips,
    },
  };
}
