import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { noteSeen, seenWithin } from '../baseline/profile';
import { Profiles } from '../baseline/profiles';
import { prefetch } from '../shared/auth-prefetched-state';
import { threatEventAlert, threatEvidence, threatScoreOutOf100 } from '../shared/auth-threat-events';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta, Sensitivity } from '../types';
import type { SessionClient } from './client';
import { addRequests, loadSession, storeSession, worstVerdict, type KnownNetwork, type SessionState, type StoredClient, type StoredSession, type Verdict } from './session-state';

const REQUEST_SOURCES = ['ELF:URI', 'ELF:LightningPageView', 'ELF:API', 'ELF:RestApi', 'ELF:BulkApi', 'ELF:Report', 'ELF:ReportExport', 'ELF:Logout', 'ELF:ContentTransfer', 'ELF:DocumentAttachmentDownloads', 'ELF:Search'];
const FINDINGS = 'SessionHijackingEventStore';

const meta: PolicyMeta = {
  id: 'session-hijacking',
  name: 'Session used from a second client',
  severity: 'medium',
  mitre: ['T1550.004', 'T1539', 'T1185'],
  description:
    'Follows every session key (SESSION_KEY of the event log rows: page views, URI, API, reports, exports, downloads, logout) ' +
    'and the clients it is used from. A request from another network is the same client moving when it stays on the same ' +
    'network (same address, /24 or /48, or autonomous system: carrier NAT drift, DHCP), or, with the same browser and OS, when ' +
    'it switches to or from a corporate/vpn-tagged address, between IPv4 and IPv6 of a dual-stack line in the same country, or ' +
    'to a network the user signed in from in the last 30 days (their home line, their carrier while roaming). Any other client ' +
    'is scored against the one that opened the session: a different browser or OS counts 2; another country, an impossible ' +
    'move between the two (over 1000 km/h after location error), an anonymous/suspicious/risky-tagged address the session ' +
    'did not start from, and both clients active at the same time count 1 each. A score of `minScore` (default 2) alerts; 3 or ' +
    'more is high severity. Salesforce\'s own finding (SessionHijackingEventStore, Shield) for the session joins the same ' +
    'alert (high) or raises it alone. One alert per session, updated as the second client keeps using it.',
  knownGaps: [
    'Needs Event Monitoring (event log files with SESSION_KEY); without it only Salesforce\'s own findings (Shield) are raised.',
    'A thief on the same network as the user (same office NAT, same carrier), or one who copies the user\'s browser and OS from their own country, scores low and is not raised.',
    'Event log rows arrive hours after the requests (hourly files) or the next day (daily files): the alert is that late.',
    'Requests Salesforce makes itself (no client address) and the Login-As session of an admin are not followed.',
    'Only the user agents of page views, logouts and exports are known; API-only sessions are judged on network, country and timing.',
  ],
  falsePositives: [
    'Mobile carrier address changes and Wi-Fi ↔ cellular switches: same autonomous system, or same app in the same country, are not scored.',
    'IPv4/IPv6 dual stack of one line, switching on or off the corporate VPN, roaming on the user\'s own carrier: tolerated as described.',
    'A user who opens the same session in a second browser (rare: a copied session link or a browser extension) looks like two clients: confirm with the user.',
    'Integration servers sharing one OAuth token across cloud regions of one provider share the autonomous system and are tolerated; across providers they are scored — exclude the integration user if needed.',
  ],
  runbook: [
    'Read the evidence: the client that opened the session and the second one (address, ISP, country, browser/OS, first and last request), why they cannot be one device, and Salesforce\'s finding when present.',
    'If the second client is not the user\'s (ask them), end the session (Session Management) and every other session of the user, reset the password and revoke OAuth tokens.',
    'Review what the second client did in the session: page views, reports and exports, downloads (the event logs around the alert time, by SESSION_KEY).',
    'Look for the theft: malware or a malicious browser extension on the user\'s device, or a phishing proxy (adversary-in-the-middle) sign-in just before.',
    'Consider Session Settings: "Lock sessions to the IP address from which they originated" and "Lock sessions to the domain in which they were first used".',
  ],
  dataSources: ['eventlogs', 'realtime', 'logins'],
  // Event log rows carry SESSION_KEY; the real-time ApiEvent/ReportEvent of the same requests would
  // repeat them. LoginHistory only teaches the networks a user signs in from.
  sources: [...REQUEST_SOURCES, FINDINGS, 'LoginHistory'],
  thresholds: {
    minScore: { default: 2, min: 1, max: 5, description: 'score a second client must reach to alert (browser/OS 2; country, impossible move, risky address, concurrent use 1 each)' },
  },
  sensitivity: {
    low: 'needs a score of 3: a changed browser/OS plus one more sign, or three network signs',
    medium: 'needs a score of 2: a changed browser/OS alone, or two network signs (e.g. another country used at the same time)',
    high: 'needs a score of 1: any client on another network that is not tolerated (another country, a risky address or concurrent use)',
  },
};

