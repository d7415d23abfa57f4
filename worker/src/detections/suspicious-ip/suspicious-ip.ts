import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { hasTag } from '../shared/logins-geo-network';
import { POST_SIGN_IN_SOURCES } from '../shared/logins-geo-sources';
import { tallyHits, utcDay, type Hit, type TallyOf } from '../shared/logins-geo-tally';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';
import { addFailure, markSprayer, pruneSprayers, sprayerAt, type FailureWindow, type SprayParams, type Sprayer } from './spray-watch';

const CREDENTIAL_STUFFING = 'CredentialStuffingEventStore';

const meta: PolicyMeta = {
  id: 'suspicious-ip',
  name: 'Activity from a suspicious IP address',
  severity: 'high',
  mitre: ['T1078', 'T1110.003', 'T1110.004'],
  description:
    'A successful sign-in, or any later activity (API calls, exports, page views, downloads), from an address a threat feed lists ' +
    '(tag `suspicious` from ipFeeds or ipTags), or from an address the org itself saw spraying or stuffing credentials: failed ' +
    'sign-ins against at least `sprayUsers` distinct users within `sprayWindowMinutes`, or a Salesforce Credential Stuffing finding ' +
    '(Threat Detection). Such an address stays suspicious for `rememberDays` after it last sprayed. One alert per address and UTC day, ' +
    'naming every user active from it (the alert\'s user is the first one); later activity updates it.',
  knownGaps: [
    'Feeds list single addresses: an attacker one address away on the same provider is not raised here (anonymous-ip may raise the hosting network).',
    'Spraying is seen per address: a spray spread over many addresses (a botnet, one attempt each) never reaches the threshold.',
    'Failures against usernames that do not exist are not in LoginHistory and do not count towards spraying.',
    'Only activity after the address sprayed is raised; a success from it before the spray began is not.',
    'The failed sign-ins themselves are not raised here (password-spray and failed-logins do).',
  ],
  falsePositives: [
    'A threat feed listing a shared address (a CGNAT or a cloud egress) that a user really uses: the evidence names the feed tag; remove the entry or exclude the user.',
    'An untagged office NAT where many people mistype a new password at once: corporate and vpn tagged addresses never count as spraying; tag office egress corporate.',
  ],
  runbook: [
    'Read the evidence: the address, why it is suspicious (threat feed, or the users it failed against and when), and what the user did from it.',
    'Treat the account as compromised: freeze the user, end their sessions, reset the password and enforce MFA.',
    'Review the session\'s API calls, exports and downloads in the event logs for data taken.',
    'Block the address in the org\'s network access settings or at the identity provider.',
  ],
  dataSources: ['logins', 'event logs', 'real-time events (Threat Detection)'],
  // Sign-ins (and failures, for spraying) from LoginHistory, a session's later activity from
  // event logs, and Salesforce's Credential Stuffing findings; not ELF Login / LoginEvent (the same sign-ins).
  sources: ['LoginHistory', ...POST_SIGN_IN_SOURCES, CREDENTIAL_STUFFING],
  thresholds: {
    sprayUsers: { default: 10, min: 3, max: 1000, description: 'distinct users an address must fail against within the window to be a sprayer' },
    sprayWindowMinutes: { default: 30, min: 1, max: 1440, description: 'window for counting a sprayer\'s distinct users' },
    rememberDays: { default: 30, min: 1, max: 90, description: 'how long an address stays suspicious after it last sprayed' },
  },
  sensitivity: {
    low: 'threat-feed addresses and Credential Stuffing findings only (the org\'s own spraying observations are not used)',
    medium: 'also addresses that failed against 10 distinct users within 30 minutes',
    high: 'also addresses that failed against 5 distinct users within 30 minutes',
  },
};

const SPRAYERS = 'sprayers';
const FAILURE_TTL_SECONDS = 86_400;

interface Finding {
  userId: string;
  username?: string;
  ip: string;
  reason: 'threat-feed' | Sprayer['how'];
  sprayer?: Sprayer;
  isp?: string;
  country?: string;
}

