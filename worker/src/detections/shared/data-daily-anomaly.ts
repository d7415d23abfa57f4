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
 *
 * Cost: this runs for every row of the busiest event logs (API, RestApi), so nothing is allocated
 * per row. `measure` writes into a reused buffer (PageRows), each user's rows are run one after
 * the other with the profile, day and baseline looked up once per run, and the evidence notes are
 * summed per user and day in the page before they are added to the day's notes (NoteSums).
 */
import type { Activity } from '../../activity/activity';
import { addCount, anomalyThreshold, countOn, dailyStats, dayKey, dayOf, isLearning, noteSeen, touch, WINDOW_DAYS, type AnomalyRule, type DailyStats, type Profile } from '../baseline/profile';
import { Profiles } from '../baseline/profiles';
import type { DetectionContext } from '../types';

/**
 * What `measure` reports an activity adds: `out.count(metric, amount)`, then what describes that
 * count (`channel`, `noteWeight`, `onceADay`) and its evidence notes. Calls return the sink, so
 * they chain: `out.count('apiRows', rows).noteWeight(rows).note('ip', activity.ip)`.
 */
export interface MeasureSink {
  /** Adds `amount` to `metric`; an activity may count for several metrics, one `count` each. */
  count(metric: string, amount: number): MeasureSink;
  /** Set when another source reports the same events (see above); '' is no channel. */
  channel(name: string): MeasureSink;
  /** What each note of this count adds (default 1): rows, to see which report or client moved the most. */
  noteWeight(weight: number): MeasureSink;
  /**
   * Counts the same thing once a day at its largest: a report run five times the same day adds
   * its biggest row count once, not five times (refreshing a report is not reading more data).
   * Undefined: counted every time.
   */
  onceADay(key: string | undefined): MeasureSink;
  /** A fact for the evidence, counted per value (`ip`, `203.0.113.9`); undefined and '' are left out. */
  note(dimension: string, value: string | undefined): MeasureSink;
}

export interface Signal {
  /** One entry per key in the alert (`threat:ReportAnomalyEventStore`): a repeat replaces it. */
  key: string;
  data: Record<string, unknown>;
}

export interface DailyAnomalySpec {
  /** Sources read only to know since when the user is observed (sign-ins). */
  presenceSources: ReadonlySet<string>;
  /** Writes what the activity adds into `out` (nothing: the activity does not count). Called once per activity. */
  measure(activity: Activity, ctx: DetectionContext, out: MeasureSink): void;
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

type DayNotes = DayAlert['notes'];

interface DataProfile extends Profile {
  /** UTC day → evidence notes of that day (the last few days only). */
  notes?: Record<string, DayNotes>;
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
const OTHER = '(other)';
const PRESENCE = 'presence';

const eventTypes = new Map<string, string>();

/** The event type of an event log source (`ELF:RestApi` → `RestApi`), other sources as they are; one string per source, not per row. */
export function eventTypeOf(source: string): string {
  let type = eventTypes.get(source);
  if (type === undefined) {
    type = source.replace(/^ELF:/, '');
    eventTypes.set(source, type);
  }
  return type;
}

export async function runDailyAnomaly(activities: readonly Activity[], ctx: DetectionContext, spec: DailyAnomalySpec): Promise<DayAlertView[]> {
  const page = PageRows.take();
  try {
    page.read(activities, ctx, spec);
    if (page.users.size === 0) return [];
    const profiles = await Profiles.load(ctx.state, 'user:', page.users.keys());
    const views: DayAlertView[] = [];
    let latestMs = 0;
    for (const rows of page.users.values()) latestMs = Math.max(latestMs, runUser(page, rows.userId, rows.first, profiles, ctx, spec, views));
    for (const userId of page.users.keys()) {
      const profile = profiles.peek(userId) as DataProfile | undefined;
      if (profile) forgetOldDays(profile, dayOf(latestMs));
    }
    await profiles.save(latestMs);
    return views;
  } finally {
    page.give();
  }
}

/** The first and last of a user's rows in a page (rows are chained through `PageRows.next`). */
interface UserRows {
  userId: string;
  first: number;
  last: number;
}

/**
 * One page's rows that matter, as the measures wrote them: sign-ins, and activities that add to
 * a metric or signal (the rest, most API rows for the deletion policy say, never load a profile).
 * Everything lives in arrays kept from page to page, so a row costs no object: row r's counts are
 * `measureEnd[r - 1] .. measureEnd[r]`, count k's notes `noteEnd[k - 1] .. noteEnd[k]`.
 */
class PageRows implements MeasureSink {
  /** Buffers not in use; more than one when pages of several streams are evaluated at the same time. */
  private static readonly spare: PageRows[] = [];

