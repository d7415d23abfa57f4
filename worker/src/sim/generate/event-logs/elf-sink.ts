/**
 * Collects event log rows by UTC day and writes them as Salesforce publishes them:
 * `eventlogs/<Type>/<YYYY-MM-DD>.csv` (daily, every row of the day) and, with Event Monitoring,
 * `<YYYY-MM-DDTHH>.csv` (hourly, Sequence 1) — occasionally with a late `<…THH>.2.csv` holding
 * rows that reached the log pipeline after the first hourly file (Sequence 2). Hourly and daily
 * files carry the same events.
 *
 * Memory: rows are held as finished CSV lines for the days still open (the generator flushes a
 * day once no later user-day can add to it), so at most ~3 days of rows are in memory.
 */
import path from 'node:path';
import { isFreeEventType } from '../../eventlogs/elf-schema';
import { BufferedFile } from '../output/buffered-file';
import { csvHeader, csvLine, type CsvValue } from '../output/csv-line';
import { Rng } from '../prng';
import { DAY_MS, HOUR_MS, utcDay } from '../time';
import { columnsOf } from './elf-columns';

export type EventMonitoring = 'shield' | 'free' | 'none';

interface DayRows {
  times: number[];
  lines: string[];
}

/** Share of hourly files that get a late second sequence, and the share of rows it takes. */
const LATE_FILE_SHARE = 0.03;
const LATE_ROW_SHARE = 0.15;

export class ElfSink {
  private readonly days = new Map<number, Map<string, DayRows>>();
  readonly rowsByType = new Map<string, number>();
  bytes = 0;
  files = 0;

  constructor(
    private readonly dir: string,
    private readonly monitoring: EventMonitoring,
    private readonly window: { startMs: number; endMs: number },
    private readonly seed: string,
  ) {}

  /** Whether rows of this type are published at all in the org. */
  publishes(type: string): boolean {
    if (this.monitoring === 'none') return false;
    return this.monitoring === 'shield' || isFreeEventType(type);
  }

  add(type: string, timeMs: number, row: Readonly<Record<string, CsvValue>>): void {
    if (!this.publishes(type) || timeMs < this.window.startMs || timeMs >= this.window.endMs) return;
    const day = Math.floor(timeMs / DAY_MS) * DAY_MS;
    let types = this.days.get(day);
    if (!types) this.days.set(day, (types = new Map()));
    let rows = types.get(type);
    if (!rows) types.set(type, (rows = { times: [], lines: [] }));
    rows.times.push(timeMs);
    rows.lines.push(csvLine(columnsOf(type), row, type));
  }

  /** Writes (and forgets) every day that starts before `beforeMs`. */
  flushBefore(beforeMs: number): void {
    for (const day of [...this.days.keys()].sort((a, b) => a - b)) {
      if (day >= beforeMs) continue;
      const types = this.days.get(day)!;
      for (const type of [...types.keys()].sort()) this.writeDay(type, day, types.get(type)!);
      this.days.delete(day);
    }
  }

  /**
   * Sorted by time, an hour's rows are one contiguous run of the day's rows: the day is encoded
   * once and each hourly file is a slice of it (encoding dominates the run time otherwise).
   */
  private writeDay(type: string, day: number, rows: DayRows): void {
    const order = rows.times.map((_, i) => i).sort((a, b) => (rows.times[a] as number) - (rows.times[b] as number) || a - b);
    const lines = order.map((i) => rows.lines[i] as string);
    const times = order.map((i) => rows.times[i] as number);
    this.rowsByType.set(type, (this.rowsByType.get(type) ?? 0) + lines.length);
    const body = Buffer.from(lines.join(''), 'utf8');
    this.writeFile(type, `${utcDay(day)}.csv`, body);
    if (this.monitoring !== 'shield') return;
    const offsets = new Array<number>(lines.length + 1);
    offsets[0] = 0;
    for (let i = 0; i < lines.length; i++) offsets[i + 1] = (offsets[i] as number) + Buffer.byteLength(lines[i] as string, 'utf8');
    let first = 0;
    for (let hour = 0; hour < 24 && first < lines.length; hour++) {
      const hourEnd = day + (hour + 1) * HOUR_MS;
      let last = first;
      while (last < lines.length && (times[last] as number) < hourEnd) last++;
      if (last > first) this.writeHour(type, hourEnd - HOUR_MS, lines.slice(first, last), body.subarray(offsets[first] as number, offsets[last] as number));
      first = last;
    }
  }

  private writeHour(type: string, hourMs: number, lines: string[], bytes: Buffer): void {
    const name = `${new Date(hourMs).toISOString().slice(0, 13)}`;
    const rng = new Rng(`${this.seed}/late/${type}/${name}`);
    if (lines.length < 10 || !rng.chance(LATE_FILE_SHARE)) {
      this.writeFile(type, `${name}.csv`, bytes);
      return;
    }
    const first: string[] = [];
    const late: string[] = [];
    for (const line of lines) (rng.chance(LATE_ROW_SHARE) ? late : first).push(line);
    this.writeFile(type, `${name}.csv`, Buffer.from(first.join(''), 'utf8'));
    if (late.length > 0) this.writeFile(type, `${name}.2.csv`, Buffer.from(late.join(''), 'utf8'));
  }

  private writeFile(type: string, fileName: string, body: Uint8Array): void {
    const out = new BufferedFile(path.join(this.dir, 'eventlogs', type, fileName));
    out.write(csvHeader(columnsOf(type)));
    out.writeBytes(body);
    out.close();
    this.bytes += out.bytes;
    this.files += 1;
  }
}
