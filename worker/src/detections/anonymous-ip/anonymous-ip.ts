import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { isLearning, noteSeen, seenWithin, valuesWithin, type Profile } from '../baseline/profile';
import { Profiles } from '../baseline/profiles';
import { prefetch } from '../shared/auth-prefetched-state';
import { ANONYMIZING, hasTag, networkKind, type NetworkKind } from '../shared/logins-geo-network';
import { clientKey, clientOf, isFamiliarClient, isInteractiveSuccess } from '../shared/logins-geo-sign-in';
import { POST_SIGN_IN_SOURCES } from '../shared/logins-geo-sources';
import { tallyHits, utcDay, type Hit, type TallyOf } from '../shared/logins-geo-tally';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';

const meta: PolicyMeta = {
  id: 'anonymous-ip',
  name: 'Activity from an anonymous IP address',
  severity: 'high',
  mitre: ['T1090', 'T1090.003', 'T1078'],
  description:
    'A successful sign-in, or any later activity (API calls, report exports, page views, downloads), from an address tagged `anonymous` ' +
    '(Tor exit relays and anonymising proxies, from ipFeeds or ipTags): high severity. At medium and high sensitivity also an interactive ' +
    'sign-in from a hosting or commercial VPN network (recognised by ASN / ISP) the user has not signed in from in 30 days (after the ' +
    '7-day learning period) with a client the user never used (medium) — a rented server or VPN exit hiding where the person is: medium ' +
    'severity; later activity from that address the same day updates the alert. Quiet when the address is tagged corporate or vpn, or ' +
    'when at least `sharedUsers` org users signed in from it in 30 days (a shared company egress). One alert per user and UTC day.',
  knownGaps: [
    'Tor exits and proxies are known only as well as the configured feeds: an exit missing from the feed is seen as a hosting network at best.',
    'Residential proxies (botnets renting home addresses) look like home broadband and are not raised.',
    'Hosting networks are recognised from a built-in list of ASNs and ISP names; a small provider missing from it is not raised unless tagged.',
    'A hosting address the user already signed in from in the last 30 days, or that 5 or more org users share, is never raised for its hosting network alone.',
    'Failed sign-ins from anonymous addresses are not raised (internet background noise); failed-logins and password-spray cover attempts.',
  ],
  falsePositives: [
    'Corporate VPN gateways on hosting providers: tag them vpn in ipTags; untagged ones are quiet once many org users share them.',
    'iCloud Private Relay (Akamai, Cloudflare, Fastly egress) is not treated as anonymising unless a feed lists the address.',
    'A developer or administrator working from their own cloud server or VPN service: quiet once it is part of their 30-day baseline, and with their usual browser.',
    'Integrations calling the API from cloud addresses: only interactive sign-ins start an alert from a hosting network.',
  ],
  runbook: [
    'Read the evidence: the address, its network (Tor feed, hosting provider or VPN service), what the user did from it and when.',
    'If the address is a Tor exit or a proxy the user does not use, treat the account as compromised: freeze the user, end their sessions, reset the password, review exports and API calls in the event logs.',
    'If the user confirms a personal VPN or cloud workstation, dismiss as benign and consider a policy on VPN use; if it is a company gateway, tag it vpn in ipTags.',
  ],
  dataSources: ['logins', 'event logs'],
  // Sign-ins from LoginHistory; what a session did afterwards from event logs. Not ELF Login nor
  // LoginEvent (the same sign-ins again), nor ApiEvent/ReportEvent (the event log rows again).
  sources: ['LoginHistory', ...POST_SIGN_IN_SOURCES],
  thresholds: {
    sharedUsers: { default: 5, min: 2, max: 1000, description: 'org users signing in from an address within 30 days that make it a shared (company) egress' },
  },
  sensitivity: {
    low: 'only addresses tagged anonymous (Tor, proxies from feeds)',
    medium: 'tagged addresses, and hosting/VPN-service networks new for the user signed into with an unfamiliar client',
    high: 'tagged addresses, and hosting/VPN-service networks new for the user whatever the client',
  },
};

interface Finding {
  userId: string;
  username?: string;
  ip: string;
  reason: 'anonymous-tag' | NetworkKind;
  isp?: string;
  asn?: number;
  country?: string;
  client?: string;
  usualClients: string[];
  orgUsersOnIp: number;
}