  readonly activity: Activity[] = [];
  /**
   * `activity[r].timeMs`, read with the row: users' rows are run user by user, and an activity
   * looked up again then is a cache miss (a large part of the run's cost on a 20,000-row page).
   */
  readonly time: number[] = [];
  readonly presence: boolean[] = [];
  readonly measureEnd: number[] = [];
  /** The user's next row, -1 after the last. */
  readonly next: number[] = [];
  /** Rows with a signal (few). */
  readonly signals = new Map<number, Signal>();
  /** User → their rows, in the order users first appear. */
  users = new Map<string, UserRows>();
  rows = 0;

  readonly metric: string[] = [];
  readonly amount: number[] = [];
  readonly channelOf: Array<string | undefined> = [];
  readonly weight: number[] = [];
  readonly once: Array<string | undefined> = [];
  readonly noteEnd: number[] = [];
  measures = 0;
  /** The first count of the row being measured. */
  private rowStart = 0;

  readonly dimension: string[] = [];
  readonly value: string[] = [];
  notes = 0;

  readonly sums = new NoteSums();

  static take(): PageRows {
    return PageRows.spare.pop() ?? new PageRows();
  }

  /** Back to the spare buffers, without the page's activities (they can be collected). */
  give(): void {
    this.activity.fill(undefined as unknown as Activity, 0, this.rows);
    this.once.fill(undefined, 0, this.measures);
    this.value.fill('', 0, this.notes);
    this.signals.clear();
    this.users = new Map();
    this.rows = this.measures = this.rowStart = this.notes = 0;
    this.sums.clear();
    // A buffer grown by a very large page is left to the garbage collector.
    if (PageRows.spare.length < 4 && this.activity.length <= 100_000 && this.value.length <= 1_000_000) PageRows.spare.push(this);
  }

  read(activities: readonly Activity[], ctx: DetectionContext, spec: DailyAnomalySpec): void {
    for (let i = 0; i < activities.length; i += 1) {
      const activity = activities[i]!;
      const userId = activity.userId;
      if (!userId) continue;
      const presence = spec.presenceSources.has(activity.source);
      let signal: Signal | undefined;
      if (!presence) {
        this.rowStart = this.measures;
        spec.measure(activity, ctx, this);
        signal = spec.signal?.(activity, ctx);
        if (this.measures === this.rowStart && !signal) continue;
      }
      const r = this.rows;
      this.rows += 1;
      this.activity[r] = activity;
      this.time[r] = activity.timeMs;
      this.presence[r] = presence;
      this.measureEnd[r] = this.measures;
      this.next[r] = -1;
      if (signal) this.signals.set(r, signal);
      const user = this.users.get(userId);
      if (user) {
        this.next[user.last] = r;
        user.last = r;
      } else this.users.set(userId, { userId, first: r, last: r });
    }
  }

  count(metric: string, amount: number): this {
    const k = this.measures;
    this.measures += 1;
    this.metric[k] = metric;
    this.amount[k] = amount;
    this.channelOf[k] = undefined;
    this.weight[k] = 1;
    this.once[k] = undefined;
    this.noteEnd[k] = this.notes;
    return this;
  }

  channel(name: string): this {
    this.channelOf[this.current()] = name || undefined;
    return this;
  }

  noteWeight(weight: number): this {
    this.weight[this.current()] = weight;
    return this;
  }

  onceADay(key: string | undefined): this {
    if (key !== undefined) this.once[this.current()] = key;
    return this;
  }

  note(dimension: string, value: string | undefined): this {
    const k = this.current();
    if (value === undefined || value === '') return this;
    this.dimension[this.notes] = dimension;
    this.value[this.notes] = value;
    this.notes += 1;
    this.noteEnd[k] = this.notes;
    return this;
  }

