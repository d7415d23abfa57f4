import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';
import { emptyState, isIdle, step, type BurstParams, type OpenBurst, type UserBurstState } from './burst';

const meta: PolicyMeta = {
  id: 'failed-logins',
  name: 'Multiple failed login attempts',
  severity: 'medium',
  mitre: ['T1110', 'T1110.001'],
  description:
    'A user fails to sign in at least `minFailures` times within `windowMinutes` (default 10 in 20 minutes). ' +
    'One alert per burst: later failures of the same burst update its count and last-seen time. ' +
    'Severity rises to high when a successful sign-in of the same user follows while the burst is open, ' +
    'because that is what a guessed password looks like.',
  knownGaps: [
    'Counts failures per user only: a slow attack below the threshold per window, or one spread over many users (see password-spray), is not raised here.',
    'Reads LoginHistory, where Salesforce records failures of known usernames only; attempts against non-existent usernames are invisible.',
    'A success from the attacker after the burst window closed is not linked to the burst.',
  ],
  falsePositives: [
    'A user with a stale password saved in a mobile app or integration retries automatically; the evidence lists the source IPs so this is quick to see.',
    'A user who forgot a recently changed password.',
  ],
  runbook: [
    'Open the alert evidence: count, time span, source IPs and whether a success followed.',
    'If a success followed (severity high), treat the account as possibly compromised: check LoginHistory for the successful sign-in IP and location, then freeze the user and end their sessions.',
    'If all failures come from one known device or corporate IP, contact the user about a stale saved password.',
    'If the source IPs are unknown or anonymous, reset the password and confirm MFA is enforced for the user.',
    'Set the alert Classification once resolved so the policy can be tuned.',
  ],
  dataSources: ['logins'],
  // LoginHistory has every sign-in of every org (no licence needed); the event log Login row and
  // the LoginEvent of the same sign-in would count it again.
  sources: ['LoginHistory'],
  thresholds: {
    minFailures: { default: 10, min: 2, max: 1000, description: 'failures needed within the window to open a burst' },
    windowMinutes: { default: 20, min: 1, max: 1440, description: 'sliding window, and the quiet gap that closes a burst' },
  },
  sensitivity: {
    low: 'needs twice the failures (20 in 20 minutes by default)',
    medium: 'the thresholds as configured (10 in 20 minutes by default)',
    high: 'needs half the failures, at least 5',
  },
};

const STATE_TTL_SECONDS = 2 * 24 * 3600;

export const failedLogins: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    const base = meta.thresholds.minFailures!.default;
    const minFailures = sensitivity === 'low' ? base * 2 : sensitivity === 'high' ? Math.max(5, Math.ceil(base / 2)) : base;
    return { minFailures, windowMinutes: meta.thresholds.windowMinutes!.default };
  },
  async evaluate(activities, ctx) {
    const params: BurstParams = {
      minFailures: ctx.settings.thresholds.minFailures!,
      windowMs: ctx.settings.thresholds.windowMinutes! * 60_000,
    };
    const byUser = groupLoginsByUser(activities);
    const stored = await ctx.state.getMany<UserBurstState>([...byUser.keys()]);
    const changed = new Map<string, unknown>();
    const alerts = new Map<string, AlertDraft>();
    for (const [userId, logins] of byUser) {
      const state = stored.get(userId) ?? emptyState();
      for (const login of logins) {
        const success = login.kind === 'login.success';
        if (!step(state, { timeMs: login.timeMs, success, ...(login.ip ? { ip: login.ip } : {}) }, params)) continue;
        const draft = toAlert(state.burst!, login, params);
        alerts.set(draft.bucket, draft);
      }
      const newest = logins[logins.length - 1]!.timeMs;
      changed.set(userId, isIdle(state, newest, params) ? undefined : state);
    }
    await ctx.state.setMany(changed, STATE_TTL_SECONDS);
    return [...alerts.values()];
  },
};

function groupLoginsByUser(activities: readonly Activity[]): Map<string, Activity[]> {
  const byUser = new Map<string, Activity[]>();
  for (const activity of activities) {
    if (!activity.userId || (activity.kind !== 'login.failure' && activity.kind !== 'login.success')) continue;
    const list = byUser.get(activity.userId) ?? [];
    list.push(activity);
    byUser.set(activity.userId, list);
  }
  return byUser;
}

function toAlert(burst: OpenBurst, login: Activity, params: BurstParams): AlertDraft {
  const followedBySuccess = burst.successAtMs !== undefined;
  const ips = Object.entries(burst.ips).sort((a, b) => b[1] - a[1]);
  const who = login.username ?? login.userId!;
  const minutes = Math.max(1, Math.round((burst.lastAtMs - burst.firstAtMs) / 60_000));
  return {
    policy: meta.id,
    severity: followedBySuccess ? 'high' : meta.severity,
    bucket: `${login.userId}:${isoUtc(burst.firstAtMs)}`,
    subject: login.userId!,
    userId: login.userId!,
    ...(login.username ? { username: login.username } : {}),
    occurredAtMs: burst.firstAtMs,
    lastSeenAtMs: Math.max(burst.lastAtMs, burst.successAtMs ?? 0),
    ...(ips[0] && ips[0][0] !== 'unknown' ? { ip: ips[0][0] } : {}),
    ...(login.geo?.countryIso ? { country: login.geo.countryIso } : {}),
    count: burst.count,
    title: followedBySuccess
      ? `${burst.count} failed sign-ins for ${who} in ${minutes} min, then a successful sign-in`
      : `${burst.count} failed sign-ins for ${who} in ${minutes} min`,
    description:
      `${who} failed to sign in ${burst.count} times between ${isoUtc(burst.firstAtMs)} and ${isoUtc(burst.lastAtMs)} ` +
      `from ${ips.length} IP address(es)` +
      (followedBySuccess ? `; a successful sign-in followed at ${isoUtc(burst.successAtMs!)}` : '') + '.',
    evidence: {
      failures: burst.count,
      firstFailureAt: isoUtc(burst.firstAtMs),
      lastFailureAt: isoUtc(burst.lastAtMs),
      sourceIps: Object.fromEntries(ips),
      threshold: { minFailures: params.minFailures, windowMinutes: params.windowMs / 60_000 },
      followedBySuccess,
      ...(followedBySuccess ? { successAt: isoUtc(burst.successAtMs!), successIp: burst.successIp ?? null } : {}),
    },
  };
}