export const suspiciousIp: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    const sprayUsers = sensitivity === 'high' ? 5 : meta.thresholds.sprayUsers!.default;
    return { sprayUsers, sprayWindowMinutes: meta.thresholds.sprayWindowMinutes!.default, rememberDays: meta.thresholds.rememberDays!.default };
  },
  async evaluate(activities, ctx) {
    const params: SprayParams = {
      // Low sensitivity trusts feeds and Salesforce's findings only.
      sprayUsers: ctx.settings.sensitivity === 'low' ? 0 : ctx.settings.thresholds.sprayUsers!,
      windowMs: ctx.settings.thresholds.sprayWindowMinutes! * 60_000,
      rememberMs: ctx.settings.thresholds.rememberDays! * 86_400_000,
    };
    // A first pass finds what the state read needs (the addresses failing sign-ins) and the page's
    // latest time, without copying the watched rows into a new array: a page is 20,000 rows.
    let watchedRows = 0;
    // Rows that may matter without a known sprayer: tagged addresses, failures, Credential Stuffing findings.
    let notable = 0;
    let latest = 0;
    const failingIps = new Set<string>();
    for (let i = 0; i < activities.length; i += 1) {
      const activity = activities[i]!;
      if (!isWatched(activity)) continue;
      watchedRows += 1;
      latest = Math.max(latest, activity.timeMs);
      if (activity.ipTags.length !== 0 || activity.kind === 'login.failure' || activity.source === CREDENTIAL_STUFFING) notable += 1;
      if (params.sprayUsers > 0 && isCountedFailure(activity)) failingIps.add(activity.ip!);
    }
    if (watchedRows === 0) return [];
    const failing = [...failingIps].map((ip) => `fail:${ip}`);
    const stored = await ctx.state.getMany<unknown>([SPRAYERS, ...failing]);
    // A Map for the per-row look-ups; stored (and pruned) as the plain object it always was.
    const sprayers = new Map(Object.entries((stored.get(SPRAYERS) as Record<string, Sprayer> | undefined) ?? {}));
    const windows = new Map([...failingIps].map((ip, i) => [ip, (stored.get(failing[i]!) as FailureWindow | undefined) ?? { recent: [] }]));
    const hits: Array<Hit<Finding>> = [];
    const days = new DayNames();
    let sprayersChanged = false;
    // A page of untagged requests while no address is a known sprayer (the usual case) raises nothing.
    const rowsToJudge = notable === 0 && sprayers.size === 0 ? 0 : activities.length;
    for (let i = 0; i < rowsToJudge; i += 1) {
      const activity = activities[i]!;
      if (!isWatched(activity)) continue;
      if (activity.source === CREDENTIAL_STUFFING) {
        markSprayer(sprayers, activity.ip!, activity.timeMs, 0, 'credential-stuffing');
        sprayersChanged = true;
      } else if (isCountedFailure(activity)) {
        if (params.sprayUsers === 0) continue;
        const users = addFailure(windows.get(activity.ip!)!, activity.timeMs, activity.userId!, params);
        if (users >= params.sprayUsers) {
          markSprayer(sprayers, activity.ip!, activity.timeMs, users, 'failed-sign-ins');
          sprayersChanged = true;
        }
        continue;
      }
      // A user's success or later request: judged on the address's tags and the known sprayers, when there are any.
      if (!activity.userId || activity.kind === 'login.failure' || activity.kind === 'logout') continue;
      const listed = activity.ipTags.length !== 0 && hasTag(activity, 'suspicious');
      const sprayer = sprayers.size === 0 ? undefined : sprayerAt(sprayers, activity.ip!, activity.timeMs, params);
      if (!listed && !sprayer) continue;
      const finding = findingOf(activity, listed, sprayer);
      hits.push({ bucket: `${finding.ip}:${days.of(activity.timeMs)}`, activity, extra: finding });
    }
    const writes = new Map<string, unknown>([...windows].map(([ip, w]) => [`fail:${ip}`, w.recent.length ? w : undefined]));
    await ctx.state.setMany(writes, FAILURE_TTL_SECONDS);
    if (sprayersChanged) await ctx.state.setMany(new Map([[SPRAYERS, pruneSprayers(Object.fromEntries(sprayers), latest, params)]]), params.rememberMs / 1000);
    const tallies = await tallyHits(ctx.state, hits);
    return [...tallies].map(([bucket, tally]) => toDraft(bucket, tally));
  },
};

