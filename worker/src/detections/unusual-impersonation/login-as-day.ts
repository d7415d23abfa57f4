/**
 * One admin's Login-As sessions of one UTC day against their baseline. Pure: the caller loads and
 * saves the profile.
 *
 * One Login-As is recorded up to three times — the audit trail's `suOrgAdminLogin`, an event log
 * LoginAs row and a real-time LoginAsEvent — and they arrive at different times and in any order
 * between streams (the audit trail within minutes, event logs hours later, a retried job after
 * another stream's pages). Each stream's own pages do arrive in time order, so every source is
 * judged against its own history only: its daily counts, the targets it reported, and how long it
 * has been watched (`orgFirstDay`). A source's verdict on a day then never depends on what the
 * other streams delivered first, and the day's alert is the union of the sources' verdicts
 * (reasons, new and privileged targets) over the day's merged figures: its count is the highest of
 * the sources' counts (each source sees every Login-As, so the highest is the true count once all
 * have arrived, and never more); targets and addresses are sets kept per day.
 */
import { addCount, anomalyThreshold, countOn, dailyStats, dayOf, isLearning, type DailyStats, type Profile } from '../baseline/profile';
import { dayValue, familyOnDay, noteValue, setDayValue } from '../shared/admin-novelty';

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

export type LoginAsReason = 'privileged-target' | 'first-use' | 'volume' | 'new-targets';

