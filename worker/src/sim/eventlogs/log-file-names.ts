/**
 * What a fixture's event log file name says (when it is published: `publication-schedule.ts`).
 *
 * `eventlogs/<EventType>/<YYYY-MM-DD>.csv` is a Daily file (Sequence 0, LogDate = 00:00 UTC of
 * the day); `<YYYY-MM-DDTHH>[.<seq>].csv` an Hourly one (LogDate = the hour, Sequence default 1).
 */
export interface LogFileName {
  interval: 'Daily' | 'Hourly';
  /** Start of the covered period. */
  logDate: Date;
  sequence: number;
}

const DAILY = /^(\d{4}-\d{2}-\d{2})\.csv$/;
const HOURLY = /^(\d{4}-\d{2}-\d{2})T(\d{2})(?:\.(\d{1,4}))?\.csv$/;

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
