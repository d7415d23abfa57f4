/**
 * What a fixture's event log file name says, and when Salesforce would have published that file.
 *
 * `eventlogs/<EventType>/<YYYY-MM-DD>.csv` is a Daily file (Sequence 0, LogDate = 00:00 UTC of
 * the day); `<YYYY-MM-DDTHH>[.<seq>].csv` an Hourly one (LogDate = the hour, Sequence default 1).
 */
import { createHash } from 'node:crypto';

export interface LogFileName {
  interval: 'Daily' | 'Hourly';
  /** Start of the covered period. */
  logDate: Date;
  sequence: number;
}

const DAILY = /^(\d{4}-\d{2}-\d{2})\.csv$/;
const HOURLY = /^(\d{4}-\d{2}-\d{2})T(\d{2})(?:\.(\d{1,4}))?\.csv$/;
const HOUR_MS = 3_600_000;

function utc(day: string, hour = 0): Date | undefined {
  const date = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? undefined : date;
}

/** Parses a file name; undefined when it follows neither pattern. */
export function parseLogFileName(name: string): LogFileName | undefined {
  const daily = DAILY.exec(name);
  if (daily) {
    const logDate = utc(daily[1] as string);
    return logDate && { interval: 'Daily', logDate, sequence: 0 };
  }
  const hourly = HOURLY.exec(name);
  if (!hourly) return undefined;
  const hour = Number(hourly[2]);
  const sequence = hourly[3] === undefined ? 1 : Number(hourly[3]);
  if (hour > 23 || sequence < 1) return undefined;
  const logDate = utc(hourly[1] as string, hour);
  return logDate && { interval: 'Hourly', logDate, sequence };
}

/** A stable number in [0, 1) from a string: the same file always gets the same jitter. */
function unitHash(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * When the file appears (its CreatedDate). Salesforce generates daily files off-peak the next day
 * and hourly files about 3–6 h after the hour; a later Sequence for the same hour is late data
 * published afterwards. Here: daily files 02:00–04:00 UTC the next day; hourly files 3.5–4.5 h
 * after the hour ends, each further Sequence 6 h later — deterministic per file.
 */
export function publicationTime(name: LogFileName, seed: string): Date {
  const jitter = unitHash(seed);
  if (name.interval === 'Daily') {
    return new Date(name.logDate.getTime() + 26 * HOUR_MS + Math.floor(jitter * 2 * HOUR_MS));
  }
  const hourEnd = name.logDate.getTime() + HOUR_MS;
  return new Date(hourEnd + 3.5 * HOUR_MS + (name.sequence - 1) * 6 * HOUR_MS + Math.floor(jitter * HOUR_MS));
}
