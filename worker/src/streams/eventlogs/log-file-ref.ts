/**
 * One EventLogFile as the stream knows it, and the stream's cursor.
 *
 * A file is identified by (EventType, Interval, LogDate, Sequence) — DESIGN §3.2; a late batch
 * for an hour is a new file with a higher Sequence (REST API Developer Guide, "Query or View
 * Hourly Event Log Files"). Its `Id` is only used to download it, never to page or filter: ids do
 * not follow time and mix intervals.
 */

export interface LogFileRef {
  id: string;
  eventType: string;
  interval: 'Daily' | 'Hourly';
  /** Start of the covered period (UTC day or hour), epoch ms. */
  logDateMs: number;
  /** 0 for daily files, 1.. for hourly ones. */
  sequence: number;
  /** When Salesforce generated the file, epoch ms. */
  createdMs: number;
  /** Uncompressed size in bytes (LogFileLength). */
  length: number;
}

export interface ElfCursor {
  v: 1;
  /** Rows before this time are never read: the first pass's backfill start (or a scan's --since). */
  floorMs: number;
  /**
   * CreatedDate of the newest file decided (read or skipped) in CreatedDate order: every listed
   * file created before it is decided. The next listing starts an overlap before it (`>=`).
   */
  createdMs: number;
  /** Files decided whose CreatedDate is within the overlap: key → CreatedDate (the de-dup window). */
  seen: Record<string, number>;
  /** The org publishes hourly files (Event Monitoring); learned from the listings. */
  hourly: boolean;
  /** `<EventType>|<YYYY-MM-DD>` of every day with at least one hourly file → the day's start. */
  hourlyDays: Record<string, number>;
  /** Daily files waiting until their day's hourly files can no longer appear (interval-rule.ts). */
  held: LogFileRef[];
  /** The file being read when the page was committed, and how many of its units are done. */
  partial?: { file: LogFileRef; unitsDone: number };
}

const DAY_MS = 86_400_000;

/** `API|Hourly|2024-01-07T10:00:00.000Z|2`. */
export function fileKey(file: Pick<LogFileRef, 'eventType' | 'interval' | 'logDateMs' | 'sequence'>): string {
  return `${file.eventType}|${file.interval}|${new Date(file.logDateMs).toISOString()}|${file.sequence}`;
}

/** `API|2024-01-07`: the event type's UTC day a file belongs to. */
export function typeDayKey(file: Pick<LogFileRef, 'eventType' | 'logDateMs'>): string {
  return `${file.eventType}|${new Date(file.logDateMs).toISOString().slice(0, 10)}`;
}

export function dayStartMs(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS;
}

export function newCursor(floorMs: number): ElfCursor {
  return { v: 1, floorMs, createdMs: floorMs, seen: {}, hourly: false, hourlyDays: {}, held: [] };
}

/** A stored cursor, or undefined for anything that is not one (a cursor from an older format). */
export function asCursor(value: unknown): ElfCursor | undefined {
  const c = value as Partial<ElfCursor> | undefined;
  return c && c.v === 1 && typeof c.createdMs === 'number' && typeof c.floorMs === 'number' ? (c as ElfCursor) : undefined;
}
