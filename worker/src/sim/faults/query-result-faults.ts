/**
 * The query phase: rows held back by `late-arrival` and fed in a seeded order by `shuffle-ties`
 * before the SOQL engine sees them, and rows repeated by `duplicate-records` on next pages.
 * See query-faults.ts for the real behaviour each one stands for.
 */
import type { IncomingMessage } from 'node:http';
import type { Page } from '../api/query-cursors';
import type { SimRecord } from '../schema/types';
import type { FaultEngine, TrackedRequest } from './fault-engine';
import type { RuleOf } from './fault-config';
import { heldBack, repeatedRange, rowIds, shuffledFeed } from './query-faults';

const MAX_IDS_RECORDED = 20;
const DEFAULT_LATE_OBJECTS = ['LoginHistory'];

const sameName = (names: readonly string[], sobject: string) => names.some((n) => n.toLowerCase() === sobject.toLowerCase());

function withoutLateRows(engine: FaultEngine, req: TrackedRequest, sobject: string, records: SimRecord[]): SimRecord[] {
  const timeField = engine.deps.timeFieldOf(sobject);
  let visible = records;
  for (const state of engine.statesIn('records')) {
    const rule = state.rule as RuleOf<'late-arrival'>;
    if (!timeField || !sameName(rule.sobjects ?? DEFAULT_LATE_OBJECTS, sobject)) continue;
    const held = heldBack(state, visible, { timeField, nowMs: engine.deps.clock.nowMs() });
    const first = !req.decided.has(`${rule.id}\u0000${sobject}`);
    req.decided.set(`${rule.id}\u0000${sobject}`, held.size > 0);
    if (first) state.tally(held.size > 0);
    if (held.size === 0) continue;
    const ids = [...held].map((r) => r.Id);
    if (first) engine.note(req, state, { sobject, held: ids.length, ids: ids.slice(0, MAX_IDS_RECORDED) });
    visible = visible.filter((r) => !held.has(r));
  }
  return visible;
}

/** The rows of `sobject` a query of this request may see, in the order the engine gets them. */
export function queryRecordsWithFaults(engine: FaultEngine, message: IncomingMessage, sobject: string, records: SimRecord[]): SimRecord[] {
  const req = engine.requestOf(message);
  if (!req) return records;
  let feed = withoutLateRows(engine, req, sobject, records);
  for (const state of engine.statesIn('query')) {
    const rule = state.rule as RuleOf<'shuffle-ties'>;
    if (rule.sobjects && !sameName(rule.sobjects, sobject)) continue;
    const { strikes, first } = engine.decideOnce(req, state, sobject);
    if (!strikes) continue;
    if (first) engine.note(req, state, { sobject, rows: feed.length });
    feed = shuffledFeed(feed, engine.seed, rule.id, state.fired);
  }
  return feed;
}

/** A next page, with rows of the previous one repeated at its start when a rule strikes. */
export function queryMorePageWithFaults(engine: FaultEngine, message: IncomingMessage, locator: string, page: Page, read: (locator: string, size: number) => Page): Page {
  const req = engine.requestOf(message);
  if (!req) return page;
  const nowMs = engine.deps.clock.nowMs();
  for (const state of engine.statesIn('query-more')) {
    const range = repeatedRange(locator, (state.rule as RuleOf<'duplicate-records'>).count ?? 1);
    if (!range || !state.strikes(req, nowMs)) continue;
    const repeated = read(range.from, range.size).rows;
    engine.note(req, state, { repeated: rowIds(repeated) });
    return { ...page, rows: [...repeated, ...page.rows] };
  }
  return page;
}
