/**
 * `/__sim/clock`: reads and moves the simulated clock from outside the process.
 *
 * - `GET` → `{now}`
 * - `POST {"now": "2024-01-08T00:00:00Z"}` jumps to a time; `POST {"advanceMs": 3600000}` moves it
 *   forward (negative: back). The clock keeps running from there at its rate.
 */
import { parseDateTime } from '../sf-datetime';
import type { SimCore } from '../sim-core';
import { jsonParserError, methodNotAllowed } from './http-errors';
import { readJsonBody } from './request-body';
import { sendJson, type Exchange } from './send';

function applyClockChange(core: SimCore, body: { now?: unknown; advanceMs?: unknown } | undefined): void {
  if (typeof body?.advanceMs === 'number' && Number.isFinite(body.advanceMs) && body.now === undefined) {
    core.clock.advance(body.advanceMs);
    return;
  }
  const date = typeof body?.now === 'string' ? parseDateTime(body.now) : undefined;
  if (!date || body?.advanceMs !== undefined) throw jsonParserError('expected {"now": "<ISO-8601 datetime>"} or {"advanceMs": <number>}');
  core.clock.setNow(date);
}

export async function clockRoute(core: SimCore, ex: Exchange): Promise<void> {
  if (ex.req.method === 'POST') applyClockChange(core, (await readJsonBody(ex.req)) as { now?: unknown; advanceMs?: unknown } | undefined);
  else if (ex.req.method !== 'GET') throw methodNotAllowed(ex.req.method ?? '', ['GET', 'POST']);
  sendJson(ex, 200, { now: core.clock.now().toISOString() });
}
