/**
 * Query results the way a real org can legitimately serve them — each fault stands for a
 * documented or observed behaviour, never for a broken ORDER BY:
 *
 * - shuffle-ties: "Even using ORDER BY, the order of results can vary if there are duplicate
 *   values for the fields that you're using in the ORDER BY clause" (SOQL reference, ORDER BY),
 *   and without ORDER BY there is no order at all. The rows are fed to the SOQL engine in a
 *   seeded order; its sort is stable, so ORDER BY still holds and only ties (and unordered
 *   queries) come out differently from one execution to the next. Timestamps are stored to the
 *   second, so busy orgs have plenty of ties on CreatedDate and LoginTime.
 * - duplicate-records: the last rows of the previous page come back at the start of the next one
 *   (totalSize unchanged) — what a client sees when tie order shifts between the batches of a
 *   result, or when a page is served again after a failure. Nothing is lost, something repeats.
 * - late-arrival: rows become visible some time after their own timestamp (LoginHistory,
 *   SetupAuditTrail and event logs are written asynchronously), so a poll for
 *   `LoginTime > last-seen` can meet a row older than ones it already read.
 */
import type { ResultRow } from '../soql/api';
import type { SimRecord } from '../schema/types';
import { dateTimeMs } from '../sf-datetime';
import type { RuleOf } from './fault-config';
import type { RuleState } from './fault-rules';
import { SeededRandom } from './seeded-random';

/** The rows in a seeded order (a copy). */
export function shuffledFeed(records: readonly SimRecord[], seed: string, ruleId: string, firing: number): SimRecord[] {
  return new SeededRandom(seed, ruleId, 'shuffle', firing).shuffle([...records]);
}

/** The first `count` rows of the page at `offset` come from before it. */
export function repeatedRange(locator: string, count: number): { from: string; size: number } | undefined {
  const m = /^(01g[a-zA-Z0-9]{15})-(\d+)$/.exec(locator);
  const offset = Number(m?.[2]);
  if (!m || !(offset > 0)) return undefined;
  const size = Math.min(count, offset);
  return { from: `${m[1]}-${offset - size}`, size };
}

/** Ids of rows, for the fault records (rows without an Id selected are shown as null). */
export function rowIds(rows: readonly ResultRow[]): (string | null)[] {
  return rows.map((r) => (typeof r['Id'] === 'string' ? r['Id'] : null));
}

export interface LateArrivalCheck {
  /** The object's own time field (LoginTime for LoginHistory, CreatedDate for most). */
  timeField: string;
  nowMs: number;
}

/** When a record becomes visible under the rule, or undefined when the rule leaves it alone. */
export function arrivalMs(state: RuleState, record: SimRecord, check: LateArrivalCheck): number | undefined {
  const rule = state.rule as RuleOf<'late-arrival'>;
  const timeMs = dateTimeMs(record[check.timeField]);
  if (timeMs === undefined || !state.inWindow(timeMs)) return undefined;
  if (rule.probability !== undefined && state.draw(record.Id, 'late') >= rule.probability) return undefined;
  return timeMs + rule.delayMs + Math.floor(state.draw(record.Id, 'jitter') * (rule.jitterMs ?? 0));
}

/** The records `rule` still holds back at `nowMs`. */
export function heldBack(state: RuleState, records: readonly SimRecord[], check: LateArrivalCheck): Set<SimRecord> {
  const held = new Set<SimRecord>();
  for (const record of records) {
    const at = arrivalMs(state, record, check);
    if (at !== undefined && at > check.nowMs) held.add(record);
  }
  return held;
}
