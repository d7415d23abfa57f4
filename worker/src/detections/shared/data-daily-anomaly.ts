/**
 * The data group's "far above this user's normal day" engine (unusual-file-deletion,
 * unusual-file-share, unusual-mass-download, report-anomaly, api-anomaly): per user and UTC day,
 * counts of one or more metrics (deletions, public links, downloads, report rows …) compared with
 * the user's last 30 days (baseline/profile.ts), one alert per user and day.
 *
 * - One page costs one batched read and one staged write (Profiles): the day's alert, its
 *   evidence notes and the counts all live in the user's profile.
 * - History starts with the user's first activity of any source the policy reads, sign-ins
 *   included (`presenceSources`): a user who signs in every day but never deleted a file has a
 *   baseline of zero deletions, not "no baseline" — otherwise the first thing an attacker does
 *   with a quiet account would always fall in the learning period.
 * - Channels: when two sources report the same events (deleted files in the recycle bin and the
 *   API calls that deleted them; a public link as a record and as an event log row), each is
 *   counted on its own and the metric is the larger of them, so no event counts twice and either
 *   source alone still counts everything it sees.
 * - The alert's time is when the day went above the threshold (not the day's first event), so
 *   it points at the unusual burst, and stays the same while later events update the count.
 * - `signal`: an event that opens the day's alert by itself whatever the baseline (Salesforce's
 *   own Threat Detection findings), kept in the alert's `signals`.
 */
import type { Activity } from '../../activity/activity';
import { addCount, anomalyThreshold, countOn, dailyStats, dayOf, isLearning, noteSeen, WINDOW_DAYS, type AnomalyRule, type DailyStats, type Profile } from '../baseline/profile';
import { Profiles } from '../baseline/profiles';
import type { DetectionContext } from '../types';

/** What one activity adds to a metric. */
export interface Measure {
  metric: string;
  /** Set when another source reports the same events (see above). */
  channel?: string;
  amount: number;
  /** Facts for the evidence, counted per value: `{ ip: '203.0.113.9', report: '00O…' }`. */
  notes?: Record<string, string | undefined>;
  /** What each note adds (default 1): rows, to see which report or client moved the most. */
  noteWeight?: number;
  /**
   * Counts the same thing once a day at its largest: a report run five times the same day adds
   * its biggest row count once, not five times (refreshing a report is not reading more data).
   */
  onceADayKey?: string;
}

export interface Signal {
  /** One entry per key in the alert (`threat:ReportAnomalyEventStore`): a repeat replaces it. */
  key: string;
  data: Record<string, unknown>;
}

export interface DailyAnomalySpec {
  /** Sources read only to know since when the user is observed (sign-ins). */
  presenceSources: ReadonlySet<string>;
  measure(activity: Activity, ctx: DetectionContext): Measure[];
  /** The anomaly rule of a metric under the current settings; undefined: counted for evidence only. */
  rule(metric: string, ctx: DetectionContext): AnomalyRule | undefined;
  signal?(activity: Activity, ctx: DetectionContext): Signal | undefined;
}

export interface MetricFigures {
  observed: number;
  threshold: number;
  baseline: { days: number; meanPerDay: number; maxPerDay: number };
}

export interface DayAlert {
  day: number;
  firstAtMs: number;
  lastAtMs: number;
  /** Metrics that went above their threshold, in the order they did. */
  crossed: string[];
  metrics: Record<string, MetricFigures>;
  /** dimension → value → count, for the whole day. */
  notes: Record<string, Record<string, number>>;
  signals: Record<string, Record<string, unknown>>;
}

export interface DayAlertView {
  userId: string;
  username?: string;
  alert: DayAlert;
}

interface DataProfile extends Profile {
  /** UTC day → evidence notes of that day (the last few days only). */
  notes?: Record<string, Record<string, Record<string, number>>>;
  /** UTC day → metric → `onceADayKey` → largest amount counted that day (the last few days only). */
  peaks?: Record<string, Record<string, Record<string, number>>>;
  /** UTC day → the day's alert (kept for the window). */
  alerts?: Record<string, DayAlert>;
}

/** Notes of days without an alert are kept this many days back from the newest activity (late event log files). */
const NOTE_DAYS = 3;
/**
 * Day alerts are kept for the whole window: a source read days later (a scan reads one stream
 * after the other; a daily event log file) then updates the day's alert instead of opening it
 * again at the wrong time. Alerts are rare, so this costs little.
 */
const ALERT_DAYS = WINDOW_DAYS + 1;
/** Distinct values kept per evidence dimension; the rest are counted under `(other)`. */
const MAX_NOTE_VALUES = 20;
const PRESENCE = 'presence';

