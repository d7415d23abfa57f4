import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { dayOf, isLearning, noteSeen, seenWithin, valuesWithin, type Profile } from '../baseline/profile';
import { Profiles } from '../baseline/profiles';
import { hasTag, isPhysicalLocation } from '../shared/logins-geo-network';
import { noteOrgCountry, ORG_PROFILE, otherUsersInCountry } from '../shared/logins-geo-org-countries';
import { clientKey, clientOf, isFamiliarClient, isInteractiveSuccess } from '../shared/logins-geo-sign-in';
import { tallyHits, utcDay, type Hit, type TallyOf } from '../shared/logins-geo-tally';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';

const meta: PolicyMeta = {
  id: 'infrequent-country',
  name: 'Activity from an infrequent country',
  severity: 'medium',
  mitre: ['T1078', 'T1078.004'],
  description:
    'A successful interactive sign-in from a country the user has not signed in from in the last 30 days (after the user\'s 7-day ' +
    'learning period) that is also rare in the organisation: at most `orgMaxUsers` other users signed in from it in the last 30 days ' +
    '(after the organisation\'s own 7-day learning period). At the default sensitivity the sign-in must also use a client the user ' +
    'never used (a browser family the user has not run in 30 days, or an older version than any the user ran) — a person travelling ' +
    'brings their own laptop, an attacker with a stolen password brings their own tooling. One alert per user, country and UTC day.',
  knownGaps: [
    'At low and medium sensitivity an attacker who signs in from a rare country with the same browser family and an up-to-date version as the user is not raised (high sensitivity raises every new rare country).',
    'LoginHistory does not say the platform on the Activity, so "Chrome on Linux" and "Chrome on a Mac" are told apart only by version.',
    'Sign-ins through VPN services, cloud servers, Tor, iCloud Private Relay or in-flight links are left out (their country is not the user\'s); anonymous-ip and suspicious-ip cover them.',
    'A country several colleagues used in the last 30 days is not rare, so an attacker in an office country is not raised here (impossible-travel may be).',
    'OAuth and API sign-ins (mobile app, integrations) teach the user\'s countries but never alert.',
  ],
  falsePositives: [
    'Business travel to a country nobody else in the org visits: quiet while the traveller uses their usual browser; raised at high sensitivity.',
    'Visits to another office: its country is not rare (colleagues sign in from it every day), and corporate-tagged egress addresses are left out.',
    'Corporate VPN gateways abroad (tag vpn), commercial VPN services and iCloud Private Relay: left out.',
    'A new laptop or browser on the first day of a trip to a rare country: raised; the evidence shows the client and the user\'s usual ones.',
  ],
  runbook: [
    'Read the evidence: country and city, address and ISP, the client and the user\'s usual clients and countries.',
    'Ask the user (out of band) whether they are travelling and on which device.',
    'If the user did not sign in: freeze the user, end their sessions, reset the password, and review the session\'s activity in the event logs.',
    'If it was the user, dismiss as benign true positive; the country becomes part of their baseline.',
  ],
  dataSources: ['logins'],
  // One sign-in is also an event log Login row and a LoginEvent: LoginHistory alone counts.
  sources: ['LoginHistory'],
  thresholds: {
    orgMaxUsers: { default: 2, min: 0, max: 100, description: 'other users who may have signed in from the country in 30 days for it to be rare in the org' },
  },
  sensitivity: {
    low: 'the country must be unused by anyone else in the org (orgMaxUsers 0) and the client unfamiliar',
    medium: 'at most 2 other users in 30 days, and an unfamiliar client',
    high: 'at most 2 other users in 30 days; the client does not matter (every business trip to a rare country alerts)',
  },
};


interface Sighting {
  userId: string;
  username?: string;
  country: string;
  countryName?: string;
  city?: string;
  isp?: string;
  client?: string;
  usualClients: string[];
  usualCountries: string[];
  orgUsers: number;
}

