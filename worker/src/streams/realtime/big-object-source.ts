/**
 * A Real-Time Event Monitoring big object (LoginEvent, ApiEvent …) read by EventDate. Big objects
 * filter and sort only along their index (`EventDate`, descending), so a `(time, Id)` cursor does
 * not apply: the window is read in slices of at most an hour, each slice whole before its page is
 * handed on (the rows of a slice come newest first), and the cursor is the end of the last slice
 * read plus the EventIdentifiers seen in the overlap. Rows are stored seconds after their
 * EventDate, so the next poll starts 5 minutes back and drops identifiers already seen.
 */
import type { Activity } from '../../activity/activity';
import type { RealtimeRow } from '../../activity/from-realtime-event';
import { collectRows } from '../../salesforce/collect-rows';
import { raw, soql } from '../../salesforce/soql';
import type { TimeCursor } from '../../state/cursor-store';
import { DEFAULT_OVERLAP_MS, windowStart } from '../cursor-poll';
import type { SourceContext, SourcePage, StreamSource } from '../stream';

const SLICE_MS = 3_600_000;

export interface BigObjectSpec {
  object: string;
  fields: readonly string[];
  /** Builds the normalizer for one poll (it may need what the poll learned first). */
  normalizer(ctx: SourceContext): Promise<(row: RealtimeRow, orgId: string) => Activity | undefined>;
}

export function bigObjectSource(spec: BigObjectSpec): StreamSource {
  return {
    id: spec.object,
    resumeFrom: (cursor) => windowStart(cursor as TimeCursor),
    async *pages(ctx, window, previous) {
      const normalize = await spec.normalizer(ctx);
      const cursor: TimeCursor = previous ? structuredClone(previous as TimeCursor) : { timeMs: window.fromMs, seen: {} };
      for (let from = window.fromMs; from < window.untilMs; from += SLICE_MS) {
        const until = Math.min(window.untilMs, from + SLICE_MS);
        // EventDate is the index: a range on it and its own (descending) order are all a big object allows.
        const query = soql`SELECT ${raw(spec.fields.join(', '))} FROM ${raw(spec.object)} WHERE EventDate >= ${new Date(from)} AND EventDate < ${new Date(until)} ORDER BY EventDate DESC`;
        const rows = await collectRows<RealtimeRow>(ctx.client, query, { priority: 'ingest' });
        yield slicePage(rows, cursor, until, (row) => normalize(row, ctx.client.orgId));
      }
    },
  };
}

function slicePage(rows: RealtimeRow[], cursor: TimeCursor, untilMs: number, normalize: (row: RealtimeRow) => Activity | undefined): SourcePage {
  const page: SourcePage = { activities: [], records: 0, skipped: 0, duplicates: 0, cursor };
  for (const row of [...rows].reverse()) {
    const id = typeof row.EventIdentifier === 'string' ? row.EventIdentifier : undefined;
    if (id && id in cursor.seen) {
      page.duplicates += 1;
      continue;
    }
    page.records += 1;
    const activity = normalize(row);
    if (!activity || !id) {
      page.skipped += 1;
      continue;
    }
    cursor.seen[id] = activity.timeMs;
    page.activities.push(activity);
  }
  cursor.timeMs = Math.max(cursor.timeMs, untilMs);
  for (const [id, timeMs] of Object.entries(cursor.seen)) if (timeMs < cursor.timeMs - DEFAULT_OVERLAP_MS) delete cursor.seen[id];
  return { ...page, cursor: structuredClone(cursor) };
}
