/**
 * The health rules of a stream (README "Stream health"), one pure function so the record the
 * org sees, the metrics and the tests agree. Checked in this order, the first that matches wins:
 *
 * - Not available: the stream's sources do not exist in the org (a licence or edition it does not
 *   have): every source of the last pass said so, or the last attempt's query was answered
 *   INVALID_TYPE.
 * - Failing: the last attempt failed and either 3 attempts in a row have failed (the retries'
 *   backoff is 30 s, 1, 2 min: a few minutes of trying) or the error needs a person (credentials,
 *   configuration); or the stream is more than 8 poll intervals behind the org's clock.
 * - Degraded: the last attempt failed and is being retried; or the quota governor is holding the
 *   stream back at the API reserve; or it is more than 2 poll intervals behind; or one of its
 *   sources is missing or working in a fallback mode (the source says which).
 * - Healthy: otherwise.
 *
 * `Disabled` is not decided here: a worker writes it for itself when it stops cleanly.
 */
import type { StatusState } from './status-record';
import type { SourceCondition } from './status-store';

export const HEALTH_RULES = {
  failingAfterFailures: 3,
  degradedLagIntervals: 2,
  failingLagIntervals: 8,
} as const;

/** Error codes that no retry fixes: someone has to change credentials or configuration. */
const NEEDS_A_PERSON = new Set(['SF_AUTH_FAILED', 'TARGET_INVALID', 'CONFIG_INVALID', 'FIXTURE_INVALID']);

export interface StreamHealthInput {
  pollIntervalMinutes: number;
  /** The org's clock now. */
  nowMs: number;
  /** End of the window of the last successful pass: everything before it has been read. */
  coveredUntilMs?: number;
  consecutiveFailures: number;
  lastErrorCode?: string;
  /** Set while the governor holds the stream back at the reserve (cleared by a success). */
  heldSinceMs?: number;
  unavailable?: boolean;
  sourceState?: SourceCondition;
  sourceDetail?: string;
}

export interface StreamHealth {
  state: StatusState;
  reason: string;
  lagMinutes?: number;
}

export function streamHealth(input: StreamHealthInput): StreamHealth {
  const lagMinutes = input.coveredUntilMs === undefined ? undefined : Math.max(0, Math.floor((input.nowMs - input.coveredUntilMs) / 60_000));
  const withLag = (state: StatusState, reason: string): StreamHealth => ({ state, reason, ...(lagMinutes === undefined ? {} : { lagMinutes }) });
  const interval = input.pollIntervalMinutes;
  const failures = input.consecutiveFailures;
  const attempts = `${failures} failed attempt${failures === 1 ? '' : 's'} in a row`;
  if (input.unavailable) return withLag('Not_Available', `the org does not offer this source (${input.lastErrorCode ?? 'not found'}): licence or edition`);
  if (failures === 0 && input.sourceState === 'not-available') return withLag('Not_Available', input.sourceDetail ?? 'the org does not offer this source');
  if (failures > 0 && input.lastErrorCode && NEEDS_A_PERSON.has(input.lastErrorCode)) {
    return withLag('Failing', `${input.lastErrorCode}: needs a person (credentials or configuration)`);
  }
  if (failures >= HEALTH_RULES.failingAfterFailures) return withLag('Failing', attempts);
  if (lagMinutes !== undefined && lagMinutes > HEALTH_RULES.failingLagIntervals * interval) {
    return withLag('Failing', `${lagMinutes} min behind the org clock (limit ${HEALTH_RULES.failingLagIntervals * interval})`);
  }
  if (failures > 0) return withLag('Degraded', `${attempts}, retrying`);
  if (input.heldSinceMs !== undefined) return withLag('Degraded', 'held back: the org API allocation is at the reserve');
  if (lagMinutes !== undefined && lagMinutes > HEALTH_RULES.degradedLagIntervals * interval) {
    return withLag('Degraded', `${lagMinutes} min behind the org clock (limit ${HEALTH_RULES.degradedLagIntervals * interval})`);
  }
  if (input.sourceState === 'degraded') return withLag('Degraded', input.sourceDetail ?? 'a source is missing or in a fallback mode');
  return withLag('Healthy', input.coveredUntilMs === undefined ? 'no pass has finished yet' : 'up to date');
}