export async function runDailyAnomaly(activities: readonly Activity[], ctx: DetectionContext, spec: DailyAnomalySpec): Promise<DayAlertView[]> {
  const byUser = groupByUser(activities, ctx, spec);
  if (byUser.size === 0) return [];
  const profiles = await Profiles.load(ctx.state, 'user:', byUser.keys());
  const changed = new Map<string, DayAlertView>();
  let latestMs = 0;
  for (const [userId, list] of byUser) {
    const baselines: BaselineCache = new Map();
    for (let i = 0; i < list.length; i += 1) {
      const { activity, measures, signal } = list[i]!;
      latestMs = Math.max(latestMs, activity.timeMs);
      if (!measures) {
        notePresence(profiles, userId, activity.timeMs);
        continue;
      }
      const profile = profiles.get(userId, activity.timeMs) as DataProfile;
      const alert = applyActivity(profile, activity, measures, signal, ctx, spec, baselines);
      if (alert) changed.set(`${userId}:${alert.day}`, { userId, ...(activity.username ? { username: activity.username } : {}), alert });
    }
  }
  for (const userId of byUser.keys()) {
    const profile = profiles.peek(userId) as DataProfile | undefined;
    if (profile) forgetOldDays(profile, dayOf(latestMs));
  }
  await profiles.save(latestMs);
  return [...changed.values()];
}

/** A sign-in (no measures: presence only), or an activity that counts or signals. */
interface Counted {
  activity: Activity;
  measures?: Measure[];
  signal?: Signal;
}

/**
 * The page's activities that matter, by user: sign-ins, and activities that add to a metric or
 * signal. The rest (most API rows for the deletion policy, say) never load a profile.
 */
function groupByUser(activities: readonly Activity[], ctx: DetectionContext, spec: DailyAnomalySpec): Map<string, Counted[]> {
  const byUser = new Map<string, Counted[]>();
  for (let i = 0; i < activities.length; i += 1) {
    const activity = activities[i]!;
    if (!activity.userId) continue;
    let counted: Counted;
    if (spec.presenceSources.has(activity.source)) counted = { activity };
    else {
      const measures = spec.measure(activity, ctx);
      const signal = spec.signal?.(activity, ctx);
      if (measures.length === 0 && !signal) continue;
      counted = signal ? { activity, measures, signal } : { activity, measures };
    }
    const list = byUser.get(activity.userId);
    if (list) list.push(counted);
    else byUser.set(activity.userId, [counted]);
  }
  return byUser;
}

/** A sign-in: the profile starts (or keeps living) without counting anything; one write per user and day. */
function notePresence(profiles: Profiles, userId: string, timeMs: number): void {
  const day = dayOf(timeMs);
  const known = profiles.peek(userId);
  if (known && known.firstDay <= day && (known.seen[PRESENCE]?.['day'] ?? -1) >= day) return;
  noteSeen(profiles.get(userId, timeMs), PRESENCE, 'day', timeMs);
}

/** Counts one activity; returns the day's alert when it is open (new or updated). */
function applyActivity(
  profile: DataProfile,
  activity: Activity,
  measures: readonly Measure[],
  signal: Signal | undefined,
  ctx: DetectionContext,
  spec: DailyAnomalySpec,
  baselines: BaselineCache,
): DayAlert | undefined {
  const day = dayOf(activity.timeMs);
  const learning = isLearning(profile, activity.timeMs);
  const alerts = (profile.alerts ??= {});
  let alert = alerts[String(day)];
  // Index loops and no copies unless needed: this runs for every counted row.
  let counted: Measure[] | undefined;
  for (let i = 0; i < measures.length; i += 1) {
    const measure = measures[i]!;
    const { observed, added } = addMeasure(profile, measure, activity.timeMs);
    // A once-a-day repeat adds nothing, to the count or to the evidence weights.
    if (measure.onceADayKey !== undefined) (counted ??= [...measures])[i] = { ...measure, noteWeight: added };
    if (alert || learning) continue;
    const baseline = baselineOf(profile, measure.metric, activity.timeMs, ctx, spec, baselines);
    if (baseline && observed >= baseline.threshold) alert = alerts[String(day)] = openAlert(profile, day, activity.timeMs);
  }
  // Evidence notes live with the day's alert once it is open (kept as long as the alert), before that with the profile.
  const notes = alert?.notes ?? ((profile.notes ??= {})[String(day)] ??= {});
  const noted = counted ?? measures;
  for (let i = 0; i < noted.length; i += 1) addNotes(notes, noted[i]!);
  if (signal) {
    alert ??= alerts[String(day)] = openAlert(profile, day, activity.timeMs);
    alert.signals[signal.key] = signal.data;
    // A finding earlier than the crossing (read later, from another stream) is where it began.
    alert.firstAtMs = Math.min(alert.firstAtMs, activity.timeMs);
  }
  if (!alert) return undefined;
  alert.lastAtMs = Math.max(alert.lastAtMs, activity.timeMs);
  if (!learning) refreshFigures(profile, alert, activity.timeMs, ctx, spec, baselines);
  return alert;
}

interface Baseline {
  threshold: number;
  stats: DailyStats;
}

/** metric → UTC day → the baseline (null: the metric has no rule under these settings). */
type BaselineCache = Map<string, Map<number, Baseline | null>>;

