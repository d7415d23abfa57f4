import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { addCount, anomalyThreshold, countOn, dailyStats, dayOf, isLearning, LEARNING_DAYS, type Profile } from '../baseline/profile';
import { Profiles } from '../baseline/profiles';
import { prefetch } from '../shared/auth-prefetched-state';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';
import { emptyState, isIdle, step, type BurstParams, type OpenBurst, type UserBurstState } from './burst';

const meta: PolicyMeta = {
  id: 'failed-logins',
  name: 'Multiple failed login attempts',
  severity: 'medium',
  mitre: ['T1110', 'T1110.001'],
  description:
    'A user fails to sign in more often within `windowMinutes` than they normally do: at least `minFailures` failures ' +
    '(default 10 in 20 minutes) and at least `baselineFactor` times the user\'s normal high — the most failures they had in ' +
    'any window on a day of the last 30 days (or mean + 3σ of those daily peaks, whichever is larger). During a user\'s first ' +
    `${LEARNING_DAYS} days of history (every sign-in, failed or not, counts as history) there is no baseline yet and the ` +
    'minimum alone applies: 10 failures in 20 minutes are abnormal for anyone, the baseline only raises the bar for users ' +
    'whose devices routinely fail. One alert per burst: later failures of the same burst update its count and last-seen time, ' +
    'and failures inside an alerted burst are not learned as normal. Severity rises to high when a successful sign-in of the ' +
    'same user follows while the burst is open, because that is what a guessed password looks like.',
  knownGaps: [
    'Counts failures per user only: a slow attack below the threshold per window, or one spread over many users (see password-spray), is not raised here.',
    'Reads LoginHistory, where Salesforce records failures of known usernames only; attempts against non-existent usernames are invisible.',
    'A success from the attacker after the burst window closed is not linked to the burst.',
    'A user whose devices fail many times a day every day has a high baseline: an attack at that same rate is hidden in it.',
    'Failures of every kind count (wrong password, locked out, IP or hours restriction): LoginHistory states the reason in the reader\'s language only.',
  ],
  falsePositives: [
    'A user with a stale password saved in a mobile app or integration retries automatically: when it happens every day it becomes the user\'s baseline; otherwise the evidence lists the source IPs so it is quick to see.',
    'A user who forgot a recently changed password.',
  ],
  runbook: [
    'Open the alert evidence: count, time span, source IPs, the user\'s usual peak, and whether a success followed.',
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
    minFailures: { default: 10, min: 2, max: 1000, description: 'failures needed within the window to open a burst, whatever the baseline' },
    windowMinutes: { default: 20, min: 1, max: 1440, description: 'sliding window, and the quiet gap that closes a burst' },
    baselineFactor: { default: 1.5, min: 1, max: 20, description: "how many times the user's normal peak of failures per window a burst must reach" },
  },
  sensitivity: {
    low: 'needs twice the failures (20 in 20 minutes by default) and twice the user\'s normal peak',
    medium: 'the thresholds as configured (10 in 20 minutes by default, 1.5 times the user\'s normal peak)',
    high: 'needs half the failures, at least 5, and 1.2 times the user\'s normal peak',
  },
};

const STATE_TTL_SECONDS = 2 * 24 * 3600;
/** Baseline metric: the most failures a user had within one window on each day. */
const PEAK = 'peakFailuresPerWindow';
const PROFILE_PREFIX = 'user:';

