/**
 * Reads one log file into pages of Activities: download (streamed) → parse → window → de-dup →
 * normalize. A page closes every `pageRows` units (rows and damaged regions) at a chunk
 * boundary; the caller commits it with `unitsDone` in the cursor, so a worker killed mid-file
 * downloads the file again and skips the units already committed — each row once.
 * A download cut mid-way is retried the same way, from the last page handed out.
 */
import type { Activity } from '../../activity/activity';
import { byTime } from '../../activity/activity';
import { normalizerFor } from '../../activity/elf/elf-normalizers';
import type { RowNormalizer } from '../../activity/elf/elf-row';
import type { Logger } from '../../logger';
import type { CsvRow } from './csv/csv-row';
import { ElfCsvParser, type CsvHandlers, type Damage } from './csv/elf-csv-parser';
import { beforeRetry, isGone, type RetryOptions } from './download-retry';
import { fileKey, type LogFileRef } from './log-file-ref';
import type { LogFileStore } from './log-file-store';
import { rowKey } from './sequence-keys';

export interface FileReadContext {
  store: LogFileStore;
  orgId: string;
  /** Rows outside [floorMs, untilMs) belong to another window: neither read nor counted. */
  floorMs: number;
  untilMs: number;
  pageRows: number;
  retry: RetryOptions;
  log: Logger;
}

export interface FilePage {
  activities: Activity[];
  /** Distinct rows read (well-formed, in the window, not seen in an earlier Sequence). */
  records: number;
  /** Damaged regions and rows without a readable time. */
  skipped: number;
  /** Rows an earlier Sequence of the hour already carried. */
  duplicates: number;
  /** Units of the file done once this page is committed. */
  unitsDone: number;
  done: boolean;
  damage: Partial<Record<Damage, number>>;
}

/** Receives the parser's rows for one download of a file; units below `skipUnits` were committed before. */
class FileRowSink implements CsvHandlers {
  private normalize: RowNormalizer | undefined;
  private timeCols: [number, number] = [-1, -1];
  private requestCol = -1;
  activities: Activity[] = [];
  records = 0;
  skipped = 0;
  duplicates = 0;
  /** Units handled into the current page. */
  units = 0;
  damage: Partial<Record<Damage, number>> = {};

  constructor(
    private readonly file: LogFileRef,
    private readonly skipUnits: number,
    private readonly keys: ReadonlySet<string> | undefined,
    private readonly ctx: FileReadContext,
  ) {}

  onHeader(columns: readonly string[]): void {
    const index = new Map(columns.map((name, i) => [name, i] as const));
    const col = (name: string) => index.get(name) ?? -1;
    this.timeCols = [col('TIMESTAMP_DERIVED'), col('TIMESTAMP')];
    this.requestCol = col('REQUEST_ID');
    this.normalize = normalizerFor(this.file.eventType)?.bind(col, this.ctx.orgId);
  }

  onRow(row: CsvRow, unit: number): void {
    if (unit < this.skipUnits) return;
    this.units += 1;
    const timeMs = row.timeMs(this.timeCols[0], this.timeCols[1]);
    if (!Number.isFinite(timeMs)) {
      this.skipped += 1;
      return;
    }
    if (timeMs < this.ctx.floorMs || timeMs >= this.ctx.untilMs) return;
    if (this.keys && this.keys.has(rowKey(row, this.requestCol))) {
      this.duplicates += 1;
      return;
    }
    // Types without a normalizer are log rows too: read and counted, no activity.
    const activity = this.normalize ? this.normalize(row, timeMs) : null;
    if (activity === undefined) {
      this.skipped += 1;
      return;
    }
    this.records += 1;
    if (activity) this.activities.push(activity);
  }

  onDamage(kind: Damage, unit: number): void {
    if (unit < this.skipUnits) return;
    this.units += 1;
    this.skipped += 1;
    this.damage[kind] = (this.damage[kind] ?? 0) + 1;
  }

  /** Hands out the page so far and starts the next one. */
  take(unitsDone: number, done: boolean): FilePage {
    const page: FilePage = { activities: this.activities.sort(byTime), records: this.records, skipped: this.skipped, duplicates: this.duplicates, unitsDone, done, damage: this.damage };
    this.activities = [];
    this.records = this.skipped = this.duplicates = this.units = 0;
    this.damage = {};
    return page;
  }
}

/**
 * The body's chunks, asking for the next one before the current one is parsed: the download (or
 * disk read) and its decompression go on while the parser works instead of after it.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      yield result.value;
    }
  } finally {
    // Stopped early (an error, the pass ended): let the body release its connection.
    next.catch(() => undefined);
    await iterator.return?.();
  }
}

export async function* readFilePages(file: LogFileRef, startUnits: number, keys: ReadonlySet<string> | undefined, ctx: FileReadContext): AsyncGenerator<FilePage> {
  let unitsDone = startUnits;
  for (let attempt = 1; ; attempt++) {
    const sink = new FileRowSink(file, unitsDone, keys, ctx);
    const parser = new ElfCsvParser(sink);
    try {
      for await (const chunk of readAhead(await ctx.store.open(file))) {
        parser.push(chunk);
        if (sink.units >= ctx.pageRows) {
          unitsDone = parser.unitCount;
          yield sink.take(unitsDone, false);
        }
      }
      parser.end();
      yield sink.take(Math.max(parser.unitCount, unitsDone), true);
      return;
    } catch (err) {
      if (isGone(err)) {
        // Purged between the listing and the download (retention): what is gone is gone.
        ctx.log.warn({ file: fileKey(file), unitsDone }, 'log file no longer exists (purged): skipped');
        yield { ...sink.take(unitsDone, true), activities: [], records: 0, skipped: 0, duplicates: 0 };
        return;
      }
      await beforeRetry(err, attempt, ctx.retry, ctx.log, { file: fileKey(file), unitsDone });
    }
  }
}
