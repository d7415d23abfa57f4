/**
 * What every worker process knows about each stream's health, kept in Redis so that consecutive
 * failures, totals and the last success are the deployment's figures, not one process's: a
 * retry may run on another machine, and `/metrics` on any process reports the same numbers.
 *
 * Keys: `<prefix>:{<orgId>}:status:<stream>` (hash), `<prefix>:{<orgId>}:alert-counts` (hash
 * policy → alerts raised or updated), and `<prefix>:ops:orgs` (hash config name → org id, so
 * metrics can name orgs this process has not connected to).
 */
import type { Redis } from 'ioredis';
import { orgKey } from '../state/redis-keys';
import type { StateBatch } from '../state/state-store';

export interface StreamCounters {
  lastSuccessMs?: number;
  coveredUntilMs?: number;
  lastErrorMs?: number;
  lastError?: string;
  lastErrorCode?: string;
  consecutiveFailures: number;
  failuresTotal: number;
  recordsLast?: number;
  recordsTotal: number;
  skippedTotal: number;
  apiCallsLast?: number;
  heldSinceMs?: number;
  unavailable: boolean;
  /** What the last successful pass's sources reported, when not all was well. */
  sourceState?: SourceCondition;
  sourceDetail?: string;
}

/** `not-available`: no source of the stream exists in the org; `degraded`: some source is missing or in a fallback mode. */
export type SourceCondition = 'degraded' | 'not-available';

export interface PassSuccess {
  /** End of the pass's window (org clock). */
  untilMs: number;
  finishedMs: number;
  records: number;
  apiCalls: number;
  source?: { state: SourceCondition; detail: string };
}

export interface PassFailure {
  atMs: number;
  code: string;
  message: string;
  unavailable: boolean;
}

/**
 * Stages one committed page's totals in the page's own state batch (the org's key space), so they
 * move with the cursor: a page replayed after a crash is not counted twice, and a page committed
 * by a worker that then died is not lost from the totals. `alerts` are raises and updates.
 */
export function stagePageCounts(batch: StateBatch, stream: string, page: { records: number; skipped: number; alertsByPolicy: Record<string, number> }): void {
  batch.count(`status:${stream}`, 'recordsTotal', page.records);
  batch.count(`status:${stream}`, 'skippedTotal', page.skipped);
  for (const [policy, count] of Object.entries(page.alertsByPolicy)) batch.count('alert-counts', policy, count);
}

/** What the status reporter needs from the shared counters (a memory stand-in in tests). */
export interface StatusCounters {
  registerOrg(name: string, orgId: string): Promise<void>;
  recordSuccess(orgId: string, stream: string, pass: PassSuccess): Promise<void>;
  recordFailure(orgId: string, stream: string, failure: PassFailure): Promise<void>;
  recordHeld(orgId: string, stream: string, atMs: number): Promise<void>;
  read(orgId: string, stream: string): Promise<StreamCounters>;
}

export class StatusStore implements StatusCounters {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async registerOrg(name: string, orgId: string): Promise<void> {
    await this.redis.hset(`${this.keyPrefix}:ops:orgs`, name, orgId);
  }

  async orgIds(): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(`${this.keyPrefix}:ops:orgs`)));
  }

  async recordSuccess(orgId: string, stream: string, pass: PassSuccess): Promise<void> {
    const key = this.streamKey(orgId, stream);
    const multi = this.redis.multi();
    multi.hset(key, { lastSuccessMs: pass.finishedMs, coveredUntilMs: pass.untilMs, recordsLast: pass.records, apiCallsLast: pass.apiCalls, consecutiveFailures: 0 });
    multi.hdel(key, 'heldSinceMs', 'unavailable', 'sourceState', 'sourceDetail');
    if (pass.source) multi.hset(key, { sourceState: pass.source.state, sourceDetail: pass.source.detail });
    await exec(multi);
  }

  async recordFailure(orgId: string, stream: string, failure: PassFailure): Promise<void> {
    const key = this.streamKey(orgId, stream);
    const multi = this.redis.multi();
    multi.hset(key, { lastErrorMs: failure.atMs, lastError: failure.message, lastErrorCode: failure.code });
    multi.hincrby(key, 'consecutiveFailures', 1);
    multi.hincrby(key, 'failuresTotal', 1);
    if (failure.unavailable) multi.hset(key, 'unavailable', 1);
    else multi.hdel(key, 'unavailable');
    await exec(multi);
  }

  /** The governor held the stream back at the reserve: not a failure, but not up to date either. */
  async recordHeld(orgId: string, stream: string, atMs: number): Promise<void> {
    await this.redis.hsetnx(this.streamKey(orgId, stream), 'heldSinceMs', atMs);
  }

  async read(orgId: string, stream: string): Promise<StreamCounters> {
    return toCounters(await this.redis.hgetall(this.streamKey(orgId, stream)));
  }

  async alertCounts(orgId: string): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.alertsKey(orgId));
    return Object.fromEntries(Object.entries(raw).map(([policy, count]) => [policy, Number(count)]));
  }

  private streamKey(orgId: string, stream: string): string {
    return orgKey(this.keyPrefix, orgId, 'status', stream);
  }

  private alertsKey(orgId: string): string {
    return orgKey(this.keyPrefix, orgId, 'alert-counts');
  }
}

function toCounters(raw: Record<string, string>): StreamCounters {
  const num = (name: string): number | undefined => (raw[name] === undefined ? undefined : Number(raw[name]));
  const counters: StreamCounters = {
    consecutiveFailures: num('consecutiveFailures') ?? 0,
    failuresTotal: num('failuresTotal') ?? 0,
    recordsTotal: num('recordsTotal') ?? 0,
    skippedTotal: num('skippedTotal') ?? 0,
    unavailable: raw.unavailable === '1',
  };
  for (const name of ['lastSuccessMs', 'coveredUntilMs', 'lastErrorMs', 'recordsLast', 'apiCallsLast', 'heldSinceMs'] as const) {
    const value = num(name);
    if (value !== undefined) counters[name] = value;
  }
  if (raw.lastError !== undefined) counters.lastError = raw.lastError;
  if (raw.lastErrorCode !== undefined) counters.lastErrorCode = raw.lastErrorCode;
  if (raw.sourceState === 'degraded' || raw.sourceState === 'not-available') counters.sourceState = raw.sourceState;
  if (raw.sourceDetail !== undefined) counters.sourceDetail = raw.sourceDetail;
  return counters;
}

async function exec(multi: ReturnType<Redis['multi']>): Promise<void> {
  const results = await multi.exec();
  const failed = results?.find(([err]) => err);
  if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was discarded');
}