export const failedLogins: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    const base = meta.thresholds.minFailures!.default;
    const minFailures = sensitivity === 'low' ? base * 2 : sensitivity === 'high' ? Math.max(5, Math.ceil(base / 2)) : base;
    const baselineFactor = sensitivity === 'low' ? 2 : sensitivity === 'high' ? 1.2 : meta.thresholds.baselineFactor!.default;
    return { minFailures, windowMinutes: meta.thresholds.windowMinutes!.default, baselineFactor };
  },
  async evaluate(activities, ctx) {
    const floor = ctx.settings.thresholds.minFailures!;
    const factor = ctx.settings.thresholds.baselineFactor ?? meta.thresholds.baselineFactor!.default;
    const windowMs = ctx.settings.thresholds.windowMinutes! * 60_000;
    const byUser = groupLoginsByUser(activities);
    const users = [...byUser.keys()];
    // One read: the users' burst states and baseline profiles together.
    const fetched = await prefetch(ctx.state, [...users, ...users.map((u) => PROFILE_PREFIX + u)]);
    const profiles = await Profiles.load(fetched.state, PROFILE_PREFIX, users);
    const changed = new Map<string, unknown>();
    const alerts = new Map<string, AlertDraft>();
    for (const [userId, logins] of byUser) {
      const state = (fetched.values.get(userId) as UserBurstState | undefined) ?? emptyState();
      for (const login of logins) {
        const success = login.kind === 'login.success';
        // A success only reads the profile (one write per user who failed, not per user who signed in),
        // unless it starts the user's history or a pending peak is to be learned.
        const existing = profiles.peek(userId);
        const readOnly = success && existing !== undefined && dayOf(login.timeMs) >= existing.firstDay && !state.pendingPeak;
        const profile = readOnly ? existing : profiles.get(userId, login.timeMs);
        learnExpiredPeak(state, profile, login.timeMs, windowMs);
        const baseline = baselineAt(profile, login.timeMs, floor, factor);
        const params: BurstParams = { minFailures: baseline.threshold, windowMs };
        const hadBurst = state.burst !== undefined;
        if (step(state, { timeMs: login.timeMs, success, ...(login.ip ? { ip: login.ip } : {}) }, params)) {
          const burst = state.burst!;
          if (!hadBurst) {
            // The failures that opened it are not normal: the run's pending peak is dropped.
            delete state.pendingPeak;
            burst.threshold = baseline.threshold;
            if (baseline.normalPeak !== undefined) burst.usualPeak = baseline.normalPeak;
          }
          const draft = toAlert(burst, login, windowMs);
          alerts.set(draft.bucket, draft);
        } else if (!success && !state.burst && state.recent.length > (state.pendingPeak?.count ?? 0)) {
          state.pendingPeak = { atMs: login.timeMs, count: state.recent.length };
        }
      }
      const newest = logins[logins.length - 1]!.timeMs;
      const idle = isIdle(state, newest, { minFailures: floor, windowMs });
      if (idle) learnExpiredPeak(state, profiles.get(userId, newest), Infinity, windowMs);
      changed.set(userId, idle ? undefined : state);
    }
    await fetched.state.setMany(changed, STATE_TTL_SECONDS);
    await profiles.save(Math.max(0, ...activities.map((a) => a.timeMs)));
    return [...alerts.values()];
  },
};

interface Baseline {
  threshold: number;
  /** The user's normal peak per window (undefined while learning). */
  normalPeak?: number;
}

/** The failures a burst needs for this user now: the floor, raised by the user's own normal peak once learned. */
function baselineAt(profile: Profile, timeMs: number, floor: number, factor: number): Baseline {
  if (isLearning(profile, timeMs)) return { threshold: floor };
  const stats = dailyStats(profile, PEAK, timeMs);
  return { threshold: anomalyThreshold(stats, { minCount: floor, factor }), normalPeak: Math.max(stats.max, Math.round((stats.mean + 3 * stats.stddev) * 10) / 10) };
}

/**
 * Once a run of failures is over (its window passed without a burst), its peak becomes part of the
 * user's normal: the day's figure is the highest peak of that day.
 */
function learnExpiredPeak(state: UserBurstState, profile: Profile, nowMs: number, windowMs: number): void {
  const pending = state.pendingPeak;
  if (!pending || state.recent.some((f) => nowMs - f.t <= windowMs)) return;
  const today = countOn(profile, PEAK, pending.atMs);
  if (pending.count > today) addCount(profile, PEAK, pending.atMs, pending.count - today);
  delete state.pendingPeak;
}

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

function toAlert(burst: OpenBurst, login: Activity, windowMs: number): AlertDraft {
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
      (burst.usualPeak === undefined ? '' : `; their usual peak is ${burst.usualPeak} failure(s) per ${windowMs / 60_000} minutes`) +
      (followedBySuccess ? `; a successful sign-in followed at ${isoUtc(burst.successAtMs!)}` : '') + '.',
    evidence: {
      failures: burst.count,
      firstFailureAt: isoUtc(burst.firstAtMs),
      lastFailureAt: isoUtc(burst.lastAtMs),
      sourceIps: Object.fromEntries(ips),
      threshold: { minFailures: burst.threshold ?? null, windowMinutes: windowMs / 60_000 },
      usualPeakPerWindow: burst.usualPeak ?? `not learned yet (fewer than ${LEARNING_DAYS} days of history): the minimum applies`,
      followedBySuccess,
      ...(followedBySuccess ? { successAt: isoUtc(burst.successAtMs!), successIp: burst.successIp ?? null } : {}),
    },
  };
}
