/**
 * `GET /limits`: the org's limits keyed by name, each `{Max, Remaining}`. DailyApiRequests comes
 * from the live API usage (the rolling 24 h window of `api-usage.ts`, other apps' calls included;
 * the call to /limits counts itself); the other keys carry a Developer Edition org's values (names and
 * numbers from a real `/limits` response, see `limits-defaults.json`) so clients that read them
 * find the usual shape.
 */
import defaults from './limits-defaults.json';
import { sendJson } from '../http/send';
import { allow, type DataRequest } from './data-request';

export function limitsBody(used: number, max: number, singleEmailUsed = 0): Record<string, { Max: number; Remaining: number }> {
  const body: Record<string, { Max: number; Remaining: number }> = {};
  for (const [name, limit] of Object.entries(defaults.limits)) body[name] = { Max: limit.Max, Remaining: limit.Remaining };
  body['DailyApiRequests'] = { Max: max, Remaining: Math.max(0, max - used) };
  body['SingleEmail'] = { Max: defaults.limits.SingleEmail.Max, Remaining: Math.max(0, defaults.limits.SingleEmail.Max - singleEmailUsed) };
  return Object.fromEntries(Object.entries(body).sort(([a], [b]) => a.localeCompare(b)));
}

export function limitsRoute(r: DataRequest): void {
  allow(r, ['GET']);
  sendJson(r.ex, 200, limitsBody(r.core.usage.used, r.core.usage.max, r.core.outbox.singleEmailUsed()));
}
