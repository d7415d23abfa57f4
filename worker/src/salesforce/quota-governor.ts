/**
 * Every Salesforce call asks the governor first (DESIGN §3.1). When the org's allocation is at
 * the reserve for the call's priority, the call waits and resumes by itself once another
 * worker's response or a probe shows usage dropped; past `maxWaitMs` it throws a
 * SF_REQUEST_LIMIT error carrying `retryAfterMs`, so a queued job is delayed, not failed.
 */
import { randomUUID } from 'node:crypto';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import type { CallPriority, QuotaParams, QuotaSnapshot, UsageFigure } from './quota-policy';
import type { QuotaStore } from './quota-store';

export interface GovernorOptions {
  /** How often a waiting call looks at the shared figure again. */
  pollMs?: number;
  /** Give up waiting after this long (Infinity for `scan`, bounded inside queued jobs). */
  maxWaitMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Grant {
  readonly id: string;
  readonly priority: CallPriority;
}

export interface QuotaStatus {
  used?: number;
  max?: number;
  reserve?: number;
  waitingCalls: number;
}

const WAIT_LOG_EVERY_MS = 60_000;

export class QuotaGovernor {
  private readonly pollMs: number;
  private readonly maxWaitMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private waiting = 0;

  constructor(
    private readonly store: QuotaStore,
    private readonly params: QuotaParams,
    private readonly log: Logger,
    options: GovernorOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2_000;
    this.maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async acquire(priority: CallPriority): Promise<Grant> {
    const id = randomUUID();
    const started = this.clock();
    let lastLog = 0;
    for (;;) {
      const now = this.clock();
      const { decision, snapshot } = await this.store.tryAcquire(priority, this.params, id, now);
      if (decision.grant) {
        if (lastLog) this.log.info({ priority, waitedMs: now - started }, 'API allocation available again, resuming');
        return { id, priority };
      }
      if (now - lastLog >= WAIT_LOG_EVERY_MS) {
        // 'unknown': concurrent first calls wait for the first usage figure (one probe is in flight) — routine, not the reserve.
        if (decision.reason === 'unknown') this.log.debug({ priority, reason: decision.reason }, 'waiting for the first API usage figure');
        else this.log.warn({ priority, reason: decision.reason, ...this.describe(snapshot) }, 'holding back calls: API allocation at the reserve');
        lastLog = now;
      }
      if (now - started >= this.maxWaitMs) throw this.waitError(priority, snapshot);
      this.waiting += 1;
      try {
        await this.sleep(this.pollMs);
      } finally {
        this.waiting -= 1;
      }
    }
  }

  async release(grant: Grant): Promise<void> {
    await this.store.release(grant.id);
  }

  /** Called for every Salesforce response carrying `Sforce-Limit-Info`. */
  async observe(figure: Omit<UsageFigure, 'observedAtMs'>): Promise<void> {
    await this.store.record({ ...figure, observedAtMs: this.clock() });
  }

  async run<T>(priority: CallPriority, call: () => Promise<T>): Promise<T> {
    const grant = await this.acquire(priority);
    try {
      return await call();
    } finally {
      await this.release(grant);
    }
  }

  async status(): Promise<QuotaStatus> {
    const snapshot = await this.store.snapshot(this.clock());
    return { ...this.describe(snapshot), waitingCalls: this.waiting };
  }

  private describe(snapshot: QuotaSnapshot): Omit<QuotaStatus, 'waitingCalls'> {
    const f = snapshot.figure;
    if (!f) return {};
    return { used: f.used, max: f.max, reserve: Math.ceil((f.max * this.params.reservePercent) / 100) };
  }

  private waitError(priority: CallPriority, snapshot: QuotaSnapshot): OrgWardenError {
    return new OrgWardenError('SF_REQUEST_LIMIT', `API allocation is at the reserve for ${priority} calls; retry later`, {
      data: { retryAfterMs: Math.max(this.params.probeIntervalMs, this.pollMs), ...this.describe(snapshot) },
      actions: ['nothing to do: the work resumes when the rolling 24 h usage drops'],
    });
  }
}
