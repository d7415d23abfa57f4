/**
 * Streams (DESIGN §3.2): each is one or more sources read on a schedule. A source turns its
 * cursor (or an explicit window) into pages of Activities; the pass (pipeline/stream-pass.ts)
 * enriches, detects, writes alerts back and commits each page's cursor with its state.
 */
import type { Activity } from '../activity/activity';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import type { CallPriority } from '../salesforce/quota-policy';
import type { StateStore } from '../state/state-store';

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
  /** The org's state (Redis in `run`): what a source shares with the org's other workers (user directory, learned labels, availability). */
  state?: StateStore;
  config?: Readonly<Config>;
  /** Tells `scan` and the status record how the source is doing ("not available", a fallback mode). */
  report?(status: SourceStatus): void;
}

/** A source's condition worth showing to an operator; `ok` notes say how it works (e.g. a learned label). */
export interface SourceStatus {
  source: string;
  state: 'ok' | 'degraded' | 'not-available';
  detail: string;
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
  /** undefined: a bad row (counted as skipped); null: a good row that is not an activity (an owner's own file link). */
  normalize(row: Row, orgId: string): Activity | null | undefined;
  /** queryAll: also deleted rows (ContentDocument deletions). */
  includeDeleted?: boolean;
}