export interface LoginAsAssessment {
  alert: boolean;
  /** False when the alert was already raised with this content (a later source reporting the same Login-As). */
  changed: boolean;
  reasons: LoginAsReason[];
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

/** In the order an alert lists them; a day's reasons are kept as a bit mask of this list. */
const REASONS: readonly LoginAsReason[] = ['privileged-target', 'first-use', 'volume', 'new-targets'];
const COUNT = 'la';
const SOURCE_PREFIX = 'la:';
const NEW_TARGETS = 'newTargets@';
const BASELINE_FIGURES = ['days', 'mean', 'stddev', 'max', 'threshold', 'ntDays', 'ntMean', 'ntStddev', 'ntMax', 'ntThreshold', 'sourceRank'] as const;

/** Adds `value` to the set of `timeMs`'s day under `dimension` (pruned with the window); true when it was not there. */
function addToDay(profile: Profile, dimension: string, timeMs: number, value: string): boolean {
  const values = (profile.seen[dimension] ??= {});
  const day = dayOf(timeMs);
  const key = `${day}|${value}`;
  if (values[key] === day) return false;
  values[key] = day;
  return true;
}

function dayValues(profile: Profile, dimension: string, timeMs: number): string[] {
  const prefix = `${dayOf(timeMs)}|`;
  return Object.keys(profile.seen[dimension] ?? {})
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .sort();
}

/** Records one Login-As as its source reported it. */
export function recordLoginAs(profile: Profile, event: LoginAsEvent): void {
  const t = event.timeMs;
  const source = event.source;
  const bySource = addCount(profile, SOURCE_PREFIX + source, t);
  setDayValue(profile, COUNT, t, bySource, Math.max);
  setDayValue(profile, 'firstMs', t, t, Math.min);
  setDayValue(profile, 'lastMs', t, t, Math.max);
  if (event.ip) addToDay(profile, 'dayIp', t, event.ip);
  if (!event.target) return;
  addToDay(profile, 'dayTarget', t, event.target);
  // New to the admin as this source knows them; counted once a day, however often it names the target.
  if (noteValue(profile, `target@${source}`, event.target, t) && addToDay(profile, `dayNew@${source}`, t, event.target)) addCount(profile, NEW_TARGETS + source, t);
  if (event.privilegedTarget) {
    addToDay(profile, 'dayPrivileged', t, event.target);
    addToDay(profile, `dayPrivileged@${source}`, t, event.target);
    setDayValue(profile, 'firstPrivilegedMs', t, t, Math.min);
  }
}

/**
 * Judges `source`'s Login-As of `timeMs`'s day against that source's own history — watched since
 * `orgFirstDay` (the first day the org was seen through it) — and adds its verdict to the day's.
 * `sourceRank`: which source's baseline the alert shows when several have the same history length.
 */
export function judgeSource(profile: Profile, source: string, orgFirstDay: number, sourceRank: number, timeMs: number, th: LoginAsThresholds): void {
  const view: Profile = { ...profile, firstDay: orgFirstDay };
  if (isLearning(view, timeMs)) return;
  const baseline = dailyStats(view, SOURCE_PREFIX + source, timeMs);
  const newTargetsBaseline = dailyStats(view, NEW_TARGETS + source, timeMs);
  const volumeThreshold = anomalyThreshold(baseline, { minCount: th.minLoginAs, factor: th.volumeFactor });
  const newTargetsThreshold = anomalyThreshold(newTargetsBaseline, { minCount: th.minNewTargets, factor: th.volumeFactor });
  const newTargets = dayValues(profile, `dayNew@${source}`, timeMs);
  const privileged = dayValues(profile, `dayPrivileged@${source}`, timeMs);
  const counted = th.repeatPrivilegedTargets ? privileged : privileged.filter((t) => newTargets.includes(t));
  const reasons = reasonsOf({ th, baseline, loginAs: countOn(profile, SOURCE_PREFIX + source, timeMs), volumeThreshold, newTargets: newTargets.length, newTargetsThreshold, privileged: counted.length });
  for (const target of newTargets) addToDay(profile, 'dayNewTarget', timeMs, target);
  if (reasons.length > 0) setDayValue(profile, 'reasons', timeMs, reasons.reduce((mask, r) => mask | (1 << REASONS.indexOf(r)), 0), (a, b) => a | b);
  keepBaseline(profile, timeMs, [baseline.days, baseline.mean, baseline.stddev, baseline.max, volumeThreshold, newTargetsBaseline.days, newTargetsBaseline.mean, newTargetsBaseline.stddev, newTargetsBaseline.max, newTargetsThreshold, sourceRank]);
}

/** The alert shows the baseline of the source watched longest (ties: the lower rank), whichever judged first. */
function keepBaseline(profile: Profile, timeMs: number, figures: readonly number[]): void {
  const stored = BASELINE_FIGURES.map((name) => dayValue(profile, `bl:${name}`, timeMs));
  const [days, rank] = [figures[0]!, figures[10]!];
  const better = stored[0] === undefined || days > stored[0] || (days === stored[0] && rank < stored[10]!);
  if (better) BASELINE_FIGURES.forEach((name, i) => setDayValue(profile, `bl:${name}`, timeMs, figures[i]!));
}

/** The day's alert: the sources' verdicts so far, over the day's merged figures. */
export function assessLoginAsDay(profile: Profile, timeMs: number): LoginAsAssessment {
  const mask = dayValue(profile, 'reasons', timeMs) ?? 0;
  const reasons = REASONS.filter((_, i) => (mask & (1 << i)) !== 0);
  const figure = (name: (typeof BASELINE_FIGURES)[number]): number => dayValue(profile, `bl:${name}`, timeMs) ?? 0;
  const loginAs = dayValue(profile, COUNT, timeMs) ?? 0;
  const targets = dayValues(profile, 'dayTarget', timeMs);
  const newTargets = dayValues(profile, 'dayNewTarget', timeMs);
  const privilegedTargets = dayValues(profile, 'dayPrivileged', timeMs);
  const ips = dayValues(profile, 'dayIp', timeMs);
  const firstAtMs = dayValue(profile, 'firstMs', timeMs) ?? timeMs;
  const occurredAtMs = reasons[0] === 'privileged-target' ? dayValue(profile, 'firstPrivilegedMs', timeMs) ?? firstAtMs : firstAtMs;
  // Source IPs count: the event log row brings the address the audit trail entry lacks.
  const changed = reasons.length > 0 && markRaised(profile, timeMs, [loginAs, targets.length, newTargets.length, privilegedTargets.length, mask, ips.length, occurredAtMs]);
  return {
    alert: reasons.length > 0,
    changed,
    reasons,
    loginAs,
    bySource: familyOnDay(profile, SOURCE_PREFIX, timeMs),
    baseline: { days: figure('days'), mean: figure('mean'), stddev: figure('stddev'), max: figure('max') },
    newTargetsBaseline: { days: figure('ntDays'), mean: figure('ntMean'), stddev: figure('ntStddev'), max: figure('ntMax') },
    volumeThreshold: figure('threshold'),
    newTargetsThreshold: figure('ntThreshold'),
    targets,
    newTargets,
    privilegedTargets,
    ips,
    firstAtMs,
    lastAtMs: dayValue(profile, 'lastMs', timeMs) ?? timeMs,
    occurredAtMs,
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

function reasonsOf(f: DayFigures): LoginAsReason[] {
  const reasons: LoginAsReason[] = [];
  if (f.privileged > 0) reasons.push('privileged-target');
  const firstUse = f.th.firstUse > 0 && f.baseline.max === 0 && f.loginAs > 0;
  if (firstUse) reasons.push('first-use');
  // Against a baseline of zero every Login-As is above it: first use says it once.
  if (!firstUse && f.loginAs >= f.volumeThreshold) reasons.push('volume');
  if (!firstUse && f.newTargets >= f.newTargetsThreshold) reasons.push('new-targets');
  return reasons;
}
