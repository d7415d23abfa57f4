import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import type { UserStates } from '../../enrichment/user-state';
import { threatEvidence, threatEventAlert } from '../shared/auth-threat-events';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta, Sensitivity } from '../types';
import { emptyIpState, isIdle, isOpen, stepIp, type IpState, type Spray, type SprayParams } from './spray';

const meta: PolicyMeta = {
  id: 'password-spray',
  name: 'Password spraying from one address',
  severity: 'medium',
  mitre: ['T1110.003', 'T1110.004'],
  description:
    'One source IP fails to sign in as at least `minUsers` distinct accounts within `windowMinutes` (default 15 accounts in 5 ' +
    'minutes): a few passwords tried against many accounts, below any per-account lockout. An address tagged corporate or vpn ' +
    '(many employees behind one egress) needs twice as many accounts. One alert per spray: it stays open until 30 minutes pass ' +
    'without a failure from the address, later failures update its count. Severity rises to high when any account signs in ' +
    'successfully from the address while the spray is open (a password worked), or when Salesforce Threat Detection reports ' +
    'credential stuffing (CredentialStuffingEventStore, Shield) for the address: that finding is added to the spray\'s alert, ' +
    'or raised on its own, high, when OrgWarden saw no spray from the address. Failed single sign-on (SAML) attempts are not ' +
    'password guesses and are not counted.',
  knownGaps: [
    'LoginHistory records failures of existing usernames only: guesses against usernames that do not exist in the org are invisible.',
    'A distributed spray (each address trying few accounts, e.g. through a residential proxy network) stays below the per-address threshold; failed-logins only sees it if one account gets many failures.',
    'A slow spray (fewer than `minUsers` accounts per window) is not raised.',
    'Attempts that Salesforce blocks before authentication (login IP ranges, My Domain login policy) may not reach LoginHistory.',
  ],
  falsePositives: [
    'Many employees behind one office NAT mistyping a password after a forced reset: needs twice the accounts on corporate/vpn-tagged addresses, and such mistypes are spread over an hour, not 5 minutes.',
    'A middleware or portal server that signs in on behalf of many users with an expired shared credential: the evidence lists the accounts and the address; tag the server address corporate in config.',
  ],
  runbook: [
    'Read the evidence: the address (ISP, country), how many accounts failed in how long, and whether any account then signed in from it.',
    'If an account signed in from the address (severity high), treat it as compromised: freeze it, end its sessions, reset its password and review what it did after the sign-in.',
    'Block the address (network access / login IP ranges) and check the other streams (suspicious-ip) for other activity from it.',
    'Reset the passwords of the targeted accounts that do not enforce MFA, and enforce MFA for every user.',
    'If the address is a known server of the organization, tag it corporate in config and fix its credential.',
  ],
  dataSources: ['logins', 'realtime'],
  // LoginHistory has every sign-in; the event log Login row and LoginEvent of the same sign-in
  // would count it again. Salesforce's CredentialStuffingEventStore findings are linked to sprays.
  sources: ['LoginHistory', 'CredentialStuffingEventStore'],
  thresholds: {
    minUsers: { default: 15, min: 3, max: 1000, description: 'distinct accounts failing from one address within the window to open a spray' },
    windowMinutes: { default: 5, min: 1, max: 60, description: 'sliding window the accounts must fall within' },
  },
  sensitivity: {
    low: 'needs twice the accounts (30 in 5 minutes by default; 60 on corporate/vpn addresses)',
    medium: 'the thresholds as configured (15 accounts in 5 minutes by default; 30 on corporate/vpn addresses)',
    high: 'needs half the accounts, at least 5 (8 by default; 16 on corporate/vpn addresses)',
  },
};

/** Closed sprays are kept this long after their last failure, so a late Threat Detection finding still finds them. */
const KEEP_SPRAY_MS = 24 * 3600_000;
const STATE_TTL_SECONDS = 2 * 24 * 3600;
const SHARED_EGRESS_TAGS = ['corporate', 'vpn'];
const MAX_USERS_IN_EVIDENCE = 25;

export const passwordSpray: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    const base = meta.thresholds.minUsers!.default;
    const minUsers = sensitivity === 'low' ? base * 2 : sensitivity === 'high' ? Math.max(5, Math.ceil(base / 2)) : base;
    return { minUsers, windowMinutes: meta.thresholds.windowMinutes!.default };
  },
  async evaluate(activities, ctx) {
    const alerts = new Map<string, AlertDraft>();
    // A finding without an address cannot be linked to a spray: it alerts on its own.
    for (const finding of activities) {
      if (finding.kind !== 'threat' || finding.ip) continue;
      const draft = threatEventAlert(finding, meta.id);
      if (draft) alerts.set(draft.bucket, draft);
    }
    const byIp = groupByIp(activities);
    const stored = await ctx.state.getMany<IpState>([...byIp.keys()].map(ipKey));
    const changed = new Map<string, unknown>();
    const windowMs = ctx.settings.thresholds.windowMinutes! * 60_000;
    for (const [ip, list] of byIp) {
      const state = stored.get(ipKey(ip)) ?? emptyIpState();
      const params: SprayParams = { minUsers: minUsersFor(list[0]!, ctx), windowMs };
      for (const activity of list) {
        const draft = activity.kind === 'threat' ? linkFinding(state, activity, ctx) : stepLogin(state, activity, params, ctx);
        if (draft) alerts.set(draft.bucket, draft);
      }
      const newest = list[list.length - 1]!.timeMs;
      if (!isIdle(state, newest, windowMs, KEEP_SPRAY_MS)) changed.set(ipKey(ip), state);
      else if (stored.has(ipKey(ip))) changed.set(ipKey(ip), undefined);
    }
    await ctx.state.setMany(changed, STATE_TTL_SECONDS);
    return [...alerts.values()];
  },
};

