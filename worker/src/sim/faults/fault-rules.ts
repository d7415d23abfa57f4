/**
 * The configured rules and their counters. A rule strikes a request when the request matches its
 * route / method / path / time window, the first `after` matches have gone by, it has struck fewer
 * than `times` times, and the seeded draw for this match falls under `probability`.
 *
 * Each kind acts at one point of a request (its phase): before routing (errors, resets, delays,
 * session and quota faults), while a LogFile body is sent, while a query is answered, or when
 * records become visible. A rule is only counted where its phase runs, so a 503 that ends a
 * request early does not use up a LogFile rule's `times`.
 */
import type { z } from 'zod';
import { parseDateTime } from '../sf-datetime';
import { FaultConfigError, type FaultRule, type faultRuleSchema } from './fault-config';
import type { RouteName } from './request-routes';
import { unitDraw } from './seeded-random';

export type Phase = 'request' | 'log-file' | 'query' | 'query-more' | 'records';

/** One request as the rules see it. */
export interface RequestContext {
  seq: number;
  method: string;
  path: string;
  tags: readonly RouteName[];
}

// The tags a request of each phase carries; a rule aimed elsewhere could never strike.
const PHASE_TAGS: Partial<Record<Phase, readonly RouteName[]>> = {
  'log-file': ['any', 'data', 'sobjects', 'log-file'],
  query: ['any', 'data', 'query', 'query-all'],
  'query-more': ['any', 'data', 'query-more'],
};

export function phaseOf(rule: FaultRule): Phase {
  switch (rule.kind) {
    case 'corrupt-csv':
    case 'slow-body':
      return 'log-file';
    case 'reset':
      return rule.afterBytes === undefined ? 'request' : 'log-file';
    case 'shuffle-ties':
      return 'query';
    case 'duplicate-records':
      return 'query-more';
    case 'late-arrival':
      return 'records';
    default:
      return 'request';
  }
}

const asList = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

export class RuleState {
  /** Matching requests seen (in this rule's phase). */
  matched = 0;
  fired = 0;
  readonly phase: Phase;
  private readonly routes: Set<string> | undefined;
  private readonly methods: Set<string> | undefined;
  private readonly pathPattern: RegExp | undefined;
  private readonly fromMs: number | undefined;
  private readonly untilMs: number | undefined;

  constructor(
    readonly rule: FaultRule,
    private readonly seed: string,
  ) {
    this.phase = phaseOf(rule);
    const r = rule as Partial<{ route: string | string[]; method: string | string[]; path: string }>;
    this.routes = asList(r.route) && new Set(asList(r.route));
    this.methods = asList(r.method) && new Set(asList(r.method));
    this.pathPattern = r.path === undefined ? undefined : new RegExp(r.path);
    this.fromMs = rule.window?.from ? parseDateTime(rule.window.from)?.getTime() : undefined;
    this.untilMs = rule.window?.until ? parseDateTime(rule.window.until)?.getTime() : undefined;
  }

  /** True when `atMs` (simulated) lies in the rule's window. */
  inWindow(atMs: number): boolean {
    return (this.fromMs === undefined || atMs >= this.fromMs) && (this.untilMs === undefined || atMs < this.untilMs);
  }

  private matches(req: RequestContext, nowMs: number): boolean {
    if (this.routes && !req.tags.some((t) => this.routes?.has(t))) return false;
    if (this.methods && !this.methods.has(req.method)) return false;
    if (this.pathPattern && !this.pathPattern.test(req.path)) return false;
    return this.inWindow(nowMs);
  }

  /**
   * Counts a matching request and decides whether the fault strikes it. `drawKey` names what the
   * probability is drawn for; default the n-th match, so the sequence is fixed by the seed.
   */
  strikes(req: RequestContext, nowMs: number, drawKey?: string): boolean {
    if (!this.matches(req, nowMs)) return false;
    this.matched += 1;
    const { after, times, probability } = this.rule as { after?: number; times?: number; probability?: number };
    if (this.matched <= (after ?? 0)) return false;
    if (times !== undefined && this.fired >= times) return false;
    if (probability !== undefined && unitDraw(this.seed, this.rule.id, drawKey ?? `match-${this.matched}`) >= probability) return false;
    this.fired += 1;
    return true;
  }

  /** Counts a use decided elsewhere (late-arrival acts on records, not on requests). */
  tally(fired: boolean): void {
    this.matched += 1;
    if (fired) this.fired += 1;
  }

  /** A draw fixed by the seed, this rule and `key` (per-record and per-file decisions). */
  draw(...key: (string | number)[]): number {
    return unitDraw(this.seed, this.rule.id, ...key);
  }
}

function routeProblem(rule: FaultRule, phase: Phase): string | undefined {
  const phaseTags = PHASE_TAGS[phase];
  const routes = asList((rule as { route?: string | string[] }).route);
  if (!phaseTags || !routes || routes.some((r) => (phaseTags as readonly string[]).includes(r))) return undefined;
  return `route ${routes.join(', ')} can never apply: ${rule.kind}${rule.kind === 'reset' ? ' with afterBytes' : ''} acts on ${phaseTags.at(-1)} requests`;
}

/** Gives each rule its id (`<kind>#<position>` unless named) and checks ids and routes. */
export function namedRules(rules: z.output<typeof faultRuleSchema>[], existing: readonly FaultRule[], source: string): FaultRule[] {
  const ids = new Set(existing.map((r) => r.id));
  const problems: string[] = [];
  const named = rules.map((rule, i) => {
    const id = rule.id ?? `${rule.kind}#${existing.length + i + 1}`;
    if (ids.has(id)) problems.push(`rules.${i}.id: "${id}" is already used by another rule`);
    ids.add(id);
    const withId = { ...rule, id } as FaultRule;
    const routeIssue = routeProblem(withId, phaseOf(withId));
    if (routeIssue) problems.push(`rules.${i}.route: ${routeIssue}`);
    return withId;
  });
  if (problems.length) throw new FaultConfigError(source, problems);
  return named;
}
