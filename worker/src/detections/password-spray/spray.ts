/**
 * One source address's failed sign-ins, stepped one login at a time. Pure: the caller loads and
 * stores the state. A spray opens when failures for `minUsers` distinct users fall within
 * `windowMs`; it stays open (and keeps counting into the same alert) until `QUIET_MS` pass with no
 * failure from the address. Successful sign-ins from the address while it is open are kept: the
 * attacker found a working password.
 */

/** A spray closes after this long without a failure from its address. */
export const QUIET_MS = 30 * 60_000;
/** At most this many accounts are listed per spray (the count of distinct accounts goes on). */
const MAX_USERS_LISTED = 500;
const MAX_SUCCESSES = 20;

export interface SprayParams {
  minUsers: number;
  windowMs: number;
}

export interface Spray {
  firstAtMs: number;
  lastAtMs: number;
  failures: number;
  /** Distinct accounts that failed (also those beyond the listed ones). */
  distinctUsers: number;
  /** Failures per account (the first `MAX_USERS_LISTED` accounts). */
  users: Record<string, number>;
  successes: Array<{ userId: string; atMs: number }>;
  /** Salesforce Threat Detection findings linked to the spray (evidence objects). */
  findings: Array<Record<string, unknown>>;
  /** What it took to open it. */
  minUsers: number;
}

export interface IpState {
  /** Accounts that failed in the trailing window while no spray is open: user → latest failure time. */
  recent: Record<string, number>;
  recentFailures: Array<number>;
  spray?: Spray;
  lastSeenMs: number;
}

export interface LoginStep {
  timeMs: number;
  userId: string;
  success: boolean;
}

export function emptyIpState(): IpState {
  return { recent: {}, recentFailures: [], lastSeenMs: 0 };
}

/** Whether the spray is still open at `timeMs` (closed ones are kept for linking late findings). */
export function isOpen(spray: Spray | undefined, timeMs: number): spray is Spray {
  return spray !== undefined && timeMs - spray.lastAtMs <= QUIET_MS && timeMs >= spray.firstAtMs;
}

/** Applies one login; returns true when the spray changed (an alert to raise or update). */
export function stepIp(state: IpState, login: LoginStep, params: SprayParams): boolean {
  state.lastSeenMs = Math.max(state.lastSeenMs, login.timeMs);
  const open = isOpen(state.spray, login.timeMs);
  if (login.success) return open ? noteSuccess(state.spray!, login) : false;
  if (open) {
    addFailure(state.spray!, login.userId, login.timeMs);
    return true;
  }
  state.recent[login.userId] = login.timeMs;
  state.recentFailures.push(login.timeMs);
  prune(state, login.timeMs, params.windowMs);
  if (Object.keys(state.recent).length < params.minUsers) return false;
  state.spray = openSpray(state, params.minUsers);
  state.recent = {};
  state.recentFailures = [];
  return true;
}

function prune(state: IpState, nowMs: number, windowMs: number): void {
  for (const [user, t] of Object.entries(state.recent)) if (nowMs - t > windowMs) delete state.recent[user];
  state.recentFailures = state.recentFailures.filter((t) => nowMs - t <= windowMs);
}

function openSpray(state: IpState, minUsers: number): Spray {
  const firstAtMs = Math.min(...state.recentFailures);
  const spray: Spray = { firstAtMs, lastAtMs: firstAtMs, failures: 0, distinctUsers: 0, users: {}, successes: [], findings: [], minUsers };
  for (const [user, t] of Object.entries(state.recent)) addFailure(spray, user, t);
  // Failures of the same accounts earlier in the window count too.
  spray.failures = state.recentFailures.length;
  return spray;
}

function addFailure(spray: Spray, userId: string, timeMs: number): void {
  spray.failures += 1;
  spray.lastAtMs = Math.max(spray.lastAtMs, timeMs);
  if (spray.users[userId] !== undefined) spray.users[userId] += 1;
  else {
    spray.distinctUsers += 1;
    if (Object.keys(spray.users).length < MAX_USERS_LISTED) spray.users[userId] = 1;
  }
}

function noteSuccess(spray: Spray, login: LoginStep): boolean {
  if (spray.successes.some((s) => s.userId === login.userId) || spray.successes.length >= MAX_SUCCESSES) return false;
  spray.successes.push({ userId: login.userId, atMs: login.timeMs });
  return true;
}

/** Nothing worth keeping: no open or recently closed spray, no failure in the window. */
export function isIdle(state: IpState, nowMs: number, windowMs: number, keepSprayMs: number): boolean {
  const sprayKept = state.spray !== undefined && nowMs - state.spray.lastAtMs <= keepSprayMs;
  return !sprayKept && state.recentFailures.every((t) => nowMs - t > windowMs);
}