const ipKey = (ip: string) => `ip:${ip}`;

/** Sign-ins and findings with a source address, by address, in time order. */
function groupByIp(activities: readonly Activity[]): Map<string, Activity[]> {
  const byIp = new Map<string, Activity[]>();
  for (const activity of activities) {
    if (!activity.ip || !isCounted(activity)) continue;
    const list = byIp.get(activity.ip) ?? [];
    list.push(activity);
    byIp.set(activity.ip, list);
  }
  return byIp;
}

function isCounted(activity: Activity): boolean {
  if (activity.kind === 'threat') return activity.source === 'CredentialStuffingEventStore';
  if (activity.kind !== 'login.failure' && activity.kind !== 'login.success') return false;
  // A failed SAML assertion is an identity provider problem, not a guessed password.
  return activity.userId !== undefined && !/SAML|SSO/i.test(activity.loginType ?? '');
}

/** Shared egress (an office NAT, the corporate VPN) hides many employees behind one address. */
function minUsersFor(activity: Activity, ctx: DetectionContext): number {
  const base = ctx.settings.thresholds.minUsers!;
  return activity.ipTags.some((tag) => SHARED_EGRESS_TAGS.includes(tag)) ? base * 2 : base;
}

function stepLogin(state: IpState, login: Activity, params: SprayParams, ctx: DetectionContext): AlertDraft | undefined {
  const success = login.kind === 'login.success';
  if (!stepIp(state, { timeMs: login.timeMs, userId: login.userId!, success }, params)) return undefined;
  return toAlert(state.spray!, login, ctx.env.users);
}

/** A credential-stuffing finding joins the spray from the same address around its time, else alerts on its own. */
function linkFinding(state: IpState, finding: Activity, ctx: DetectionContext): AlertDraft | undefined {
  const spray = state.spray;
  if (isOpen(spray, finding.timeMs)) {
    const evidence = threatEvidence(finding);
    if (!spray.findings.some((f) => f.eventIdentifier === evidence.eventIdentifier)) spray.findings.push(evidence);
    if (finding.userId && !spray.successes.some((s) => s.userId === finding.userId)) spray.successes.push({ userId: finding.userId, atMs: finding.timeMs });
    return toAlert(spray, finding, ctx.env.users);
  }
  return threatEventAlert(finding, meta.id);
}

function nameOf(userId: string, users: UserStates | undefined): string {
  return users?.get(userId)?.username ?? userId;
}

function toAlert(spray: Spray, latest: Activity, users: UserStates | undefined): AlertDraft {
  const ip = latest.ip!;
  const compromised = spray.successes.length > 0;
  const minutes = Math.max(1, Math.round((spray.lastAtMs - spray.firstAtMs) / 60_000));
  const where = [latest.isp, latest.geo?.countryIso].filter(Boolean).join(', ');
  const accounts = Object.entries(spray.users).sort((a, b) => b[1] - a[1]).slice(0, MAX_USERS_IN_EVIDENCE).map(([id]) => nameOf(id, users));
  const first = spray.successes[0];
  const successNames = spray.successes.map((s) => nameOf(s.userId, users));
  return {
    policy: meta.id,
    severity: compromised || spray.findings.length > 0 ? 'high' : meta.severity,
    bucket: `${ip}:${isoUtc(spray.firstAtMs)}`,
    subject: ip,
    ...(first ? { userId: first.userId, username: nameOf(first.userId, users) } : {}),
    occurredAtMs: spray.firstAtMs,
    lastSeenAtMs: Math.max(spray.lastAtMs, ...spray.successes.map((s) => s.atMs)),
    ip,
    ...(latest.geo?.countryIso ? { country: latest.geo.countryIso } : {}),
    count: spray.failures,
    title:
      `${ip}${where ? ` (${where})` : ''} failed to sign in as ${spray.distinctUsers} accounts in ${minutes} min` +
      (compromised ? `, then signed in as ${successNames.join(', ')}` : ''),
    description:
      `${spray.failures} failed sign-ins for ${spray.distinctUsers} distinct accounts came from ${ip} between ${isoUtc(spray.firstAtMs)} and ${isoUtc(spray.lastAtMs)}` +
      (compromised ? `; ${successNames.join(', ')} then signed in successfully from the same address` : '') +
      (spray.findings.length ? '; Salesforce Threat Detection reported credential stuffing from it' : '') + '.',
    evidence: {
      sourceIp: ip,
      ...(latest.isp ? { isp: latest.isp } : {}),
      ...(latest.asn !== undefined ? { asn: latest.asn } : {}),
      ...(latest.geo?.countryIso ? { country: latest.geo.countryIso } : {}),
      ipTags: latest.ipTags,
      distinctAccounts: spray.distinctUsers,
      failures: spray.failures,
      firstFailureAt: isoUtc(spray.firstAtMs),
      lastFailureAt: isoUtc(spray.lastAtMs),
      accounts,
      threshold: { minUsers: spray.minUsers },
      successfulSignIns: spray.successes.map((s) => ({ username: nameOf(s.userId, users), userId: s.userId, at: isoUtc(s.atMs) })),
      ...(spray.findings.length ? { salesforceFindings: spray.findings } : {}),
    },
  };
}
