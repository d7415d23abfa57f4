/**
 * One user's setup changes of one UTC day against their baseline. Pure: the caller loads and
 * saves the profile. Each change is recorded as it arrives (count, work area, hour of the day);
 * `assessDay` then answers whether the day, as far as it is known, is unusual:
 *
 * - A: changes in high-risk areas (authentication, network, connected apps, keys, monitoring …)
 *   the user had not touched in the 30 days before;
 * - B: a day far above the user's usual number of changes, made in areas new to them or at hours
 *   they never work (a volume spike in the user's usual areas and hours is routine batch work).
 */
import { anomalyThreshold, countOn, dailyStats, isLearning, type DailyStats, type Profile, addCount } from '../baseline/profile';
import { dayValue, familyOnDay, knownBefore, noteValue, setDayValue } from '../shared/admin-novelty';
import { riskAreaOf, workAreaOf, type RiskArea } from '../shared/admin-audit-codes';

export interface SetupChange {
  timeMs: number;
  action?: string;
  section?: string;
}

export interface AdminDayThresholds {
  minNewRiskyChanges: number;
  minChanges: number;
  volumeFactor: number;
  minUnusualChanges: number;
}

export interface DayAssessment {
  alert: boolean;
  changes: number;
  newRiskyChanges: number;
  newAreaChanges: number;
  offHourChanges: number;
  volumeAnomaly: boolean;
  volumeThreshold: number;
  baseline: DailyStats;
  /** High-risk areas new to the user that day, with how many changes each. */
  newRiskyAreas: Record<string, number>;
  /** Action codes of the day's changes in areas new to the user. */
  unusualActions: Record<string, number>;
  firstAtMs: number;
  lastAtMs: number;
  /** The first change that made the day unusual (new high-risk area first, else new area / odd hour). */
  firstUnusualAtMs: number;
}

const M = {
  changes: 'changes',
  newRisky: 'newRisky',
  newArea: 'newArea',
  offHour: 'offHour',
  firstMs: 'firstMs',
  lastMs: 'lastMs',
  firstRiskyMs: 'firstRiskyMs',
  firstOddMs: 'firstOddMs',
  riskyArea: 'nr:',
  unusualAction: 'na:',
} as const;

/** Records one change; a profile begins (firstDay) with the org's observation, see admin-novelty. */
export function recordChange(profile: Profile, change: SetupChange): void {
  const t = change.timeMs;
  const risk: RiskArea | undefined = riskAreaOf(change.action, change.section);
  const newArea = noteValue(profile, 'area', workAreaOf(change.action, change.section), t);
  const offHour = isOffHour(profile, t);
  addCount(profile, M.changes, t);
  setDayValue(profile, M.firstMs, t, t, Math.min);
  setDayValue(profile, M.lastMs, t, t, Math.max);
  if (newArea) {
    addCount(profile, M.newArea, t);
    addCount(profile, M.unusualAction + (change.action ?? 'unknown'), t);
    if (risk) {
      addCount(profile, M.newRisky, t);
      addCount(profile, M.riskyArea + risk, t);
      setDayValue(profile, M.firstRiskyMs, t, t, Math.min);
    }
  }
  if (offHour) addCount(profile, M.offHour, t);
  if (newArea || offHour) setDayValue(profile, M.firstOddMs, t, t, Math.min);
}

/** An hour of the day (UTC) the user had not worked in, nor in the hour either side, before this day. */
function isOffHour(profile: Profile, timeMs: number): boolean {
  const hour = new Date(timeMs).getUTCHours();
  const neighbours = [(hour + 23) % 24, (hour + 1) % 24];
  const usual = neighbours.some((h) => knownBefore(profile, 'hour', String(h), timeMs));
  const newThisDay = noteValue(profile, 'hour', String(hour), timeMs);
  return newThisDay && !usual;
}

export function assessDay(profile: Profile, timeMs: number, thresholds: AdminDayThresholds): DayAssessment {
  const baseline = dailyStats(profile, M.changes, timeMs);
  const volumeThreshold = anomalyThreshold(baseline, { minCount: thresholds.minChanges, factor: thresholds.volumeFactor });
  const changes = countOn(profile, M.changes, timeMs);
  const newRiskyChanges = countOn(profile, M.newRisky, timeMs);
  const newAreaChanges = countOn(profile, M.newArea, timeMs);
  const offHourChanges = countOn(profile, M.offHour, timeMs);
  const volumeAnomaly = changes >= volumeThreshold;
  const unusualEnough = newAreaChanges >= thresholds.minUnusualChanges || offHourChanges >= thresholds.minUnusualChanges;
  const learning = isLearning(profile, timeMs);
  const alert = !learning && (newRiskyChanges >= thresholds.minNewRiskyChanges || (volumeAnomaly && unusualEnough));
  const firstAtMs = dayValue(profile, M.firstMs, timeMs) ?? timeMs;
  return {
    alert,
    changes,
    newRiskyChanges,
    newAreaChanges,
    offHourChanges,
    volumeAnomaly,
    volumeThreshold,
    baseline,
    newRiskyAreas: familyOnDay(profile, M.riskyArea, timeMs),
    unusualActions: familyOnDay(profile, M.unusualAction, timeMs),
    firstAtMs,
    lastAtMs: dayValue(profile, M.lastMs, timeMs) ?? timeMs,
    firstUnusualAtMs:
      (newRiskyChanges >= thresholds.minNewRiskyChanges ? dayValue(profile, M.firstRiskyMs, timeMs) : dayValue(profile, M.firstOddMs, timeMs)) ?? firstAtMs,
  };
}