/** The metric's baseline before the activity's day (fixed for the day, so computed once per page). */
function baselineOf(profile: Profile, metric: string, timeMs: number, ctx: DetectionContext, spec: DailyAnomalySpec, cache: BaselineCache): Baseline | undefined {
  // Looked up for every counted row: a nested map, so no key string is built per row.
  const day = dayOf(timeMs);
  let byDay = cache.get(metric);
  if (!byDay) cache.set(metric, (byDay = new Map()));
  const cached = byDay.get(day);
  if (cached !== undefined) return cached ?? undefined;
  const rule = spec.rule(metric, ctx);
  const stats = rule ? dailyStats(profile, metric, timeMs) : undefined;
  const baseline = rule && stats ? { threshold: anomalyThreshold(stats, rule), stats } : undefined;
  byDay.set(day, baseline ?? null);
  return baseline;
}

/** The figures of every metric counted that day, so the evidence shows all of them, not only the one that crossed. */
function refreshFigures(profile: Profile, alert: DayAlert, timeMs: number, ctx: DetectionContext, spec: DailyAnomalySpec, cache: BaselineCache): void {
  for (const metric of Object.keys(profile.daily)) {
    const observed = metric.includes('@') ? 0 : countOn(profile, metric, timeMs);
    const baseline = observed > 0 ? baselineOf(profile, metric, timeMs, ctx, spec, cache) : undefined;
    if (!baseline) continue;
    const { stats, threshold } = baseline;
    alert.metrics[metric] = { observed, threshold, baseline: { days: stats.days, meanPerDay: Math.round(stats.mean * 10) / 10, maxPerDay: stats.max } };
    if (observed >= threshold && !alert.crossed.includes(metric)) {
      alert.crossed.push(metric);
      // An alert a finding opened begins where the day went above the baseline, if that was earlier.
      alert.firstAtMs = Math.min(alert.firstAtMs, timeMs);
    }
  }
}

/** A new day alert takes over the day's evidence notes gathered so far. */
function openAlert(profile: DataProfile, day: number, timeMs: number): DayAlert {
  const notes = profile.notes?.[String(day)] ?? {};
  delete profile.notes?.[String(day)];
  return { day, firstAtMs: timeMs, lastAtMs: timeMs, crossed: [], metrics: {}, notes, signals: {} };
}

/** Adds to the metric (or its channel); returns the metric's count for the day. */
function addMeasure(profile: DataProfile, measure: Measure, timeMs: number): { observed: number; added: number } {
  const added = measure.onceADayKey === undefined ? measure.amount : aboveDayPeak(profile, measure, measure.onceADayKey, timeMs);
  if (!measure.channel) return { observed: addCount(profile, measure.metric, timeMs, added), added };
  const channel = addCount(profile, `${measure.metric}@${measure.channel}`, timeMs, added);
  const current = countOn(profile, measure.metric, timeMs);
  if (channel <= current) return { observed: current, added };
  addCount(profile, measure.metric, timeMs, channel - current);
  return { observed: channel, added };
}

/** Notes of a channel are kept apart (`ip@eventlogs`): channels report the same events, so they are never summed. */
/** What the measure adds beyond the largest amount already counted for its key that day. */
function aboveDayPeak(profile: DataProfile, measure: Measure, key: string, timeMs: number): number {
  const peaks = (((profile.peaks ??= {})[String(dayOf(timeMs))] ??= {})[measure.metric] ??= {});
  const before = peaks[key] ?? 0;
  if (measure.amount <= before) return 0;
  peaks[key] = measure.amount;
  return measure.amount - before;
}

function addNotes(dayNotes: DayAlert['notes'], { notes, channel, noteWeight = 1 }: Measure): void {
  if (!notes) return;
  // for…in, not Object.entries: this runs for every counted row (an array per call adds up).
  for (const dimension in notes) {
    const value = notes[dimension];
    if (value === undefined || value === '') continue;
    const values = (dayNotes[channel ? `${dimension}@${channel}` : dimension] ??= {});
    const key = Object.hasOwn(values, value) || Object.keys(values).length < MAX_NOTE_VALUES ? value : '(other)';
    values[key] = (values[key] ?? 0) + noteWeight;
  }
}

function forgetOldDays(profile: DataProfile, latestDay: number): void {
  for (const [map, keepDays] of [[profile.notes, NOTE_DAYS], [profile.peaks, NOTE_DAYS], [profile.alerts, ALERT_DAYS]] as const) {
    if (!map) continue;
    for (const day of Object.keys(map)) if (Number(day) < latestDay - keepDays) delete map[day];
  }
  if (profile.notes && Object.keys(profile.notes).length === 0) delete profile.notes;
  if (profile.peaks && Object.keys(profile.peaks).length === 0) delete profile.peaks;
  if (profile.alerts && Object.keys(profile.alerts).length === 0) delete profile.alerts;
}

/** Values of an evidence dimension, most frequent first; of the channel that saw the most, when several did. */
export function topNotes(alert: DayAlert, dimension: string, limit = 10): Array<[string, number]> {
  const total = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
  let best: Record<string, number> = {};
  for (const [key, values] of Object.entries(alert.notes)) {
    if ((key === dimension || key.startsWith(`${dimension}@`)) && total(values) > total(best)) best = values;
  }
  return Object.entries(best)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
}

