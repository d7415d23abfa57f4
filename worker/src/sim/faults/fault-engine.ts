/**
 * The simulator's fault injector: holds the rules, follows each request from its arrival (where
 * errors, resets, delays, session and quota faults strike) to the routes that call back into it
 * (LogFile bodies, query results), and records every fault applied. With no rules it only counts
 * requests. Configured through {@link SimFaults} (OrgSimulator.faults), org.json `faults`, a
 * faults file, or `/__sim/faults`.
 */
import type { IncomingMessage } from 'node:http';
import type { ApiUsage } from '../api/api-usage';
import type { Page } from '../api/query-cursors';
import { bearerToken } from '../auth/authenticate';
import type { TokenStore } from '../auth/token-store';
import type { SimClock } from '../clock';
import type { RequestLogEntry } from '../http/request-log';
import type { Exchange } from '../http/send';
import type { SimRecord } from '../schema/types';
import { cutConnection, waitUnlessClosed } from './connection-faults';
import { DEFAULT_SEED, FaultConfigError, parseFaultConfig, parseFaultRules, type FaultConfigInput, type FaultRule, type RuleOf } from './fault-config';
import { FaultLog, type FaultRecord } from './fault-log';
import { namedRules, RuleState, type Phase, type RequestContext } from './fault-rules';
import { sendHttpError } from './http-error-faults';
import { serveLogFileWithFaults } from './log-file-faults';
import { queryMorePageWithFaults, queryRecordsWithFaults } from './query-result-faults';
import { routeTags } from './request-routes';
import { exhaustQuota, expireSessions, type SessionScope } from './session-faults';

export interface FaultDeps {
  clock: SimClock;
  tokens: TokenStore;
  usage: ApiUsage;
  /** Id of the user with this username, for `expire-session` with scope `user`. */
  userIdOf(username: string): string | undefined;
  /** The field that says when a record of the object came to be (LoginTime, CreatedDate…). */
  timeFieldOf(sobject: string): string | undefined;
}

/** A rule as configured, with how often it matched and struck. */
export type RuleSummary = FaultRule & { matched: number; fired: number };

export interface TrackedRequest extends RequestContext {
  /** Per-request decisions of query rules (a query may read its object's rows more than once). */
  decided: Map<string, boolean>;
}

const SECRET_PARAMS = /([?&](?:token|oauth_token|access_token|refresh_token)=)[^&]*/gi;

export class FaultEngine {
  private seedText = DEFAULT_SEED;
  private states: RuleState[] = [];
  private readonly log = new FaultLog();
  private readonly requests = new WeakMap<IncomingMessage, TrackedRequest>();
  private seq = 0;

  constructor(
    readonly deps: FaultDeps,
    config: FaultConfigInput = {},
    source = 'faults',
  ) {
    this.configure(config, source);
  }

  get seed(): string {
    return this.seedText;
  }

  get rules(): RuleSummary[] {
    return this.states.map((s) => ({ ...s.rule, matched: s.matched, fired: s.fired }));
  }

  get records(): readonly FaultRecord[] {
    return this.log.records;
  }

  /** Replaces the seed and every rule; counters and records start over. */
  configure(config: FaultConfigInput, source = 'faults'): void {
    const parsed = parseFaultConfig(config, source);
    const seed = parsed.seed === undefined ? DEFAULT_SEED : String(parsed.seed);
    const rules = namedRules(parsed.rules ?? [], [], source);
    this.seedText = seed;
    this.states = rules.map((r) => new RuleState(r, seed));
    this.log.clear();
  }

  /** Appends rules after the existing ones; returns them with their ids. */
  add(rules: unknown[], source = 'faults'): FaultRule[] {
    const named = namedRules(parseFaultRules(rules, source), this.states.map((s) => s.rule), source);
    this.states.push(...named.map((r) => new RuleState(r, this.seedText)));
    return named;
  }

  /** Removes every rule and forgets the records (the seed stays). */
  clear(): void {
    this.states = [];
    this.log.clear();
  }

  /** Rules acting in `phase`, in configured order. */
  statesIn(phase: Phase): RuleState[] {
    return this.states.filter((s) => s.phase === phase);
  }

  /** The request as the rules saw it on arrival (undefined for /__sim controls). */
  requestOf(req: IncomingMessage): TrackedRequest | undefined {
    return this.requests.get(req);
  }

  /** Records a fault applied to a request; the detail object may be completed afterwards. */
  note(req: RequestContext, state: RuleState, detail: Record<string, unknown>): FaultRecord {
    const record: FaultRecord = {
      seq: req.seq, at: this.deps.clock.now().toISOString(), method: req.method, path: req.path,
      route: req.tags.at(-1) ?? 'any', rule: state.rule.id, kind: state.rule.kind, detail,
    };
    this.log.add(record);
    return record;
  }