export const infrequentCountry: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    return { orgMaxUsers: sensitivity === 'low' ? 0 : meta.thresholds.orgMaxUsers!.default };
  },
  async evaluate(activities, ctx) {
    // Every successful sign-in teaches the user's clients and countries (office and VPN ones too);
    // only those whose address locates the person, outside the company's own networks, are judged.
    const logins = activities.filter((a) => a.userId && a.kind === 'login.success');
    if (logins.length === 0) return [];
    const profiles = await Profiles.load(ctx.state, '', [ORG_PROFILE, ...logins.map((a) => `user:${a.userId}`)]);
    const org = profiles.get(ORG_PROFILE, logins[0]!.timeMs);
    const hits: Array<Hit<Sighting>> = [];
    const needClient = ctx.settings.sensitivity !== 'high';
    for (const login of logins) {
      const user = profiles.get(`user:${login.userId}`, login.timeMs);
      const country = isPhysicalLocation(login) ? login.geo!.countryIso!.toUpperCase() : undefined;
      if (country && !hasTag(login, 'corporate')) {
        const bucket = `${login.userId}:${country}:${utcDay(login.timeMs)}`;
        if (alertedToday(user, country, login.timeMs)) hits.push({ bucket, activity: login, extra: undefined as unknown as Sighting });
        else {
          const sighting = isInteractiveSuccess(login) ? judge(login, country, user, org, ctx.settings.thresholds.orgMaxUsers!, needClient) : undefined;
          if (sighting) {
            hits.push({ bucket, activity: login, extra: sighting });
            noteSeen(user, 'alerted', country, login.timeMs);
          }
        }
      }
      learn(login, country, user, org);
    }
    await profiles.save(logins[logins.length - 1]!.timeMs);
    const tallies = await tallyHits(ctx.state, hits);
    return [...tallies].filter(([, tally]) => tally.extra).map(([bucket, tally]) => toDraft(bucket, tally));
  },
};

/**
 * The country alerted for the user today: later sign-ins from it that day update the alert
 * (the country is in the user's baseline by then, so they would not be judged new).
 */
function alertedToday(user: Profile, country: string, timeMs: number): boolean {
  return user.seen['alerted']?.[country] === dayOf(timeMs);
}

function judge(login: Activity, country: string, user: Profile, org: Profile, orgMaxUsers: number, needClient: boolean): Sighting | undefined {
  const t = login.timeMs;
  if (isLearning(user, t) || isLearning(org, t) || seenWithin(user, 'country', country, t)) return undefined;
  const others = otherUsersInCountry(org, country, login.userId!, t);
  if (others > orgMaxUsers) return undefined;
  const client = clientOf(login);
  const usualClients = valuesWithin(user, 'client', t);
  if (needClient && isFamiliarClient(client, usualClients)) return undefined;
  const geo = login.geo!;
  return {
    userId: login.userId!,
    ...(login.username ? { username: login.username } : {}),
    country,
    ...(geo.country ? { countryName: geo.country } : {}),
    ...(geo.city ? { city: geo.city } : {}),
    ...(login.isp ? { isp: login.isp } : {}),
    ...(client ? { client: clientKey(client) } : {}),
    usualClients,
    usualCountries: valuesWithin(user, 'country', t),
    orgUsers: others,
  };
}

function learn(login: Activity, country: string | undefined, user: Profile, org: Profile): void {
  const client = isInteractiveSuccess(login) ? clientOf(login) : undefined;
  if (client) noteSeen(user, 'client', clientKey(client), login.timeMs);
  if (!country) return;
  noteSeen(user, 'country', country, login.timeMs);
  noteOrgCountry(org, country, login.userId!, login.timeMs);
}

function toDraft(bucket: string, tally: TallyOf<Sighting>): AlertDraft {
  const s = tally.extra;
  const who = s.username ?? s.userId;
  const where = `${s.city ? `${s.city}, ` : ''}${s.countryName ?? s.country}`;
  const ip = Object.keys(tally.ips)[0];
  return {
    policy: meta.id,
    severity: meta.severity,
    bucket,
    subject: s.userId,
    userId: s.userId,
    ...(s.username ? { username: s.username } : {}),
    occurredAtMs: tally.firstMs,
    lastSeenAtMs: tally.lastMs,
    ...(ip ? { ip } : {}),
    country: s.country,
    count: tally.count,
    title: `${who} signed in from ${where}, a country new for the user and rare in the org${s.client ? ` (client ${s.client})` : ''}`,
    description:
      `${who} signed in from ${ip ?? 'an address'} in ${where}${s.isp ? ` (${s.isp})` : ''} at ${isoUtc(tally.firstMs)}. ` +
      `The user's countries in the last 30 days: ${s.usualCountries.join(', ') || 'none'}; ${s.orgUsers} other user(s) in the org signed in from ${s.country} in that time. ` +
      `Client ${s.client ?? 'unknown'}; the user's usual clients: ${s.usualClients.join(', ') || 'none'}.`,
    evidence: {
      country: s.country,
      city: s.city ?? null,
      isp: s.isp ?? null,
      sourceIps: tally.ips,
      signIns: tally.count,
      usualCountries: s.usualCountries,
      orgUsersFromCountry30d: s.orgUsers,
      client: s.client ?? null,
      usualClients: s.usualClients,
      firstAt: isoUtc(tally.firstMs),
      lastAt: isoUtc(tally.lastMs),
    },
  };
}
