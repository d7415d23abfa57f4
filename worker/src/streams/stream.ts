/**
 * A source stream (DESIGN §3.2): how to query one window of a time-ordered sObject and turn its
 * rows into Activities. The cursor logic lives once, in cursor-poll.ts.
 */
import type { Activity } from '../activity/activity';
import type { CallPriority } from '../salesforce/quota-policy';

export const STREAM_NAMES = ['logins', 'audit', 'eventlogs', 'oauth', 'files', 'users', 'realtime'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export interface TimeWindow {
  /** Inclusive lower bound, epoch ms. */
  fromMs: number;
  /** Exclusive upper bound, epoch ms. */
  untilMs: number;
}

export interface TimeCursorStream<Row> {
  name: StreamName;
  /** How far back the first poll of a newly connected org reaches. */
  backfillDays: number;
  /** Default polling interval in `run`. */
  pollIntervalMinutes: number;
  priority: CallPriority;
  /** SOQL for rows with time in [fromMs, untilMs), ordered by (time, Id). */
  query(window: TimeWindow): string;
  timeOf(row: Row): number;
  idOf(row: Row): string;
  normalize(row: Row, orgId: string): Activity | undefined;
}
