/**
 * The EventLogFile source: one pass lists the files created since the cursor (CreatedDate `>=`
 * the cursor minus an overlap, de-duplicated by file key — DESIGN §3.2), decides hourly vs
 * daily (interval-rule.ts), and reads each file to be read as pages (file-pages.ts), late
 * Sequences de-duplicated row by row (sequence-keys.ts). Every page carries the whole cursor, so
 * the pass commits it with the page's detection state: a crash resumes after the last commit.
 *
 * Order within a pass: the file interrupted last time, then held daily files now due, then the
 * new files in CreatedDate order. `createdMs` only moves over files already decided.
 */
import type { Logger } from '../../logger';
import type { SourceContext, SourcePage, StreamSource, TimeWindow } from '../stream';
import { DEFAULT_RETRY, type RetryOptions } from './download-retry';
import { tuneHeapForPages } from './heap-tuning';
import { readFilePages, type FileReadContext } from './file-pages';
import { decide, noteHourlyFiles } from './interval-rule';
import { asCursor, fileKey, newCursor, type ElfCursor, type LogFileRef } from './log-file-ref';
import { orgLogFileStore, type LogFileStore } from './log-file-store';
import { earlierRowKeys } from './sequence-keys';

const DAY_MS = 86_400_000;

export interface EventLogSourceOptions {
  /** Where files come from (default: the org, through OrgClient, priority `eventlogs`). */
  store?(ctx: SourceContext): LogFileStore;
  /** Units per page (and per commit); default: config `eventLogs.pageRows`. */
  pageRows?: number;
  /** How far before the cursor the next listing starts (files becoming visible late). */
  overlapMs?: number;
  retry?: RetryOptions;
}

export const DEFAULT_PAGE_ROWS = 20_000;
/** A margin for files that become visible to queries a little after their CreatedDate. */
export const DEFAULT_OVERLAP_MS = 60 * 60_000;

interface PassTotals {
  filesRead: number;
  filesSkipped: number;
  filesHeld: number;
  records: number;
  skipped: number;
  duplicates: number;
}

class EventLogPass {
  readonly totals: PassTotals = { filesRead: 0, filesSkipped: 0, filesHeld: 0, records: 0, skipped: 0, duplicates: 0 };
  private dirty = false;

  constructor(
    readonly cursor: ElfCursor,
    private readonly store: LogFileStore,
    private readonly read: FileReadContext,
    private readonly overlapMs: number,
    private readonly log: Logger,
  ) {}

  /** A file is decided: remembered in the de-dup window, the cursor moves over it. */
  private done(file: LogFileRef): void {
    const key = fileKey(file);
    const c = this.cursor;
    c.seen[key] = file.createdMs;
    c.held = c.held.filter((held) => fileKey(held) !== key);
    if (file.createdMs > c.createdMs) c.createdMs = file.createdMs;
    for (const [k, createdMs] of Object.entries(c.seen)) if (createdMs < c.createdMs - this.overlapMs) delete c.seen[k];
  }

  page(fields: Omit<SourcePage, 'cursor'>): SourcePage {
    this.dirty = false;
    return { ...fields, cursor: structuredClone(this.cursor) };
  }

  /** A bookkeeping page when decisions were made since the last one (skips, holds, coverage). */
  *flush(): Generator<SourcePage> {
    if (this.dirty) yield this.page({ activities: [], records: 0, skipped: 0, duplicates: 0 });
  }

  async *readFile(file: LogFileRef, startUnits: number): AsyncGenerator<SourcePage> {
    this.totals.filesRead += 1;
    const keys = await earlierRowKeys(file, { store: this.store, retry: this.read.retry, log: this.log });
    for await (const filePage of readFilePages(file, startUnits, keys, this.read)) {
      if (filePage.done) {
        delete this.cursor.partial;
        this.done(file);
      } else {
        this.cursor.partial = { file, unitsDone: filePage.unitsDone };
      }
      if (Object.keys(filePage.damage).length > 0) this.log.warn({ file: fileKey(file), damage: filePage.damage }, 'damaged log file rows skipped');
      this.totals.records += filePage.records;
      this.totals.skipped += filePage.skipped;
      this.totals.duplicates += filePage.duplicates;
      yield this.page({ activities: filePage.activities, records: filePage.records, skipped: filePage.skipped, duplicates: filePage.duplicates });
    }
  }

  /** Reads, skips or holds one file by the interval rule. */
  async *consider(file: LogFileRef, nowMs: number): AsyncGenerator<SourcePage> {
    const decision = decide(file, this.cursor, nowMs);
    if (decision === 'read') {
      yield* this.readFile(file, 0);
      return;
    }
    this.dirty = true;
    if (decision === 'skip') {
      this.totals.filesSkipped += 1;
      this.done(file);
      return;
    }
    this.totals.filesHeld += 1;
    if (!this.cursor.held.some((held) => fileKey(held) === fileKey(file))) this.cursor.held.push(file);
    if (file.createdMs > this.cursor.createdMs) this.cursor.createdMs = file.createdMs;
  }

  async *run(fresh: boolean, window: TimeWindow): AsyncGenerator<SourcePage> {
    const c = this.cursor;
    if (c.partial) yield* this.readFile(c.partial.file, c.partial.unitsDone);
    const listed = await this.store.list({
      createdFromMs: fresh ? window.fromMs : c.createdMs - this.overlapMs,
      // A daily file's LogDate is its day's start: a day before the floor can still hold later rows.
      logFromMs: c.floorMs - DAY_MS,
      logUntilMs: window.untilMs,
    });
    noteHourlyFiles(c, listed, window.untilMs);
    this.dirty = true;
    for (const file of [...c.held]) {
      if (decide(file, c, window.untilMs) !== 'hold') yield* this.consider(file, window.untilMs);
    }
    for (const file of listed) {
      const key = fileKey(file);
      if (key in c.seen || c.held.some((held) => fileKey(held) === key)) continue;
      yield* this.consider(file, window.untilMs);
    }
    yield* this.flush();
  }
}

export function eventLogSource(options: EventLogSourceOptions = {}): StreamSource {
  tuneHeapForPages();
  const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
  return {
    id: 'EventLogFile',
    resumeFrom: (stored) => {
      const cursor = asCursor(stored);
      return cursor ? cursor.createdMs - overlapMs : 0;
    },
    async *pages(ctx, window, stored) {
      const previous = asCursor(stored);
      const cursor = previous ? structuredClone(previous) : newCursor(window.fromMs);
      const store = options.store ? options.store(ctx) : orgLogFileStore(ctx.client, 'eventlogs');
      const read: FileReadContext = {
        store,
        orgId: ctx.client.orgId,
        floorMs: cursor.floorMs,
        untilMs: window.untilMs,
        pageRows: options.pageRows ?? ctx.config?.eventLogs.pageRows ?? DEFAULT_PAGE_ROWS,
        retry: options.retry ?? DEFAULT_RETRY,
        log: ctx.log,
      };
      const pass = new EventLogPass(cursor, store, read, overlapMs, ctx.log);
      yield* pass.run(previous === undefined, window);
      ctx.log.info({ stream: 'eventlogs', ...pass.totals, hourly: cursor.hourly, held: cursor.held.length }, 'event log files read');
      ctx.report?.({
        source: 'EventLogFile',
        state: 'ok',
        detail: cursor.hourly ? 'hourly files (Event Monitoring); daily files only for days without hourly files' : 'daily files (no hourly files in this org)',
      });
    },
  };
}
