/**
 * When may OrgWarden make one more API call? (DESIGN §3.1)
 *
 * The org's rolling 24 h allocation (`Sforce-Limit-Info: api-usage=used/max`) is shared by every
 * app in the org. OrgWarden never takes the remaining allocation below `reservePercent` of max.
 * Priorities stop at different heights above the reserve, so that when the allocation runs
 * low, backfill stops first and governance actions last — across every worker process, without
 * a central scheduler.
 *
 * The same rule runs in two stores: `decide()` here (in-memory store) and the Lua script of the
 * Redis store; a shared test table keeps them identical.
 */

export type CallPriority = 'governance' | 'write-back' | 'ingest' | 'eventlogs' | 'backfill';

/** Extra headroom above the reserve, in percent of max, at which each priority stops. */
export const PRIORITY_HEADROOM_PERCENT: Record<CallPriority, number> = {
  governance: 0,
  'write-back': 0.5,
  ingest: 1,
  eventlogs: 2,
  backfill: 5,
};

export interface QuotaParams {
  reservePercent: number;
  /** Optional cap on OrgWarden's own calls in the last 24 h, in percent of max. */
  ownSharePercent?: number;
  /** A stale figure may be refreshed by letting one call through (it stays above the reserve). */
  probeIntervalMs: number;
  /**
   * When others took the org to or below the reserve, OrgWarden can only learn that usage
   * dropped by making a call: it allows one such call per interval (documented trade-off).
   */
  exhaustedProbeIntervalMs: number;
  /** A reservation not released within this time (crashed process) no longer counts. */
  reservationTtlMs: number;
}

export const DEFAULT_QUOTA_PARAMS: Omit<QuotaParams, 'reservePercent'> = {
  probeIntervalMs: 60_000,
  exhaustedProbeIntervalMs: 15 * 60_000,
  reservationTtlMs: 120_000,
};

export interface UsageFigure {
  used: number;
  max: number;
  observedAtMs: number;
}

export interface QuotaSnapshot {
  figure?: UsageFigure;
  /** Calls granted but not yet answered (every process). */
  outstanding: number;
  /** OrgWarden's own calls in the last 24 h. */
  ownUsed: number;
}

export type Decision =
  | { grant: true; reason: 'ok' | 'probe' | 'probe-unknown' | 'probe-exhausted' }
  | { grant: false; reason: 'unknown' | 'reserve' | 'own-share' };

export function decide(s: QuotaSnapshot, priority: CallPriority, p: QuotaParams, nowMs: number): Decision {
  const { figure } = s;
  if (!figure) return s.outstanding === 0 ? { grant: true, reason: 'probe-unknown' } : { grant: false, reason: 'unknown' };
  if (p.ownSharePercent !== undefined && s.ownUsed + 1 > Math.floor((figure.max * p.ownSharePercent) / 100)) {
    return { grant: false, reason: 'own-share' };
  }
  const remainingAfter = figure.max - figure.used - s.outstanding - 1;
  const reserveCalls = Math.ceil((figure.max * p.reservePercent) / 100);
  const stopAt = Math.ceil((figure.max * (p.reservePercent + PRIORITY_HEADROOM_PERCENT[priority])) / 100);
  if (remainingAfter >= stopAt) return { grant: true, reason: 'ok' };
  const age = nowMs - figure.observedAtMs;
  if (s.outstanding === 0 && age >= p.probeIntervalMs && remainingAfter >= reserveCalls) return { grant: true, reason: 'probe' };
  if (s.outstanding === 0 && age >= p.exhaustedProbeIntervalMs) return { grant: true, reason: 'probe-exhausted' };
  return { grant: false, reason: 'reserve' };
}