const STATE_TTL_SECONDS = 2 * 24 * 3600;
const HIGH_SCORE = 3;
const PROFILE_PREFIX = 'user:';
const sessionKeyOf = (key: string) => `s:${key}`;
/**
 * Session states this process staged as the live form of a stored session: the state store
 * hands such an object back on the next page instead of the JSON (state-store.ts `stage`), and
 * it is used as it is instead of being loaded again.
 */
const liveStates = new WeakSet<SessionState>();

export const sessionHijacking: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    return { minScore: sensitivity === 'low' ? 3 : sensitivity === 'high' ? 1 : meta.thresholds.minScore!.default };
  },
  async evaluate(activities, ctx) {
    const page = partition(activities);
    const alerts = new Map<string, AlertDraft>();
    for (const finding of page.loneFindings) {
      const draft = threatEventAlert(finding, meta.id);
      if (draft) alerts.set(draft.bucket, draft);
    }
    // One read for the page: the sessions' clients and the users' known networks.
    const keys = new Set<string>();
    const users = new Set<string>();
    for (const [key, requests] of page.requests) {
      keys.add(sessionKeyOf(key));
      users.add(requests[0]!.userId!);
    }
    for (const finding of page.findings) {
      keys.add(sessionKeyOf(finding.sessionKey!));
      users.add(finding.userId!);
    }
    for (const signIn of page.signIns) users.add(signIn.userId!);
    for (const user of users) keys.add(PROFILE_PREFIX + user);
    const fetched = await prefetch(ctx.state, keys);
    const profiles = await Profiles.load(fetched.state, PROFILE_PREFIX, users);
    for (const signIn of page.signIns) noteSeen(profiles.get(signIn.userId!, signIn.timeMs), 'asn', String(signIn.asn), signIn.timeMs);
    const sessions = new Map<string, SessionState>();
    const stateOf = (key: string, activity: Activity): SessionState => {
      let found = sessions.get(key);
      if (found) return found;
      const stored = fetched.values.get(sessionKeyOf(key)) as StoredSession | SessionState | undefined;
      if (!stored) found = { userId: activity.userId!, clients: [] };
      else if (liveStates.has(stored as SessionState)) {
        found = stored as SessionState;
        liveStates.delete(found);
      } else found = loadSession(stored as StoredSession);
      sessions.set(key, found);
      return found;
    };
    for (const [key, requests] of page.requests) {
      const state = stateOf(key, requests[0]!);
      const changed = addRequests(state, requests, 0, requests.length);
      const draft = changed ? toAlert(key, state, ctx, knownNetworkOf(profiles, state.userId)) : undefined;
      if (draft) alerts.set(draft.bucket, draft);
    }
    for (const finding of page.findings) {
      const state = stateOf(finding.sessionKey!, finding);
      state.finding = threatEvidence(finding);
      state.findingAtMs = finding.timeMs;
      state.findingScore = threatScoreOutOf100(finding.score) ?? 0;
      const draft = toAlert(finding.sessionKey!, state, ctx, knownNetworkOf(profiles, state.userId), finding);
      if (draft) alerts.set(draft.bucket, draft);
    }
    const stored = new Map<string, StoredSession>();
    const live = new Map<string, SessionState>();
    for (const [key, state] of sessions) {
      stored.set(sessionKeyOf(key), storeSession(state));
      live.set(sessionKeyOf(key), state);
      liveStates.add(state);
    }
    await fetched.state.setMany(stored, STATE_TTL_SECONDS, live);
    if (page.signIns.length) await profiles.save(Math.max(...page.signIns.map((s) => s.timeMs)));
    return [...alerts.values()];
  },
};

interface Page {
  /** Requests by session key, in time order. */
  requests: Map<string, Activity[]>;
  /** Salesforce findings naming a session. */
  findings: Activity[];
  /** Findings without a session key or user: alerts of their own. */
  loneFindings: Activity[];
  /** Successful sign-ins with a known autonomous system: the user's networks. */
  signIns: Activity[];
}

function partition(activities: readonly Activity[]): Page {
  const page: Page = { requests: new Map(), findings: [], loneFindings: [], signIns: [] };
  for (let i = 0; i < activities.length; i += 1) {
    const activity = activities[i]!;
    if (activity.source === 'LoginHistory') {
      if (activity.kind === 'login.success' && activity.userId && activity.asn !== undefined) page.signIns.push(activity);
    } else if (activity.kind === 'threat') {
      (activity.sessionKey && activity.userId ? page.findings : page.loneFindings).push(activity);
    } else if (activity.sessionKey && activity.ip && activity.userId) {
      const list = page.requests.get(activity.sessionKey);
      if (list) list.push(activity);
      else page.requests.set(activity.sessionKey, [activity]);
    }
  }
  return page;
}

