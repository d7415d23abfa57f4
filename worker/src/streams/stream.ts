/**
 * Streams (DESIGN §3.2): each is one or more sources read on a schedule. A source turns its
 * cursor (or an explicit window) into pages of Activities; the pass (pipeline/stream-pass.ts)
 * enriches, detects, writes alerts back and commits each page's cursor with its state.
 */
import type { Activity } from '../activity/activity';
import type { Logger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import type { CallPriority } from '../salesforce/quota-policy';

export const STREAM_NAMES = ['logins', 'audit', 'eventlogs', 'oauth', 'files', 'users', 'realtime'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export interface TimeWindow {
  /** Inclusive lower bound, epoch ms. */
  fromMs: number;
  /** Exclusive upper bound, epoch ms. */
  untilMs: number;
}

export interface SourcePage {
  activities: Activity[];
  /** Distinct source records read for the first time (for `eventlogs`: distinct log rows). */
  records: number;
  /** Records that could not be read (bad data): counted and dropped, never fatal. */
  skipped: number;
  /** Records already processed (overlaps, re-published files): dropped. */
  duplicates: number;
  /** The source's cursor after this page, committed once the page is dealt with. */
  cursor: unknown;
}

export interface SourceContext {
  client: OrgClient;
  log: Logger;
}

export interface StreamSource {
  /** Unique within its stream (`LoginHistory`, `ContentDistribution` …); names the stored cursor. */
  id: string;
  /** Where the next window starts for a stored cursor. */
  resumeFrom(cursor: unknown): number;
  /** Pages for the window, continuing from `cursor` when there is one. */
  pages(ctx: SourceContext, window: TimeWindow, cursor: unknown): AsyncIterable<SourcePage>;
}

export interface StreamDefinition {
  name: StreamName;
  /** Default polling interval in `run`. */
  pollIntervalMinutes: number;
  /** How far back the first poll of a newly connected org reaches. */
  backfillDays: number;
  priority: CallPriority;
  sources: readonly StreamSource[];
}

/** A time-ordered sObject read with a `(time, Id)` cursor (cursor-poll.ts). */
export interface TimeCursorQuery<Row> {
  id: string;
  priority: CallPriority;
  /** SOQL for rows with time in [fromMs, untilMs), ordered by (time, Id). */
  query(window: TimeWindow): string;
  timeOf(row: Row): number;
  idOf(row: Row): string;
  normalize(row: Row, orgId: string): Activity | undefined;
  /** queryAll: also deleted rows (ContentDocument deletions). */
  includeDeleted?: boolean;
}
