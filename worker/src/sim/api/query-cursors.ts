/**
 * Server-side query cursors. A query's rows are kept (a snapshot, as Salesforce's cursor is) and
 * handed out page by page through locators `<01g… cursor id>-<offset>`; the locator holds no `/`
 * because jsforce keeps only the last path segment of `nextRecordsUrl`. Cursors expire after
 * 15 minutes idle, and a user holds at most 10 (opening another drops their oldest), as in
 * Salesforce; a dead locator is 400 INVALID_QUERY_LOCATOR.
 */
import type { SimClock } from '../clock';
import { IdSequence } from '../ids';
import type { ResultRow } from '../soql/api';
import { SfHttpError } from '../http/http-errors';

export const CURSOR_IDLE_MS = 15 * 60_000;
export const MAX_CURSORS_PER_USER = 10;

interface Cursor {
  id: string;
  userId: string;
  rows: ResultRow[];
  lastUsedMs: number;
}

export interface Page {
  rows: ResultRow[];
  totalSize: number;
  /** Locator of the next page, absent on the last one. */
  nextLocator?: string;
}

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  private readonly ids = new IdSequence();

  constructor(private readonly clock: SimClock) {}

  private expire(nowMs: number): void {
    for (const [id, c] of this.cursors) if (nowMs - c.lastUsedMs > CURSOR_IDLE_MS) this.cursors.delete(id);
  }

  private open(userId: string, rows: ResultRow[], nowMs: number): Cursor {
    const mine = [...this.cursors.values()].filter((c) => c.userId === userId).sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_CURSORS_PER_USER + 1))) this.cursors.delete(old.id);
    const cursor: Cursor = { id: this.ids.next('01g'), userId, rows, lastUsedMs: nowMs };
    this.cursors.set(cursor.id, cursor);
    return cursor;
  }

  /** The first page of a fresh result; opens a cursor only when more pages follow. */
  first(userId: string, rows: ResultRow[], batchSize: number): Page {
    const nowMs = this.clock.nowMs();
    this.expire(nowMs);
    if (rows.length <= batchSize) return { rows, totalSize: rows.length };
    const cursor = this.open(userId, rows, nowMs);
    return { rows: rows.slice(0, batchSize), totalSize: rows.length, nextLocator: `${cursor.id}-${batchSize}` };
  }

  /** The page a locator points at. */
  next(userId: string, locator: string, batchSize: number): Page {
    const nowMs = this.clock.nowMs();
    this.expire(nowMs);
    const m = /^(01g[a-zA-Z0-9]{15})-(\d+)$/.exec(locator);
    const cursor = m ? this.cursors.get(m[1] as string) : undefined;
    const offset = Number(m?.[2]);
    if (!cursor || cursor.userId !== userId || offset > cursor.rows.length) {
      throw new SfHttpError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    cursor.lastUsedMs = nowMs;
    const end = offset + batchSize;
    const rows = cursor.rows.slice(offset, end);
    // The cursor outlives its last page until it idles out, so a retried GET still works.
    if (end >= cursor.rows.length) return { rows, totalSize: cursor.rows.length };
    return { rows, totalSize: cursor.rows.length, nextLocator: `${cursor.id}-${end}` };
  }
}
