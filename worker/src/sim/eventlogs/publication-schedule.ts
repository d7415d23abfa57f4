/**
 * When Salesforce publishes an event log file, i.e. the file's CreatedDate. Before it the file does
 * not exist for a client; from it on a poll on `CreatedDate > <last poll>` picks it up.
 *
 * Salesforce, REST API Developer Guide, "Using Event Monitoring" and "Query or View Hourly Event
 * Log Files" (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/
 * using_resources_event_log_files.htm, event_log_file_hourly_overview.htm):
 * - daily files are generated "during nonpeak hours the day after an event takes place";
 * - hourly files: "expect an event to take place 3–6 hours from the time of the event to be
 *   available in the log file. However, it can take longer";
 * - "When delays in processing occur and event logs for a particular hour arrive later, a new log
 *   file is created for the event/date/hour and lists only the new events. Use the creation date
 *   and an incremental sequence number to identify a new log file";
 * - "Log files can be created within three days of generation".
 *
 * The simulator: a daily file appears `dailyDelayHours` after its day ends (default 2–4 h, i.e.
 * 02:00–04:00 UTC the next day); Sequence 1 of an hourly file `hourlyDelayHours` after its hour
 * ends (default 3–6 h, so every event in it is at least 3 h old); each later Sequence of the same
 * hour `lateSequenceDelayHours` after the one before (default 6 h). Where in the range a file
 * lands is a hash of its event type and period: deterministic across runs. `createdDates` pins a
 * file's CreatedDate exactly (key `<EventType>/<file name>`, as under `eventlogs/`).
 */
import { createHash } from 'node:crypto';
import type { LogFileName } from './log-file-names';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DelayRange {
  /** Hours after the covered period ends. */
  min: number;
  max: number;
}

export interface PublicationSettings {
  dailyDelayHours: DelayRange;
  hourlyDelayHours: DelayRange;
  lateSequenceDelayHours: number;
  /** `<EventType>/<file name>` → ISO-8601 CreatedDate. */
  createdDates: Readonly<Record<string, string>>;
}

export const DEFAULT_PUBLICATION: PublicationSettings = Object.freeze({
  dailyDelayHours: { min: 2, max: 4 },
  hourlyDelayHours: { min: 3, max: 6 },
  lateSequenceDelayHours: 6,
  createdDates: {},
});

/** Some of the settings (org.json `eventLogPublication`, simulator options). */
export type PublicationLayer = { [K in keyof PublicationSettings]?: PublicationSettings[K] | undefined };

/** Settings from defaults, then org.json, then simulator options (later wins, field by field). */
export function publicationSettings(...layers: Array<PublicationLayer | undefined>): PublicationSettings {
  let out: PublicationSettings = DEFAULT_PUBLICATION;
  for (const layer of layers) {
    if (!layer) continue;
    out = { ...out, ...definedOnly(layer), createdDates: { ...out.createdDates, ...(layer.createdDates ?? {}) } };
  }
  for (const [name, range] of [['dailyDelayHours', out.dailyDelayHours], ['hourlyDelayHours', out.hourlyDelayHours]] as const) {
    if (!(range.min >= 0 && range.max >= range.min)) throw new Error(`eventLogPublication.${name} must have 0 <= min <= max, got ${JSON.stringify(range)}`);
  }
  if (!(out.lateSequenceDelayHours > 0)) throw new Error(`eventLogPublication.lateSequenceDelayHours must be > 0, got ${out.lateSequenceDelayHours}`);
  return out;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A stable number in [0, 1) from a string: the same period always gets the same delay. */
function unitHash(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

function within(range: DelayRange, seed: string): number {
  return Math.floor((range.min + (range.max - range.min) * unitHash(seed)) * HOUR_MS);
}

/** The end of the period a file covers (its events all happened before this). */
export function periodEnd(name: LogFileName): Date {
  return new Date(name.logDate.getTime() + (name.interval === 'Daily' ? DAY_MS : HOUR_MS));
}

/** The scheduled CreatedDate of a file (ignoring `createdDates` pins). */
export function scheduledPublication(eventType: string, name: LogFileName, settings: PublicationSettings): Date {
  const seed = `${eventType}|${name.interval}|${name.logDate.toISOString()}`;
  const endMs = periodEnd(name).getTime();
  if (name.interval === 'Daily') return new Date(endMs + within(settings.dailyDelayHours, seed));
  const lateMs = (name.sequence - 1) * settings.lateSequenceDelayHours * HOUR_MS;
  return new Date(endMs + within(settings.hourlyDelayHours, seed) + lateMs);
}
