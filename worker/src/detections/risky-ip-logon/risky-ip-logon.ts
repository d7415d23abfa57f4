import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { hasTag } from '../shared/logins-geo-network';
import { tallyHits, utcDay, type Hit, type TallyOf } from '../shared/logins-geo-tally';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';

const meta: PolicyMeta = {
  id: 'risky-ip-logon',
  name: 'Sign-in from a risky IP address',
  severity: 'high',
  mitre: ['T1078'],
  description:
    'Template: a successful sign-in (any login type: browser, SSO, OAuth, API) from an address tagged `risky`, `anonymous` or ' +
    '`suspicious` (config ipTags CIDRs and ipFeeds). No baseline and no thresholds: the tags are the organisation\'s own judgement. ' +
    'Quiet when the address is also tagged corporate or vpn. One alert per address and UTC day naming every user who signed in from it ' +
    '(the alert\'s user is the first); later sign-ins update it.',
  knownGaps: [
    'Only as good as the tags: an address in no configured range or feed is never raised (anonymous-ip and suspicious-ip look further).',
    'Reads sign-ins only: a stolen session or token used from a risky address without signing in is raised by anonymous-ip / suspicious-ip, not here.',
    'Failed sign-ins are not raised at the default sensitivity (the account was not accessed).',
  ],
  falsePositives: [
    'A range tagged risky that also holds a legitimate service the org uses: narrow the CIDR, or tag the service corporate/vpn (those tags win).',
    'A user on a commercial VPN whose exit is in a feed: the evidence names the tags; exclude the user or drop the feed entry.',
  ],
  runbook: [
    'Read the evidence: the address, which tags it carries and the sign-in (type, application, browser).',
    'If the user did not sign in from it: freeze the user, end their sessions and reset the password; review the session in the event logs.',
    'If the tag is wrong for this address, correct ipTags / the feed.',
  ],
  dataSources: ['logins'],
  // LoginHistory records every sign-in; ELF Login and LoginEvent would count them again.
  sources: ['LoginHistory'],
  thresholds: {},
  sensitivity: {
    low: 'only addresses tagged risky (the org\'s own ranges)',
    medium: 'addresses tagged risky, anonymous or suspicious; successful sign-ins only',
    high: 'addresses tagged risky, anonymous or suspicious; failed sign-ins count too (low severity when nothing succeeded)',
  },
};

const TAGS_BY_SENSITIVITY: Record<Sensitivity, string[]> = {
  low: ['risky'],
  medium: ['risky', 'anonymous', 'suspicious'],
  high: ['risky', 'anonymous', 'suspicious'],
};

interface Finding {
  userId: string;
  username?: string;
  ip: string;
  tags: string[];
  loginType?: string;
  application?: string;
  client?: string;
  country?: string;
  isp?: string;
}

export const riskyIpLogon: Policy = {
  meta,
  thresholdsFor(): Record<string, number> {
    return {};
  },
  async evaluate(activities, ctx) {
    const tags = TAGS_BY_SENSITIVITY[ctx.settings.sensitivity];
    const withFailures = ctx.settings.sensitivity === 'high';
    const hits: Array<Hit<Finding>> = [];
    for (const a of activities) {
      if (!a.userId || !a.ip || !hasTag(a, ...tags) || hasTag(a, 'corporate', 'vpn')) continue;
      if (a.kind !== 'login.success' && !(withFailures && a.kind === 'login.failure')) continue;
      const kind = a.kind === 'login.success' ? 'ok' : 'failed';
      hits.push({ bucket: `${a.ip}:${kind}:${utcDay(a.timeMs)}`, activity: a, extra: findingOf(a, tags) });
    }
    const tallies = await tallyHits(ctx.state, hits);
    return [...tallies].map(([bucket, tally]) => toDraft(bucket, tally, bucket.includes(':ok:')));
  },
};

function findingOf(a: Activity, tags: readonly string[]): Finding {
  return {
    userId: a.userId!,
    ...(a.username ? { username: a.username } : {}),
    ip: a.ip!,
    tags: a.ipTags.filter((t) => tags.includes(t)),
    ...(a.loginType ? { loginType: a.loginType } : {}),
    ...(a.application ? { application: a.application } : {}),
    ...(a.userAgent ? { client: a.userAgent } : {}),
    ...(a.geo?.countryIso ? { country: a.geo.countryIso } : {}),
    ...(a.isp ? { isp: a.isp } : {}),
  };
}

function toDraft(bucket: string, tally: TallyOf<Finding>, succeeded: boolean): AlertDraft {
  const f = tally.extra;
  const users = Object.keys(tally.users);
  const who = users.length > 1 ? `${users.length} users (${users.slice(0, 3).join(', ')}${users.length > 3 ? ' …' : ''})` : (f.username ?? f.userId);
  const verb = succeeded ? 'signed in' : 'failed to sign in';
  return {
    policy: meta.id,
    severity: succeeded ? meta.severity : 'low',
    bucket,
    subject: f.ip,
    userId: f.userId,
    ...(f.username ? { username: f.username } : {}),
    occurredAtMs: tally.firstMs,
    lastSeenAtMs: tally.lastMs,
    ip: f.ip,
    ...(f.country ? { country: f.country } : {}),
    count: tally.count,
    title: `${who} ${verb} from ${f.ip}, tagged ${f.tags.join(', ')}`,
    description:
      `${who} ${verb} ${tally.count} time(s) between ${isoUtc(tally.firstMs)} and ${isoUtc(tally.lastMs)} from ${f.ip}` +
      `${f.isp ? ` (${f.isp}${f.country ? `, ${f.country}` : ''})` : ''}, an address tagged ${f.tags.join(', ')}` +
      `${f.loginType ? `; login type ${f.loginType}` : ''}${f.application ? `, application ${f.application}` : ''}.`,
    evidence: {
      ip: f.ip,
      tags: f.tags,
      users: tally.users,
      signIns: tally.count,
      succeeded,
      loginType: f.loginType ?? null,
      application: f.application ?? null,
      client: f.client ?? null,
      country: f.country ?? null,
      isp: f.isp ?? null,
      firstAt: isoUtc(tally.firstMs),
      lastAt: isoUtc(tally.lastMs),
    },
  };
}