/** The networks the user signed in from within 30 days of a client's first request. */
function knownNetworkOf(profiles: Profiles, userId: string): KnownNetwork {
  const profile = profiles.peek(userId);
  return (c: SessionClient) => c.asn !== undefined && seenWithin(profile, 'asn', String(c.asn), c.firstMs);
}

function toAlert(sessionKey: string, state: SessionState, ctx: DetectionContext, knownNetwork: KnownNetwork, finding?: Activity): AlertDraft | undefined {
  const verdict = worstVerdict(state, knownNetwork);
  const raised = verdict !== undefined && verdict.score >= ctx.settings.thresholds.minScore!;
  if (!raised && !state.finding) return undefined;
  const username = state.username ?? ctx.env.users?.get(state.userId)?.username;
  const who = username ?? state.userId;
  const other = raised ? verdict.other : undefined;
  const occurredAtMs = other?.firstMs ?? state.findingAtMs ?? finding?.timeMs ?? 0;
  const ip = other?.ip ?? (state.finding?.ip as string | undefined);
  const country = other?.country ?? (state.finding?.country as string | undefined);
  const high = state.finding !== undefined || (raised && verdict.score >= HIGH_SCORE);
  return {
    policy: meta.id,
    severity: high ? 'high' : meta.severity,
    bucket: `${state.userId}:${sessionKey}`,
    subject: state.userId,
    userId: state.userId,
    ...(username ? { username } : {}),
    occurredAtMs,
    lastSeenAtMs: Math.max(other?.lastMs ?? 0, state.findingAtMs ?? 0, occurredAtMs),
    ...(ip ? { ip } : {}),
    ...(country ? { country } : {}),
    count: other?.requests ?? 1,
    title: raised ? titleOf(who, verdict) : `Salesforce Threat Detection: session hijacking for ${who}${state.findingScore ? ` (score ${state.findingScore}/100)` : ''}`,
    description: descriptionOf(who, sessionKey, raised ? verdict : undefined, state),
    evidence: {
      sessionKey,
      ...(raised ? { score: verdict.score, minScore: ctx.settings.thresholds.minScore!, reasons: verdict.reasons } : {}),
      ...(verdict ? { openedBy: describeClient(verdict.original), secondClient: describeClient(verdict.other), ...(verdict.distanceKm !== undefined ? { distanceKm: verdict.distanceKm } : {}) } : {}),
      clients: state.clients.length,
      ...(state.finding ? { salesforceFinding: state.finding } : {}),
    },
  };
}

function label(c: StoredClient): string {
  return `${c.ip} (${[c.isp, c.country, c.agent].filter(Boolean).join(', ') || 'unknown network'})`;
}

function titleOf(who: string, verdict: Verdict): string {
  return `Session of ${who} used from ${label(verdict.other)} while opened from ${label(verdict.original)}`;
}

function descriptionOf(who: string, sessionKey: string, verdict: Verdict | undefined, state: SessionState): string {
  const parts: string[] = [];
  if (verdict) {
    parts.push(
      `${who}'s session ${sessionKey} was opened from ${label(verdict.original)} at ${isoUtc(verdict.original.firstMs)} and used from ` +
        `${label(verdict.other)} between ${isoUtc(verdict.other.firstMs)} and ${isoUtc(verdict.other.lastMs)} (${verdict.other.requests} request(s)): ` +
        `${verdict.reasons.join('; ')}.`,
    );
  }
  if (state.finding) parts.push(`Salesforce Threat Detection reported session hijacking for this session${state.finding.summary ? `: ${String(state.finding.summary)}` : '.'}`);
  return parts.join(' ');
}

function describeClient(c: StoredClient): Record<string, unknown> {
  return {
    ip: c.ip,
    ...(c.alsoIps ? { alsoIps: c.alsoIps } : {}),
    ...(c.isp ? { isp: c.isp } : {}),
    ...(c.asn !== undefined ? { asn: c.asn } : {}),
    ...(c.country ? { country: c.country } : {}),
    ...(c.agent ? { browserOs: c.agent, userAgent: c.agentRaw } : {}),
    ...(c.tags.length ? { ipTags: c.tags } : {}),
    firstRequestAt: isoUtc(c.firstMs),
    lastRequestAt: isoUtc(c.lastMs),
    requests: c.requests,
  };
}
