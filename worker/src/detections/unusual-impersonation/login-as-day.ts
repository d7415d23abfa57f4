/**
 * One admin's Login-As sessions of one UTC day against their baseline. Pure: the caller loads and
 * saves the profile.
 *
 * One Login-As is recorded up to three times — the audit trail's `suOrgAdminLogin`, an event log
 * LoginAs row and a real-time LoginAsEvent — and they arrive at different times (the audit trail
 * within minutes, event logs hours later). Counting each once: every source keeps its own daily
 * count and the day's count is the highest of them (each source sees every Login-As, so the
 * highest is the true count once all have arrived, and never more); targets and addresses are sets.
 */
import { addCount, anomalyThreshold, countOn, dailyStats, isLearning, type DailyStats, type Profile } from '../baseline/profile';
import { dayValue, familyOnDay, knownBefore, newOnDay, noteValue, setDayValue } from '../shared/admin-novelty';

export interface LoginAsEvent {
  timeMs: number;
  source: string;
  /** Canonical target: an 18-character user id when known, else a lower-cased username. */
  target?: string;
  privilegedTarget: boolean;
  ip?: string;
}

export interface LoginAsThresholds {
  minLoginAs: number;
  minNewTargets: number;
  volumeFactor: number;
  /** 1: an admin's first Login-As in the window alerts; 0: it does not. */
  firstUse: number;
  /** 1: privileged targets alert even when the admin logged in as them before; 0: only new ones. */
  repeatPrivilegedTargets: number;
}

export interface LoginAsAssessment {
  alert: boolean;
  /** False when the alert was already raised with this content (a later source reporting the same Login-As). */
  changed: boolean;
  reasons: Array<'privileged-target' | 'first-use' | 'volume' | 'new-targets'>;
  loginAs: number;
  bySource: Record<string, number>;
  baseline: DailyStats;
  newTargetsBaseline: DailyStats;
  volumeThreshold: number;
  newTargetsThreshold: number;
  targets: string[];
  newTargets: string[];
  privilegedTargets: string[];
  ips: string[];
  firstAtMs: number;
  lastAtMs: number;
  occurredAtMs: number;
}

const COUNT = 'la';
const SOURCE_PREFIX = 'la:';
const NEW_TARGETS = 'newTargets';

export function recordLoginAs(profile: Profile, event: LoginAsEvent, sources: readonly string[]): void {
  const t = event.timeMs;
  const bySource = addCount(profile, SOURCE_PREFIX + event.source, t);
  const highest = Math.max(bySource, ...sources.map((s) => countOn(profile, SOURCE_PREFIX + s, t)));
  setDayValue(profile, COUNT, t, highest, Math.max);
  setDayValue(profile, 'firstMs', t, t, Math.min);
  setDayValue(profile, 'lastMs', t, t, Math.max);
  if (event.ip) noteValue(profile, 'ip', event.ip, t);
  if (!event.target) return;
  const repeat = knownBefore(profile, 'target', event.target, t);
  // A target new to the admin stays new all day; count it once, whichever source names it first.
  if (noteValue(profile, 'target', event.target, t) && !countedToday(profile, event.target, t)) addCount(profile, NEW_TARGETS, t);
  if (event.privilegedTarget) {
    noteValue(profile, 'privileged', event.target, t);
    setDayValue(profile, repeat ? 'firstPrivilegedMs' : 'firstNewPrivilegedMs', t, t, Math.min);
  }
}

/** Marks `target` as counted among the day's new targets; true when it already was. */
function countedToday(profile: Profile, target: string, timeMs: number): boolean {
  const counted = (profile.seen['newTargetCounted'] ??= {});
  const day = Math.floor(timeMs / 86_400_000);
  if (counted[target] === day) return true;
  counted[target] = day;
  return false;
}

export function assessLoginAsDay(profile: Profile, timeMs: number, th: LoginAsThresholds): LoginAsAssessment {
  const baseline = dailyStats(profile, COUNT, timeMs);
  const newTargetsBaseline = dailyStats(profile, NEW_TARGETS, timeMs);
  const volumeThreshold = anomalyThreshold(baseline, { minCount: th.minLoginAs, factor: th.volumeFactor });
  const newTargetsThreshold = anomalyThreshold(newTargetsBaseline, { minCount: th.minNewTargets, factor: th.volumeFactor });
  const loginAs = dayValue(profile, COUNT, timeMs) ?? 0;
  const day = Math.floor(timeMs / 86_400_000);
  const targets = Object.keys(profile.seen['target'] ?? {}).filter((t) => profile.seen['target']![t] === day);
  const newTargets = newOnDay(profile, 'target', timeMs);
  const privileged = Object.keys(profile.seen['privileged'] ?? {}).filter((t) => profile.seen['privileged']![t] === day);
  const newPrivileged = privileged.filter((t) => newTargets.includes(t));
  const reasons = isLearning(profile, timeMs)
    ? []
    : reasonsOf({ th, baseline, loginAs, volumeThreshold, newTargets: newTargets.length, newTargetsThreshold, privileged: (th.repeatPrivilegedTargets ? privileged : newPrivileged).length });
  const firstAtMs = dayValue(profile, 'firstMs', timeMs) ?? timeMs;
  const ips = Object.keys(profile.seen['ip'] ?? {}).filter((ip) => profile.seen['ip']![ip] === day);
  // Source IPs count: the event log row brings the address the audit trail entry lacks.
  const changed = reasons.length > 0 && markRaised(profile, timeMs, [loginAs, targets.length, privileged.length, reasons.length, ips.length]);
  const privilegedAt = reasons[0] === 'privileged-target' ? dayValue(profile, 'firstNewPrivilegedMs', timeMs) ?? dayValue(profile, 'firstPrivilegedMs', timeMs) : undefined;
  return {
    alert: reasons.length > 0,
    changed,
    reasons,
    loginAs,
    bySource: familyOnDay(profile, SOURCE_PREFIX, timeMs),
    baseline,
    newTargetsBaseline,
    volumeThreshold,
    newTargetsThreshold,
    targets,
    newTargets,
    privilegedTargets: privileged,
    ips,
    firstAtMs,
    lastAtMs: dayValue(profile, 'lastMs', timeMs) ?? timeMs,
    occurredAtMs: privilegedAt ?? firstAtMs,
  };
}

/** Remembers what the day's alert said; true when it says something new (raise or update it). */
function markRaised(profile: Profile, timeMs: number, shape: readonly number[]): boolean {
  let changed = false;
  shape.forEach((value, i) => {
    if (dayValue(profile, `raised${i}`, timeMs) !== value) changed = true;
    setDayValue(profile, `raised${i}`, timeMs, value);
  });
  return changed;
}

interface DayFigures {
  th: LoginAsThresholds;
  baseline: DailyStats;
  loginAs: number;
  volumeThreshold: number;
  newTargets: number;
  newTargetsThreshold: number;
  /** Privileged targets that count (new ones, or all at high sensitivity). */
  privileged: number;
}

function reasonsOf(f: DayFigures): LoginAsAssessment['reasons'] {
  const reasons: LoginAsAssessment['reasons'] = [];
  if (f.privileged > 0) reasons.push('privileged-target');
  const firstUse = f.th.firstUse > 0 && f.baseline.max === 0 && f.loginAs > 0;
  if (firstUse) reasons.push('first-use');
  // Against a baseline of zero every Login-As is above it: first use says it once.
  if (!firstUse && f.loginAs >= f.volumeThreshold) reasons.push('volume');
  if (!firstUse && f.newTargets >= f.newTargetsThreshold) reasons.push('new-targets');
  return reasons;
}
