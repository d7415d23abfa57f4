/**
 * Simulator controls for out-of-process tests and the demo, under `/__sim/` — outside `/services`
 * so no Salesforce client ever calls them by accident. They need no token and do not count as
 * API calls (the server only listens on 127.0.0.1).
 *
 * - `GET /__sim/api-usage` → `{used, max}`; `POST /__sim/api-usage` `{"used": N, "max"?: M}`
 * - `GET /__sim/clock` → `{now}`; `POST /__sim/clock` `{"now": "2024-01-08T00:00:00Z"}`
 */
import { parseDateTime } from '../sf-datetime';
import type { SimCore } from '../sim-core';
import { jsonParserError, methodNotAllowed, notFound } from './http-errors';
import { readJsonBody } from './request-body';
import { sendJson, type Exchange } from './send';

async function apiUsageRoute(core: SimCore, ex: Exchange): Promise<void> {
  if (ex.req.method === 'POST') {
    const body = (await readJsonBody(ex.req)) as { used?: unknown; max?: unknown } | undefined;
    const used = body?.used;
    const max = body?.max ?? core.usage.max;
    if (typeof used !== 'number' || typeof max !== 'number' || !Number.isInteger(used) || used < 0 || !Number.isInteger(max) || max <= 0) {
      throw jsonParserError('expected {"used": <integer >= 0>, "max"?: <integer > 0>}');
    }
    core.usage.set(used, max);
  } else if (ex.req.method !== 'GET') throw methodNotAllowed(ex.req.method ?? '', ['GET', 'POST']);
  sendJson(ex, 200, { used: core.usage.used, max: core.usage.max });
}

async function clockRoute(core: SimCore, ex: Exchange): Promise<void> {
  if (ex.req.method === 'POST') {
    const body = (await readJsonBody(ex.req)) as { now?: unknown } | undefined;
    const date = typeof body?.now === 'string' ? parseDateTime(body.now) : undefined;
    if (!date) throw jsonParserError('expected {"now": "<ISO-8601 datetime>"}');
    core.clock.setNow(date);
  } else if (ex.req.method !== 'GET') throw methodNotAllowed(ex.req.method ?? '', ['GET', 'POST']);
  sendJson(ex, 200, { now: core.clock.now().toISOString() });
}

export async function adminRoute(core: SimCore, ex: Exchange, name: string): Promise<void> {
  if (name === 'api-usage') return apiUsageRoute(core, ex);
  if (name === 'clock') return clockRoute(core, ex);
  throw notFound();
}
