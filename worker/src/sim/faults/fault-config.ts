/**
 * The fault configuration: a seed and an ordered list of rules, each one fault plus where and
 * when it strikes. Written as org.json `faults`, a separate JSON/YAML file, the `faults` option of
 * OrgSimulator, or sent to `/__sim/faults` — always this shape (README "Faults on demand").
 *
 * ```yaml
 * seed: night-of-the-19th
 * rules:
 *   - { kind: http-error, status: 503, route: query, times: 3 }   # the next 3 queries fail
 *   - { kind: reset, afterBytes: 65536, times: 1 }                 # first LogFile download cut
 *   - { kind: delay, ms: 200, jitterMs: 800, probability: 0.1 }
 * ```
 */
import { z } from 'zod';
import { parseDateTime } from '../sf-datetime';
import { ROUTE_NAMES } from './request-routes';

const isoDateTime = z.string().refine((v) => parseDateTime(v) !== undefined, 'must be an ISO-8601 datetime such as 2024-01-08T00:00:00Z');

const validRegex = z.string().refine((v) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

const oneOrMany = <T extends z.ZodTypeAny>(item: T) => z.union([item, z.array(item).min(1)]);

/** When and where a rule strikes. Every field is optional: a bare rule hits every request. */
const targeting = {
  /** Name used in the fault records; default `<kind>#<position>`. */
  id: z.string().min(1).optional(),
  /** Which requests (see ROUTE_NAMES); default `any`. */
  route: oneOrMany(z.enum(ROUTE_NAMES)).optional(),
  method: oneOrMany(z.enum(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'])).optional(),
  /** Regular expression tested against the path and query string. */
  path: validRegex.optional(),
  /** Let the first N matching requests through untouched. */
  after: z.number().int().nonnegative().optional(),
  /** Strike at most N times, then stand down ("fail the next N calls"). */
  times: z.number().int().positive().optional(),
  /** Chance of striking each matching request, drawn from the seed (never Math.random). */
  probability: z.number().min(0).max(1).optional(),
  /** Only while the simulated clock is in [from, until). */
  window: z.object({ from: isoDateTime.optional(), until: isoDateTime.optional() }).strict().optional(),
};

/** Statuses with a built-in Salesforce-shaped body; others need `errorCode` and `message` (or `body: html`). */
export const STATUSES_WITH_DEFAULTS = [420, 429, 500, 502, 503, 504] as const;

const httpError = z
  .object({
    ...targeting,
    kind: z.literal('http-error'),
    status: z.number().int().min(400).max(599),
    /** `json`: Salesforce's error array (app server); `html`: a page from Salesforce Edge. */
    body: z.enum(['json', 'html']).optional(),
    errorCode: z.string().min(1).optional(),
    message: z.string().min(1).optional(),
    retryAfterSeconds: z.number().int().positive().optional(),
  })
  .strict()
  .refine((r) => r.status < 400 || (STATUSES_WITH_DEFAULTS as readonly number[]).includes(r.status) || r.body === 'html' || (r.errorCode !== undefined && r.message !== undefined), {
    message: `status without a built-in body (${STATUSES_WITH_DEFAULTS.join(', ')} have one): give errorCode and message, or body: html`,
    path: ['status'],
  });

const reset = z
  .object({
    ...targeting,
    kind: z.literal('reset'),
    /** Cut a LogFile download after this many (uncompressed) body bytes; absent: before any response. */
    afterBytes: z.number().int().nonnegative().optional(),
    /** `reset`: TCP RST (ECONNRESET); `close`: FIN, "other side closed". */
    how: z.enum(['reset', 'close']).optional(),
  })
  .strict();

const delay = z.object({ ...targeting, kind: z.literal('delay'), ms: z.number().int().nonnegative(), jitterMs: z.number().int().nonnegative().optional() }).strict();

const slowBody = z.object({ ...targeting, kind: z.literal('slow-body'), bytesPerSecond: z.number().int().positive() }).strict();

const expireSession = z
  .object({
    ...targeting,
    kind: z.literal('expire-session'),
    /** `caller`: the session presented by the request; `all`: every session; `user`: `username`'s. */
    scope: z.enum(['caller', 'all', 'user']).optional(),
    username: z.string().min(1).optional(),
  })
  .strict()
  .refine((r) => (r.scope === 'user') === (r.username !== undefined), { message: 'username is required with scope "user" and only allowed with it', path: ['username'] });

const exhaustQuota = z.object({ ...targeting, kind: z.literal('exhaust-quota') }).strict();

export const CSV_DEFECTS = ['missing-column', 'broken-quote', 'unclosed-quote', 'header-as-data', 'truncated-last-line'] as const;
export type CsvDefect = (typeof CSV_DEFECTS)[number];

const corruptCsv = z
  .object({
    ...targeting,
    kind: z.literal('corrupt-csv'),
    defects: z.array(z.enum(CSV_DEFECTS)).min(1).optional(),
    eventTypes: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const shuffleTies = z.object({ ...targeting, kind: z.literal('shuffle-ties'), sobjects: z.array(z.string().min(1)).min(1).optional() }).strict();

const duplicateRecords = z.object({ ...targeting, kind: z.literal('duplicate-records'), count: z.number().int().positive().optional() }).strict();

/** Not tied to requests: it changes when records become visible, so it has its own fields. */
const lateArrival = z
  .object({
    id: targeting.id,
    kind: z.literal('late-arrival'),
    sobjects: z.array(z.string().min(1)).min(1).optional(),
    delayMs: z.number().int().positive(),
    jitterMs: z.number().int().nonnegative().optional(),
    /** Chance per record, drawn from the seed and the record's Id. */
    probability: targeting.probability,
    /** Only records whose own time (LoginTime, CreatedDate…) falls in [from, until). */
    window: targeting.window,
  })
  .strict();

export const faultRuleSchema = z.discriminatedUnion('kind', [httpError, reset, delay, slowBody, expireSession, exhaustQuota, corruptCsv, shuffleTies, duplicateRecords, lateArrival]);

export const faultConfigSchema = z
  .object({
    /** Every random choice derives from it; the same seed and the same requests give the same faults. */
    seed: z.union([z.string(), z.number()]).optional(),
    rules: z.array(faultRuleSchema).optional(),
  })
  .strict();

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultConfigInput = z.input<typeof faultConfigSchema>;
export type FaultKind = FaultRuleInput['kind'];
/** A validated rule with its id filled in. */
export type FaultRule = z.output<typeof faultRuleSchema> & { id: string };
export type RuleOf<K extends FaultKind> = Extract<FaultRule, { kind: K }>;

export const DEFAULT_SEED = 'orgwarden';

export class FaultConfigError extends Error {
  constructor(
    source: string,
    readonly problems: string[],
  ) {
    super([`fault configuration ${source} has ${problems.length} problem(s):`, ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'FaultConfigError';
  }
}

/** One readable line per zod issue, e.g. `rules.0.status: …`. */
export function issueLines(error: z.ZodError, prefix: string[] = []): string[] {
  return error.issues.map((issue) => {
    const where = [...prefix, ...issue.path.map(String)].join('.') || '(top level)';
    return `${where}: ${issue.message}`;
  });
}

/** Validates a whole configuration; throws FaultConfigError listing every problem. */
export function parseFaultConfig(value: unknown, source: string): z.output<typeof faultConfigSchema> {
  const result = faultConfigSchema.safeParse(value ?? {});
  if (!result.success) throw new FaultConfigError(source, issueLines(result.error));
  return result.data;
}

/** Validates loose rules (the programmatic API); throws FaultConfigError listing every problem. */
export function parseFaultRules(values: unknown[], source: string): z.output<typeof faultRuleSchema>[] {
  return parseFaultConfig({ rules: values }, source).rules ?? [];
}