  /**
   * Decides a query rule once per request and object (the SOQL engine may read an object's rows
   * more than once for one query); `first` tells whether this call made the decision.
   */
  decideOnce(req: TrackedRequest, state: RuleState, key: string): { strikes: boolean; first: boolean } {
    const id = `${state.rule.id}\u0000${key}`;
    const known = req.decided.get(id);
    if (known !== undefined) return { strikes: known, first: false };
    const strikes = state.strikes(req, this.deps.clock.nowMs());
    req.decided.set(id, strikes);
    return { strikes, first: true };
  }

  /**
   * Runs the request-phase rules on arrival. True when a fault answered (or dropped) the request,
   * so it must not be routed.
   */
  async intercept(ex: Exchange, url: URL, log: RequestLogEntry): Promise<boolean> {
    this.seq += 1;
    const tags = routeTags(url.pathname);
    if (!tags) return false;
    const path = `${url.pathname}${url.search}`.replace(SECRET_PARAMS, '$1…');
    const req: TrackedRequest = { seq: this.seq, method: ex.req.method ?? 'GET', path, tags, decided: new Map() };
    this.requests.set(ex.req, req);
    for (const state of this.statesIn('request')) {
      if (!state.strikes(req, this.deps.clock.nowMs())) continue;
      if (await this.applyRequestFault(state, ex, req, log)) return true;
    }
    return false;
  }

  private async applyRequestFault(state: RuleState, ex: Exchange, req: TrackedRequest, log: RequestLogEntry): Promise<boolean> {
    const rule = state.rule;
    switch (rule.kind) {
      case 'delay': {
        const delayMs = rule.ms + Math.floor(state.draw('jitter', state.fired) * (rule.jitterMs ?? 0));
        this.note(req, state, { delayMs });
        return !(await waitUnlessClosed(ex.res, delayMs));
      }
      case 'expire-session':
        this.note(req, state, { scope: rule.scope ?? 'caller', expired: this.expireFor(rule, ex.req) });
        return false;
      case 'exhaust-quota':
        this.note(req, state, { calls: exhaustQuota(this.deps.usage), max: this.deps.usage.max });
        return false;
      case 'http-error': {
        const errorCode = sendHttpError(ex, rule, { seed: this.seedText, strike: state.fired, tags: req.tags, now: this.deps.clock.now(), usage: this.deps.usage });
        if (errorCode) log.errorCode = errorCode;
        this.note(req, state, { status: rule.status, ...(errorCode ? { errorCode } : { body: 'html' }) });
        return true;
      }
      case 'reset':
        this.note(req, state, { how: rule.how ?? 'reset' });
        cutConnection(ex.req.socket, rule.how ?? 'reset');
        return true;
      default:
        return false;
    }
  }

  private expireFor(rule: RuleOf<'expire-session'>, req: IncomingMessage): number {
    if (rule.scope === 'all') return expireSessions(this.deps.tokens, { scope: 'all' });
    if (rule.scope === 'user') {
      const userId = this.deps.userIdOf(rule.username ?? '');
      return userId ? expireSessions(this.deps.tokens, { scope: 'user', userId }) : 0;
    }
    const token = bearerToken(req);
    return token ? expireSessions(this.deps.tokens, { scope: 'token', token }) : 0;
  }

  /** LogFile hook (after the headers): the body with this download's faults, or undefined to send it as usual. */
  serveLogFile(ex: Exchange, record: SimRecord, file: string, gzip: boolean): Promise<void> | undefined {
    return serveLogFileWithFaults(this, ex, record, file, gzip);
  }

  /** Query hook: the rows of `sobject` this request's query may see, in the order the SOQL engine gets them. */
  queryRecords(req: IncomingMessage, sobject: string, records: SimRecord[]): SimRecord[] {
    return queryRecordsWithFaults(this, req, sobject, records);
  }

  /** Next-page hook: the page, possibly with rows of the previous one repeated. */
  queryMorePage(req: IncomingMessage, locator: string, page: Page, read: (locator: string, size: number) => Page): Page {
    return queryMorePageWithFaults(this, req, locator, page, read);
  }

  /** Ends sessions now: every one, or one user's. Returns how many ended. */
  expireSessions(options: { username?: string } = {}): number {
    if (options.username === undefined) return expireSessions(this.deps.tokens, { scope: 'all' });
    const userId = this.deps.userIdOf(options.username);
    if (!userId) throw new FaultConfigError('expireSessions', [`username: no user ${options.username} in the simulated org`]);
    return expireSessions(this.deps.tokens, { scope: 'user', userId } satisfies SessionScope);
  }

  /** Uses up the API allocation now (as other apps' calls); returns how many calls that took. */
  exhaustQuota(): number {
    return exhaustQuota(this.deps.usage);
  }
}