  /** The count being described: the row's last. */
  private current(): number {
    if (this.measures === this.rowStart) throw new Error('MeasureSink: count() comes before what describes the count');
    return this.measures - 1;
  }
}

/**
 * Counts one user's rows of the page, in page order; returns the latest activity time. The
 * profile, the day's alert and notes and the baselines are looked up once per run of rows on the
 * same day, not per row; the day's notes are summed in `page.sums` and added when the day's run
 * ends (the same notes, in the same first-seen order, as adding them row by row).
 */
function runUser(page: PageRows, userId: string, first: number, profiles: Profiles, ctx: DetectionContext, spec: DailyAnomalySpec, views: DayAlertView[]): number {
  const sums = page.sums;
  let latestMs = 0;
  let profile: DataProfile | undefined;
  let baselines: Baselines | undefined;
  // The day being counted, its alert (when open) and where its notes go.
  let day = NaN;
  let dayId = '';
  let alerts: Record<string, DayAlert> = {};
  let alert: DayAlert | undefined;
  // Where the day's notes go: the alert's, or before it opens the profile's (`profileNotes`).
  let notes: DayNotes | undefined;
  let profileNotes: DayNotes | undefined;
  // Day alerts to return, by day, with the last row that updated them (its username is the view's).
  let updated: Map<number, { alert: DayAlert; row: number }> | undefined;
  let last: { alert: DayAlert; row: number } | undefined;
  for (let r = first; r !== -1; r = page.next[r]!) {
    const timeMs = page.time[r]!;
    latestMs = Math.max(latestMs, timeMs);
    if (page.presence[r]) {
      notePresence(profiles, userId, timeMs);
      continue;
    }
    if (profile) touch(profile, timeMs);
    else profile = profiles.get(userId, timeMs) as DataProfile;
    const rowDay = dayOf(timeMs);
    if (rowDay !== day) {
      if (notes) sums.addTo(notes);
      day = rowDay;
      dayId = dayKey(day);
      alerts = profile.alerts ??= {};
      alert = alerts[dayId];
      notes = profileNotes = undefined;
    }
    const learning = isLearning(profile, timeMs);
    const end = page.measureEnd[r]!;
    for (let k = r === 0 ? 0 : page.measureEnd[r - 1]!; k < end; k += 1) {
      const metric = page.metric[k]!;
      const channel = page.channelOf[k];
      const once = page.once[k];
      const amount = page.amount[k]!;
      // A once-a-day repeat adds nothing, to the count or to the evidence weights.
      const added = once === undefined ? amount : aboveDayPeak(profile, metric, amount, once, dayId);
      const observed = addMeasure(profile, metric, channel, added, timeMs);
      if (!alert && !learning) {
        const baseline = (baselines ??= new Baselines()).of(profile, metric, day, timeMs, ctx, spec);
        if (baseline && observed >= baseline.threshold) alert = alerts[dayId] = openAlert(profile, day, timeMs);
      }
      const weight = once === undefined ? page.weight[k]! : added;
      const noteEnd = page.noteEnd[k]!;
      for (let n = k === 0 ? 0 : page.noteEnd[k - 1]!; n < noteEnd; n += 1) {
        const dimension = page.dimension[n]!;
        sums.add(channel ? joined(dimension, channel) : dimension, page.value[n]!, weight);
      }
    }
    // Evidence notes live with the day's alert once it is open (kept as long as the alert), before that with the profile.
    notes = alert?.notes ?? (profileNotes ??= (profile.notes ??= {})[dayId] ??= {});
    const signal = page.signals.size === 0 ? undefined : page.signals.get(r);
    if (signal) {
      alert ??= alerts[dayId] = openAlert(profile, day, timeMs);
      alert.signals[signal.key] = signal.data;
      // A finding earlier than the crossing (read later, from another stream) is where it began.
      alert.firstAtMs = Math.min(alert.firstAtMs, timeMs);
    }
    if (!alert) continue;
    alert.lastAtMs = Math.max(alert.lastAtMs, timeMs);
    if (!learning) refreshFigures(profile, alert, day, timeMs, ctx, spec, (baselines ??= new Baselines()));
    if (last?.alert !== alert) {
      updated ??= new Map();
      last = updated.get(alert.day);
      if (!last) updated.set(alert.day, (last = { alert, row: r }));
      last.alert = alert;
    }
    last.row = r;
  }
  if (notes) sums.addTo(notes);
  if (updated) {
    for (const { alert: dayAlert, row } of updated.values()) {
      const { username } = page.activity[row]!;
      views.push({ userId, ...(username ? { username } : {}), alert: dayAlert });
    }
  }
  return latestMs;
}

/** A sign-in: the profile starts (or keeps living) without counting anything; one write per user and day. */
function notePresence(profiles: Profiles, userId: string, timeMs: number): void {
  const day = dayOf(timeMs);
  const known = profiles.peek(userId);
  if (known && known.firstDay <= day && (known.seen[PRESENCE]?.['day'] ?? -1) >= day) return;
  noteSeen(profiles.get(userId, timeMs), PRESENCE, 'day', timeMs);
}

interface Baseline {
  threshold: number;
  stats: DailyStats;
}

/**
 * A user's baselines in the page, per metric and UTC day (null: the metric has no rule under
 * these settings). Fixed for the page once computed, even if an earlier day's count changes
 * later in the page; the last one asked is kept at hand, as the same is asked row after row.
 */
class Baselines {
  private readonly byMetric = new Map<string, Map<number, Baseline | null>>();
  private lastMetric: string | undefined;
  private lastDay = NaN;
  private last: Baseline | null = null;

