/**
 * Reads a time-ordered stream from a cursor, exactly once. Peers lost or doubled records here
 * for years; the rules (DESIGN §3.2):
 * - query `time >= cursor − overlap` (never `>`): rows sharing the cursor's second, or written
 *   late with an earlier timestamp, are not lost;
 * - skip rows whose Id is in the de-dup window (ids already processed within the overlap);
 * - the cursor advances only after the caller has finished with a page.
 */
import type { OrgClient } from '../salesforce/org-client';
import type { TimeCursor } from '../state/cursor-store';
import type { SourcePage, StreamSource, TimeCursorQuery, TimeWindow } from './stream';

export interface PolledPage extends SourcePage {
  cursor: TimeCursor;
}

export const DEFAULT_OVERLAP_MS = 5 * 60_000;

/** Lower bound of the next query for a cursor. */
export function windowStart(cursor: TimeCursor, overlapMs = DEFAULT_OVERLAP_MS): number {
  return cursor.timeMs - overlapMs;
}

/** A stream source over a TimeCursorQuery. */
export function timeCursorSource<Row>(query: TimeCursorQuery<Row>): StreamSource {
  return {
    id: query.id,
    resumeFrom: (cursor) => windowStart(cursor as TimeCursor),
    pages: (ctx, window, cursor) => pollByTime(query, ctx.client, window, cursor as TimeCursor | undefined),
  };
}

export async function* pollByTime<Row>(
  stream: TimeCursorQuery<Row>,
  client: OrgClient,
  window: TimeWindow,
  previous: TimeCursor | undefined,
  overlapMs = DEFAULT_OVERLAP_MS,
): AsyncGenerator<PolledPage> {
  const cursor: TimeCursor = previous ? structuredClone(previous) : { timeMs: window.fromMs, seen: {} };
  for await (const rows of client.queryPages<Row>(stream.query(window), { priority: stream.priority, all: stream.includeDeleted === true })) {
    const page: PolledPage = { activities: [], records: 0, skipped: 0, duplicates: 0, cursor };
    for (const row of rows) {
      const id = stream.idOf(row);
      if (id in cursor.seen) {
        page.duplicates += 1;
        continue;
      }
      const timeMs = stream.timeOf(row);
      page.records += 1;
      // A bad row is remembered too, so the next overlapping poll does not count it again.
      cursor.seen[id] = Number.isFinite(timeMs) ? timeMs : cursor.timeMs;
      const activity = Number.isFinite(timeMs) ? stream.normalize(row, client.orgId) : undefined;
      if (activity === null) {
        if (timeMs > cursor.timeMs) cursor.timeMs = timeMs;
        continue;
      }
      if (!activity) {
        page.skipped += 1;
        continue;
      }
      page.activities.push(activity);
      if (timeMs > cursor.timeMs) cursor.timeMs = timeMs;
    }
    pruneSeen(cursor, overlapMs);
    yield { ...page, cursor: structuredClone(cursor) };
  }
}

function pruneSeen(cursor: TimeCursor, overlapMs: number): void {
  const oldest = cursor.timeMs - overlapMs;
  for (const [id, timeMs] of Object.entries(cursor.seen)) if (timeMs < oldest) delete cursor.seen[id];
}