/** Rows with an address that is not the company's own (corporate or vpn tagged). */
function isWatched(activity: Activity): boolean {
  return !!activity.ip && (activity.ipTags.length === 0 || !hasTag(activity, 'corporate', 'vpn'));
}

function isCountedFailure(activity: Activity): boolean {
  return activity.kind === 'login.failure' && activity.source === 'LoginHistory' && activity.userId !== undefined;
}

/** A success or post-sign-in activity of a user from a listed or spraying address. */
function findingOf(activity: Activity, listed: boolean, sprayer: Sprayer | undefined): Finding {
  return {
    userId: activity.userId!,
    ...(activity.username ? { username: activity.username } : {}),
    ip: activity.ip!,
    reason: listed ? 'threat-feed' : sprayer!.how,
    ...(sprayer ? { sprayer: { ...sprayer } } : {}),
    ...(activity.isp ? { isp: activity.isp } : {}),
    ...(activity.geo?.countryIso ? { country: activity.geo.countryIso } : {}),
  };
}

/** `utcDay` of a page's times, formatted once per day rather than once per hit (one address can raise thousands of rows). */
class DayNames {
  private day = NaN;
  private name = '';

  of(timeMs: number): string {
    const day = Math.floor(timeMs / 86_400_000);
    if (day !== this.day) {
      this.name = utcDay(timeMs);
      this.day = day;
    }
    return this.name;
  }
}

function why(f: Finding): string {
  if (f.reason === 'threat-feed') return 'listed in a threat feed';
  if (f.reason === 'credential-stuffing') return 'reported by Salesforce Threat Detection as a credential stuffing source';
  return `seen failing sign-ins against ${f.sprayer?.users ?? 'many'} users since ${isoUtc(f.sprayer!.sinceMs)}`;
}

function toDraft(bucket: string, tally: TallyOf<Finding>): AlertDraft {
  const f = tally.extra;
  const first = f.username ?? f.userId;
  const users = Object.keys(tally.users);
  const who = users.length > 1 ? `${users.length} users (${users.slice(0, 3).join(', ')}${users.length > 3 ? ' …' : ''})` : first;
  return {
    policy: meta.id,
    severity: meta.severity,
    bucket,
    subject: f.ip,
    userId: f.userId,
    ...(f.username ? { username: f.username } : {}),
    occurredAtMs: tally.firstMs,
    lastSeenAtMs: tally.lastMs,
    ip: f.ip,
    ...(f.country ? { country: f.country } : {}),
    count: tally.count,
    title: `${who} active from ${f.ip}, ${why(f)}`,
    description:
      `${who} signed in or acted from ${f.ip}${f.isp ? ` (${f.isp}${f.country ? `, ${f.country}` : ''})` : ''}, ${why(f)}: ` +
      `${tally.count} activit${tally.count === 1 ? 'y' : 'ies'} between ${isoUtc(tally.firstMs)} and ${isoUtc(tally.lastMs)}.`,
    evidence: {
      reason: f.reason,
      ip: f.ip,
      isp: f.isp ?? null,
      country: f.country ?? null,
      users: tally.users,
      activities: tally.count,
      ...(f.sprayer ? { sprayedSince: isoUtc(f.sprayer.sinceMs), sprayedUsers: f.sprayer.users } : {}),
      firstAt: isoUtc(tally.firstMs),
      lastAt: isoUtc(tally.lastMs),
    },
  };
}