export const anonymousIp: Policy = {
  meta,
  thresholdsFor(): Record<string, number> {
    return { sharedUsers: meta.thresholds.sharedUsers!.default };
  },
  async evaluate(activities, ctx) {
    // Interactive sign-ins teach every user's clients and networks (office and VPN ones too); suspect addresses are judged.
    const relevant: Activity[] = [];
    const reasons: Array<Finding['reason'] | undefined> = [];
    const users = new Set<string>();
    const ips = new Set<string>();
    let latest = 0;
    for (let i = 0; i < activities.length; i += 1) {
      const a = activities[i]!;
      if (!a.userId || !a.ip) continue;
      const reason = suspectOf(a);
      if (reason === undefined && !isInteractiveSuccess(a)) continue;
      relevant.push(a);
      reasons.push(reason);
      users.add(a.userId);
      if (reason) ips.add(a.ip);
      latest = Math.max(latest, a.timeMs);
    }
    if (relevant.length === 0) return [];
    // One read for the page: the users' and the suspect addresses' profiles.
    const fetched = await prefetch(ctx.state, [...[...users].map((u) => `user:${u}`), ...[...ips].map((ip) => `ip:${ip}`)]);
    const userProfiles = await Profiles.load(fetched.state, 'user:', users);
    const ipProfiles = await Profiles.load(fetched.state, 'ip:', ips);
    const pageUsers = signedInUsersByIp(relevant, reasons);
    const hits: Array<Hit<Finding | undefined>> = [];
    for (let i = 0; i < relevant.length; i += 1) {
      const activity = relevant[i]!;
      const user = userProfiles.get(activity.userId!, activity.timeMs);
      const reason = reasons[i];
      const ipProfile = reason ? ipProfiles.get(activity.ip!, activity.timeMs) : undefined;
      // Most rows from a hosting network are requests, not sign-ins: they cannot open a finding, so skip the work.
      const sharing = reason && mayJudge(activity, reason, ctx.settings.sensitivity) ? otherUsers(ipProfile!, pageUsers.get(activity.ip!), activity) : undefined;
      const finding = reason && sharing !== undefined && sharing + 1 < ctx.settings.thresholds.sharedUsers! ? judge(activity, reason, user, sharing, ctx.settings.sensitivity) : undefined;
      if (finding) {
        hits.push({ bucket: bucketOf(activity), activity, extra: finding });
        noteSeen(user, 'flagged', activity.ip!, activity.timeMs);
      } else if (seenWithin(user, 'flagged', activity.ip!, activity.timeMs, 0)) hits.push({ bucket: bucketOf(activity), activity, extra: undefined });
      learn(activity, user, ipProfile);
    }
    await userProfiles.save(latest);
    await ipProfiles.save(latest);
    const tallies = await tallyHits(ctx.state, hits);
    return [...tallies].filter(([, t]) => t.extra).map(([bucket, tally]) => toDraft(bucket, tally as TallyOf<Finding>));
  },
};

/** Why the address may hide its user: a feed/tag, or a hosting / VPN-service network. */
function suspectOf(activity: Activity): Finding['reason'] | undefined {
  // The company's own gateways and offices, whatever a feed or the ASN says. Most rows have no tag.
  if (activity.ipTags.length !== 0) {
    if (hasTag(activity, 'corporate', 'vpn')) return undefined;
    if (hasTag(activity, 'anonymous')) return 'anonymous-tag';
  }
  const kind = networkKind(activity);
  return ANONYMIZING.has(kind) ? kind : undefined;
}

/**
 * Users other than the activity's who signed in from its address: in the last 30 days, and in
 * this page (a company egress shows many users within one poll, before any alert is raised).
 */
function otherUsers(ipProfile: Profile, inPage: ReadonlySet<string> | undefined, activity: Activity): number {
  const users = new Set([...valuesWithin(ipProfile, 'users', activity.timeMs), ...(inPage ?? [])]);
  users.delete(activity.userId!);
  return users.size;
}

const bucketOf = (activity: Activity): string => `${activity.userId}:${utcDay(activity.timeMs)}`;

function signedInUsersByIp(activities: readonly Activity[], reasons: ReadonlyArray<Finding['reason'] | undefined>): Map<string, Set<string>> {
  const byIp = new Map<string, Set<string>>();
  for (let i = 0; i < activities.length; i += 1) {
    const a = activities[i]!;
    if (a.kind !== 'login.success' || !reasons[i]) continue;
    const users = byIp.get(a.ip!) ?? new Set<string>();
    users.add(a.userId!);
    byIp.set(a.ip!, users);
  }
  return byIp;
}

