/**
 * Addresses the org itself saw spraying or stuffing credentials: failed sign-ins from one
 * address against many distinct users within a short window, or Salesforce's own Credential
 * Stuffing finding. Pure: the caller loads and stores the state.
 */

export interface FailureWindow {
  /** Failures in the trailing window: time and user. */
  recent: Array<{ t: number; u: string }>;
}

export interface Sprayer {
  /** When the address was first seen spraying (or reported stuffing). */
  sinceMs: number;
  lastMs: number;
  /** Distinct users it failed against in its busiest window. */
  users: number;
  how: 'failed-sign-ins' | 'credential-stuffing';
}

export interface SprayParams {
  sprayUsers: number;
  windowMs: number;
  /** How long an address stays suspicious after it last sprayed. */
  rememberMs: number;
}

/** Adds a failure; returns the distinct users failed against within the window. */
export function addFailure(window: FailureWindow, timeMs: number, userId: string, params: SprayParams): number {
  window.recent.push({ t: timeMs, u: userId });
  window.recent = window.recent.filter((f) => Math.abs(timeMs - f.t) <= params.windowMs);
  return new Set(window.recent.map((f) => f.u)).size;
}

/**
 * Marks (or refreshes) an address as a sprayer. Sprayers are held in a Map while a page is judged
 * (a look-up per row), stored as a plain object keyed by address.
 */
export function markSprayer(sprayers: Map<string, Sprayer>, ip: string, timeMs: number, users: number, how: Sprayer['how']): void {
  const known = sprayers.get(ip);
  if (known) {
    known.lastMs = Math.max(known.lastMs, timeMs);
    known.sinceMs = Math.min(known.sinceMs, timeMs);
    known.users = Math.max(known.users, users);
  } else sprayers.set(ip, { sinceMs: timeMs, lastMs: timeMs, users, how });
}

/** The sprayer record if `ip` sprayed before `timeMs` and not longer ago than remembered. */
export function sprayerAt(sprayers: ReadonlyMap<string, Sprayer>, ip: string, timeMs: number, params: SprayParams): Sprayer | undefined {
  const s = sprayers.get(ip);
  return s && s.sinceMs <= timeMs && timeMs - s.lastMs <= params.rememberMs ? s : undefined;
}

/** At most this many sprayers kept (the most recent win): a botnet must not grow the state without bound. */
const MAX_SPRAYERS = 2000;

export function pruneSprayers(sprayers: Record<string, Sprayer>, nowMs: number, params: SprayParams): Record<string, Sprayer> {
  const kept = Object.entries(sprayers)
    .filter(([, s]) => nowMs - s.lastMs <= params.rememberMs)
    .sort((a, b) => b[1].lastMs - a[1].lastMs)
    .slice(0, MAX_SPRAYERS);
  return Object.fromEntries(kept);
}
