/**
 * `/__sim/api-usage`: reads and steers the org's rolling 24 h API usage from outside the process.
 *
 * - `GET` → `{used, max, otherAppsCallsPerHour}`
 * - `POST {"used"?: N, "max"?: M, "otherAppsCallsPerHour"?: R, "burst"?: K}` (at least one key):
 *   `used` replaces the window by N calls made now, `max` changes the allocation,
 *   `otherAppsCallsPerHour` sets the steady rate of the org's other apps from now on, `burst` makes
 *   K calls by other apps now (as many as the allocation lets through: `burstAccepted`).
 */
import type { SimCore } from '../sim-core';
import { jsonParserError, methodNotAllowed } from './http-errors';
import { readJsonBody } from './request-body';
import { sendJson, type Exchange } from './send';

interface UsageChange {
  used?: number;
  max?: number;
  otherAppsCallsPerHour?: number;
  burst?: number;
}

const USAGE_HELP = 'expected {"used"?: <integer >= 0>, "max"?: <integer > 0>, "otherAppsCallsPerHour"?: <number >= 0>, "burst"?: <integer >= 0>} with at least one key';

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function parseChange(body: unknown): UsageChange {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { used, max, otherAppsCallsPerHour: rate, burst } = b;
  const ok =
    (used === undefined || isCount(used, 0)) &&
    (max === undefined || isCount(max, 1)) &&
    (rate === undefined || (typeof rate === 'number' && Number.isFinite(rate) && rate >= 0)) &&
    (burst === undefined || isCount(burst, 0)) &&
    [used, max, rate, burst].some((v) => v !== undefined);
  if (!ok) throw jsonParserError(USAGE_HELP);
  return b as UsageChange;
}

function apply(core: SimCore, change: UsageChange): number | undefined {
  if (change.used !== undefined) core.usage.set(change.used, change.max);
  else if (change.max !== undefined) core.usage.setMax(change.max);
  if (change.otherAppsCallsPerHour !== undefined) core.usage.setOtherAppsRate(change.otherAppsCallsPerHour);
  return change.burst === undefined ? undefined : core.usage.burst(change.burst);
}

export async function apiUsageRoute(core: SimCore, ex: Exchange): Promise<void> {
  let burstAccepted: number | undefined;
  if (ex.req.method === 'POST') burstAccepted = apply(core, parseChange(await readJsonBody(ex.req)));
  else if (ex.req.method !== 'GET') throw methodNotAllowed(ex.req.method ?? '', ['GET', 'POST']);
  // `{used, max}` is the original contract; the other keys only appear when they say something.
  const rate = core.usage.otherAppsCallsPerHour;
  sendJson(ex, 200, { used: core.usage.used, max: core.usage.max, ...(rate ? { otherAppsCallsPerHour: rate } : {}), ...(burstAccepted === undefined ? {} : { burstAccepted }) });
}
