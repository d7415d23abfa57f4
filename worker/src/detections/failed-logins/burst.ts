/**
 * One user's failed-login burst, stepped one login at a time. Pure: the caller loads and stores
 * the state. A burst opens when `minFailures` failures fall within `windowMinutes`; it stays
 * open (and keeps counting into the same alert) until `windowMinutes` pass with no failure.
 */

export interface BurstParams {
  minFailures: number;
  windowMs: number;
}

export interface OpenBurst {
  firstAtMs: number;
  lastAtMs: number;
  count: number;
  /** Failures per source IP, for the evidence. */
  ips: Record<string, number>;
  /** First successful login that followed the burst while it was open. */
  successAtMs?: number;
  successIp?: string;
  /** What it took to open the burst: failures within the window, and the user's usual peak (absent while learning). */
  threshold?: number;
  usualPeak?: number;
}

export interface UserBurstState {
  /** Failure times (ms) in the trailing window while no burst is open. */
  recent: Array<{ t: number; ip?: string }>;
  burst?: OpenBurst;
  /** Time of the newest login seen, so out-of-window state can expire. */
  lastSeenMs: number;
  /**
   * The most failures the current run of windows reached without opening a burst: learned as the
   * user's normal (failed-logins.ts) once the window has passed, dropped if a burst opens.
   */
  pendingPeak?: { atMs: number; count: number };
}

export interface LoginOutcome {
  timeMs: number;
  success: boolean;
  ip?: string;
}

export function emptyState(): UserBurstState {
  return { recent: [], lastSeenMs: 0 };
}

/** Applies one login; returns true when the open burst changed (an alert to raise or update). */
export function step(state: UserBurstState, login: LoginOutcome, params: BurstParams): boolean {
  state.lastSeenMs = Math.max(state.lastSeenMs, login.timeMs);
  if (state.burst && login.timeMs - state.burst.lastAtMs > params.windowMs) delete state.burst;
  if (login.success) return noteSuccess(state, login);
  if (state.burst) {
    addFailure(state.burst, login);
    return true;
  }
  state.recent.push({ t: login.timeMs, ...(login.ip === undefined ? {} : { ip: login.ip }) });
  state.recent = state.recent.filter((f) => login.timeMs - f.t <= params.windowMs);
  if (state.recent.length < params.minFailures) return false;
  state.burst = openBurst(state.recent);
  state.recent = [];
  return true;
}

function noteSuccess(state: UserBurstState, login: LoginOutcome): boolean {
  const burst = state.burst;
  if (!burst || burst.successAtMs !== undefined || login.timeMs < burst.lastAtMs) return false;
  burst.successAtMs = login.timeMs;
  if (login.ip !== undefined) burst.successIp = login.ip;
  return true;
}

function openBurst(failures: UserBurstState['recent']): OpenBurst {
  const first = failures[0]!;
  const burst: OpenBurst = { firstAtMs: first.t, lastAtMs: first.t, count: 0, ips: {} };
  for (const failure of failures) addFailure(burst, { timeMs: failure.t, success: false, ...(failure.ip ? { ip: failure.ip } : {}) });
  return burst;
}

function addFailure(burst: OpenBurst, login: LoginOutcome): void {
  burst.count += 1;
  burst.lastAtMs = Math.max(burst.lastAtMs, login.timeMs);
  const ip = login.ip ?? 'unknown';
  burst.ips[ip] = (burst.ips[ip] ?? 0) + 1;
}

/** State no longer needed once the window has passed with nothing open. */
export function isIdle(state: UserBurstState, nowMs: number, params: BurstParams): boolean {
  return !state.burst && state.recent.every((f) => nowMs - f.t > params.windowMs);
}