  /** The metric's baseline before `day` (the day of `timeMs`). */
  of(profile: Profile, metric: string, day: number, timeMs: number, ctx: DetectionContext, spec: DailyAnomalySpec): Baseline | undefined {
    if (metric !== this.lastMetric || day !== this.lastDay) {
      this.lastMetric = metric;
      this.lastDay = day;
      this.last = this.lookUp(profile, metric, day, timeMs, ctx, spec);
    }
    return this.last ?? undefined;
  }

  private lookUp(profile: Profile, metric: string, day: number, timeMs: number, ctx: DetectionContext, spec: DailyAnomalySpec): Baseline | null {
    let byDay = this.byMetric.get(metric);
    if (!byDay) this.byMetric.set(metric, (byDay = new Map()));
    const cached = byDay.get(day);
    if (cached !== undefined) return cached;
    const rule = spec.rule(metric, ctx);
    const stats = rule ? dailyStats(profile, metric, timeMs) : undefined;
    const baseline = rule && stats ? { threshold: anomalyThreshold(stats, rule), stats } : null;
    byDay.set(day, baseline);
    return baseline;
  }
}

/** The figures of every metric counted that day, so the evidence shows all of them, not only the one that crossed. */
function refreshFigures(profile: Profile, alert: DayAlert, day: number, timeMs: number, ctx: DetectionContext, spec: DailyAnomalySpec, baselines: Baselines): void {
  // for…in, not Object.keys: this runs for every counted row of a user whose day alert is open.
  for (const metric in profile.daily) {
    const observed = metric.includes('@') ? 0 : countOn(profile, metric, timeMs);
    const baseline = observed > 0 ? baselines.of(profile, metric, day, timeMs, ctx, spec) : undefined;
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
  const key = dayKey(day);
  const notes = profile.notes?.[key] ?? {};
  delete profile.notes?.[key];
  return { day, firstAtMs: timeMs, lastAtMs: timeMs, crossed: [], metrics: {}, notes, signals: {} };
}

/** Adds to the metric (or its channel); returns the metric's count for the day. */
function addMeasure(profile: DataProfile, metric: string, channel: string | undefined, added: number, timeMs: number): number {
  if (!channel) return addCount(profile, metric, timeMs, added);
  const channelCount = addCount(profile, joined(metric, channel), timeMs, added);
  const current = countOn(profile, metric, timeMs);
  if (channelCount <= current) return current;
  addCount(profile, metric, timeMs, channelCount - current);
  return channelCount;
}

/** What the amount adds beyond the largest amount already counted for its key that day. */
function aboveDayPeak(profile: DataProfile, metric: string, amount: number, key: string, day: string): number {
  const peaks = (((profile.peaks ??= {})[day] ??= {})[metric] ??= {});
  const before = peaks[key] ?? 0;
  if (amount <= before) return 0;
  peaks[key] = amount;
  return amount - before;
}

const joins = new Map<string, Map<string, string>>();

/**
 * `name@channel`: a channel's own count of a metric (`deletions@api`), or its notes, kept apart
 * (`ip@eventlogs`) as channels report the same events and are never summed. Names and channels are
 * the policies' constants, so each string is built once, not per row.
 */
function joined(name: string, channel: string): string {
  let byChannel = joins.get(name);
  if (!byChannel) joins.set(name, (byChannel = new Map()));
  let key = byChannel.get(channel);
  if (key === undefined) byChannel.set(channel, (key = `${name}@${channel}`));
  return key;
}

/** The weight summed for one note value of a user's day in the page. */
class NoteSum {
  total = 0;
  /** The round of NoteSums it was last counted in (before that it holds an earlier round's sum). */
  round = -1;

  constructor(readonly value: string) {}
}

/** The sums of one dimension (`ip`, `via@api` …). */
class DimensionSums {
  /** Value → its sum; kept from round to round (the same values come back page after page), cleared when large. */
  readonly byValue = new Map<string, NoteSum>();
  /** This round's sums, in first-seen order: `order[0 .. size - 1]`. */
  readonly order: NoteSum[] = [];
  size = 0;
  /** The previous note's value and sum: consecutive rows often share one (the API, the country). */
  lastValue: string | undefined;
  lastSum: NoteSum | undefined;

  constructor(readonly key: string) {}
}

/** Distinct values a dimension keeps between rounds; more and its map starts over. */
const KEPT_VALUES = 2_000;

/**
 * The notes of a user's day in the page (a round), summed per dimension and value in first-seen
 * order, then added to the day's notes in that order: the same result as adding them row by row (a
 * value's first row decides whether it gets its own entry or goes to `(other)`, and only the values
 * seen before it can have filled the dimension). A note costs a map lookup, or none when it has the
 * value of the previous one; the sums are reused from round to round, so no object per value either.
 */
class NoteSums {
  private round = 0;
  private readonly byKey = new Map<string, DimensionSums>();
  /** This round's dimensions, in first-seen order: `active[0 .. used - 1]`. */
  private readonly active: DimensionSums[] = [];
  private used = 0;

  add(key: string, value: string, weight: number): void {
    let dimension: DimensionSums | undefined;
    for (let d = 0; d < this.used; d += 1) {
      if (this.active[d]!.key === key) {
        dimension = this.active[d]!;
        break;
      }
    }
    if (!dimension) {
      dimension = this.byKey.get(key);
      if (!dimension) this.byKey.set(key, (dimension = new DimensionSums(key)));
      dimension.size = 0;
      dimension.lastValue = undefined;
      this.active[this.used] = dimension;
      this.used += 1;
    }
    let sum: NoteSum;
    if (dimension.lastValue === value) sum = dimension.lastSum!;
    else {
      let found = dimension.byValue.get(value);
      if (!found) dimension.byValue.set(value, (found = new NoteSum(value)));
      if (found.round !== this.round) {
        found.round = this.round;
        found.total = 0;
        dimension.order[dimension.size] = found;
        dimension.size += 1;
      }
      sum = found;
      dimension.lastValue = value;
      dimension.lastSum = sum;
    }
    sum.total += weight;
  }

  /** Adds the round's sums to a day's notes, and starts the next round. */
  addTo(dayNotes: DayNotes): void {
    for (let d = 0; d < this.used; d += 1) {
      const dimension = this.active[d]!;
      const values = (dayNotes[dimension.key] ??= {});
      // Distinct values in `values`: counted when a value is new to it, then kept up to date.
      let size = -1;
      for (let i = 0; i < dimension.size; i += 1) {
        const sum = dimension.order[i]!;
        size = addNote(values, sum.value, sum.total, size);
      }
    }
    this.clear();
  }

  /** Starts the next round (what was summed is dropped). */
  clear(): void {
    for (let d = 0; d < this.used; d += 1) {
      const dimension = this.active[d]!;
      dimension.size = 0;
      dimension.lastValue = dimension.lastSum = undefined;
      if (dimension.byValue.size > KEPT_VALUES) dimension.byValue.clear();
    }
    this.used = 0;
    this.round += 1;
  }
}

/** Adds `weight` to a note value (or to `(other)` once the dimension is full); returns the dimension's distinct values (`size`: -1 when not counted yet). */
function addNote(values: Record<string, number>, value: string, weight: number, size: number): number {
  // Own properties only: a value named like an Object.prototype member (a client called
  // `toString`) must start from 0, not from the inherited function.
  if (Object.hasOwn(values, value)) {
    values[value] = values[value]! + weight;
    return size;
  }
  const known = size < 0 ? Object.keys(values).length : size;
  if (known < MAX_NOTE_VALUES) {
    values[value] = weight;
    return known + 1;
  }
  const had = Object.hasOwn(values, OTHER);
  values[OTHER] = (had ? values[OTHER]! : 0) + weight;
  return had ? known : known + 1;
}

function forgetOldDays(profile: DataProfile, latestDay: number): void {
  // for…in, not Object.keys, and one pass per map: this runs for every user of every page.
  if (profile.notes && !keepDaysFrom(profile.notes, latestDay - NOTE_DAYS)) delete profile.notes;
  if (profile.peaks && !keepDaysFrom(profile.peaks, latestDay - NOTE_DAYS)) delete profile.peaks;
  if (profile.alerts && !keepDaysFrom(profile.alerts, latestDay - ALERT_DAYS)) delete profile.alerts;
}

/** Drops the days before `oldest`; false when no day is left. */
function keepDaysFrom(byDay: Record<string, unknown>, oldest: number): boolean {
  let kept = false;
  for (const day in byDay) {
    if (Number(day) < oldest) delete byDay[day];
    else kept = true;
  }
  return kept;
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
