/**
 * `/__sim/faults`: faults for out-of-process tests and the demo (no token, not counted).
 *
 * - `GET` → `{seed, rules: [... with matched, fired], records: [...]}`
 * - `PUT` `{"seed"?, "rules"?: [...]}` — replaces the configuration (counters and records restart)
 * - `POST` `{"rules"?: [...], "expireSessions"?: {"username"?}, "exhaustQuota"?: true}` — adds
 *   rules and/or acts now; the answer adds `{added, expired, quotaCalls}`
 * - `DELETE` — removes every rule and record
 *
 * Problems are 400 JSON_PARSER_ERROR listing every one.
 */
import { z } from 'zod';
import { jsonParserError, methodNotAllowed } from '../http/http-errors';
import { readJsonBody } from '../http/request-body';
import { sendJson, type Exchange } from '../http/send';
import { FaultConfigError, issueLines } from './fault-config';
import type { FaultEngine } from './fault-engine';

const SOURCE = '/__sim/faults';

const postSchema = z
  .object({
    rules: z.array(z.unknown()).optional(),
    expireSessions: z.object({ username: z.string().min(1).optional() }).strict().optional(),
    exhaustQuota: z.boolean().optional(),
  })
  .strict();

function state(engine: FaultEngine): Record<string, unknown> {
  return { seed: engine.seed, rules: engine.rules, records: engine.records };
}

function post(engine: FaultEngine, body: unknown): Record<string, unknown> {
  const parsed = postSchema.safeParse(body ?? {});
  if (!parsed.success) throw new FaultConfigError(SOURCE, issueLines(parsed.error));
  const { rules, expireSessions, exhaustQuota } = parsed.data;
  const result: Record<string, unknown> = {};
  if (rules) result['added'] = engine.add(rules, SOURCE).map((r) => r.id);
  if (expireSessions) result['expired'] = engine.expireSessions(expireSessions);
  if (exhaustQuota) result['quotaCalls'] = engine.exhaustQuota();
  return result;
}

async function handle(engine: FaultEngine, ex: Exchange): Promise<Record<string, unknown>> {
  switch (ex.req.method) {
    case 'GET':
      return {};
    case 'PUT':
      engine.configure(((await readJsonBody(ex.req)) ?? {}) as object, SOURCE);
      return {};
    case 'POST':
      return post(engine, await readJsonBody(ex.req));
    case 'DELETE':
      engine.clear();
      return {};
    default:
      throw methodNotAllowed(ex.req.method ?? '', ['GET', 'PUT', 'POST', 'DELETE']);
  }
}

export async function faultsAdminRoute(engine: FaultEngine, ex: Exchange): Promise<void> {
  let result: Record<string, unknown>;
  try {
    result = await handle(engine, ex);
  } catch (err) {
    if (err instanceof FaultConfigError) throw jsonParserError(err.message);
    throw err;
  }
  sendJson(ex, 200, { ...state(engine), ...result });
}