/** Whether `judge` can return a finding for the activity at all (cheap checks, before any profile work). */
function mayJudge(activity: Activity, reason: Finding['reason'], sensitivity: Sensitivity): boolean {
  if (activity.kind === 'login.failure') return false;
  return reason === 'anonymous-tag' || (sensitivity !== 'low' && isInteractiveSuccess(activity));
}

function judge(activity: Activity, reason: Finding['reason'], user: Profile, orgUsersOnIp: number, sensitivity: Sensitivity): Finding | undefined {
  const t = activity.timeMs;
  if (activity.kind === 'login.failure') return undefined;
  const client = clientOf(activity);
  const usualClients = valuesWithin(user, 'client', t);
  if (reason !== 'anonymous-tag') {
    // A hosting or VPN-service network alone: only a person's own sign-in, new for them, counts.
    if (sensitivity === 'low' || !isInteractiveSuccess(activity) || isLearning(user, t)) return undefined;
    if (activity.asn !== undefined && seenWithin(user, 'asn', String(activity.asn), t)) return undefined;
    if (sensitivity === 'medium' && isFamiliarClient(client, usualClients)) return undefined;
  }
  return {
    userId: activity.userId!,
    ...(activity.username ? { username: activity.username } : {}),
    ip: activity.ip!,
    reason,
    ...(activity.isp ? { isp: activity.isp } : {}),
    ...(activity.asn !== undefined ? { asn: activity.asn } : {}),
    ...(activity.geo?.countryIso ? { country: activity.geo.countryIso } : {}),
    ...(client ? { client: clientKey(client) } : {}),
    usualClients,
    orgUsersOnIp,
  };
}

function learn(activity: Activity, user: Profile, ipProfile: Profile | undefined): void {
  if (activity.kind !== 'login.success') return;
  if (ipProfile) noteSeen(ipProfile, 'users', activity.userId!, activity.timeMs);
  if (activity.asn !== undefined) noteSeen(user, 'asn', String(activity.asn), activity.timeMs);
  const client = isInteractiveSuccess(activity) ? clientOf(activity) : undefined;
  if (client) noteSeen(user, 'client', clientKey(client), activity.timeMs);
}

const REASONS: Record<Finding['reason'], string> = {
  'anonymous-tag': 'an anonymising address (Tor exit or proxy feed)',
  hosting: 'a hosting / cloud server network',
  'vpn-service': 'a commercial VPN service',
  'privacy-relay': 'a privacy relay',
  inflight: 'an in-flight network',
  satellite: 'a satellite network',
  mobile: 'a mobile network',
  access: 'an access network',
};

function toDraft(bucket: string, tally: TallyOf<Finding>): AlertDraft {
  const f = tally.extra;
  const who = f.username ?? f.userId;
  const network = f.isp ? `${f.isp}${f.asn !== undefined ? `, AS${f.asn}` : ''}` : 'unknown network';
  return {
    policy: meta.id,
    severity: f.reason === 'anonymous-tag' ? 'high' : 'medium',
    bucket,
    subject: f.userId,
    userId: f.userId,
    ...(f.username ? { username: f.username } : {}),
    occurredAtMs: tally.firstMs,
    lastSeenAtMs: tally.lastMs,
    ip: f.ip,
    ...(f.country ? { country: f.country } : {}),
    count: tally.count,
    title: `${who} active from ${f.ip}, ${REASONS[f.reason]} (${network})`,
    description:
      `${who} signed in or acted from ${f.ip} (${network}${f.country ? `, ${f.country}` : ''}), ${REASONS[f.reason]}, ` +
      `${tally.count} time(s) between ${isoUtc(tally.firstMs)} and ${isoUtc(tally.lastMs)}. ` +
      `${f.orgUsersOnIp} other org user(s) used the address in 30 days.`,
    evidence: {
      reason: f.reason,
      ip: f.ip,
      isp: f.isp ?? null,
      asn: f.asn ?? null,
      country: f.country ?? null,
      sourceIps: tally.ips,
      activities: tally.count,
      client: f.client ?? null,
      usualClients: f.usualClients,
      otherOrgUsersOnIp30d: f.orgUsersOnIp,
      firstAt: isoUtc(tally.firstMs),
      lastAt: isoUtc(tally.lastMs),
    },
  };
}
