/**
 * What is kept per offboarded person between pages: their sessions and sign-ins (to tell a
 * session opened before the change from a new one), admins' Login-As into the account (whose
 * requests carry the person's user id), and per offboarding event what was done after it. Pure.
 */
import type { Activity } from '../../activity/activity';
import type { Offboarded, Reason } from './account-status';

/** An open session is given this long after the change before its requests count. */
export const IN_FLIGHT_MAX_MS = 12 * 3600_000;
/** Requests without a sign-in of the person this long after an admin's Login-As into the account are the admin's. */
export const LOGIN_AS_WINDOW_MS = 2 * 3600_000;
const KEEP_SESSION_MS = 3 * 86_400_000;
/** An offboarding event's tally is kept this long after its last activity (then a repeat starts a new count). */
const KEEP_EVENT_MS = 30 * 86_400_000;
const MAX_SESSIONS = 200;
const MAX_TIMES = 100;
const MAX_IPS = 10;

export interface EventTally {
  reason: Reason;
  sinceMs: number;
  firstMs: number;
  lastMs: number;
  count: number;
  kinds: Record<string, number>;
  ips: Record<string, number>;
}

export interface LeaverState {
  /** Session key → first request seen. */
  sessions: Record<string, number>;
  /** The person's successful sign-ins (LoginHistory). */
  signIns?: number[];
  /** Admins' Login-As into the account: when, and the Login-As session when the event log names it. */
  loginAs?: Array<{ atMs: number; sessionKey?: string }>;
  /** `reason@sinceMs` → what was done after that termination, deactivation or freeze. */
  events: Record<string, EventTally>;
}

export function emptyLeaverState(): LeaverState {
  return { sessions: {}, events: {} };
}

const capped = <T>(list: T[] | undefined, item: T): T[] => (list && list.length >= MAX_TIMES ? list : [...(list ?? []), item]);

/** Remembers an admin's Login-As into the account (`activity` is the admin's login-as). */
export function noteLoginAs(state: LeaverState, activity: Activity): void {
  state.loginAs = capped(state.loginAs, { atMs: activity.timeMs, ...(activity.sessionKey ? { sessionKey: activity.sessionKey } : {}) });
}

/** Remembers the person's session and sign-in; returns when the session was first seen before this request. */
export function noteOwn(state: LeaverState, activity: Activity): number | undefined {
  const key = activity.sessionKey;
  const firstSeen = key ? state.sessions[key] : undefined;
  if (key && (firstSeen === undefined || activity.timeMs < firstSeen) && Object.keys(state.sessions).length < MAX_SESSIONS) state.sessions[key] = activity.timeMs;
  if (activity.kind === 'login.success') state.signIns = capped(state.signIns, activity.timeMs);
  return firstSeen;
}

const signedInBetween = (state: LeaverState, fromMs: number, toMs: number) => (state.signIns ?? []).some((t) => t > fromMs && t <= toMs);

/**
 * A request in a session opened before the change, up to 12 hours after it: its session was seen
 * before the change, or the person has not signed in since the change (a new session needs a
 * sign-in, which LoginHistory records — read before the event logs). A sign-in is never in flight.
 */
export function isInFlight(state: LeaverState, activity: Activity, off: Offboarded, sessionFirstSeen: number | undefined): boolean {
  if (activity.kind === 'login.success' || activity.timeMs - off.sinceMs > IN_FLIGHT_MAX_MS) return false;
  if (sessionFirstSeen !== undefined && sessionFirstSeen < off.sinceMs) return true;
  return !signedInBetween(state, off.sinceMs, activity.timeMs);
}

/** A request of an admin logged in as the person: the Login-As session, or shortly after a Login-As with no sign-in of the person since. */
export function isImpersonated(state: LeaverState, activity: Activity): boolean {
  if (activity.kind === 'login.success' || !state.loginAs) return false;
  return state.loginAs.some(
    (l) =>
      (activity.sessionKey !== undefined && l.sessionKey === activity.sessionKey) ||
      (activity.timeMs >= l.atMs && activity.timeMs - l.atMs <= LOGIN_AS_WINDOW_MS && !signedInBetween(state, l.atMs, activity.timeMs)),
  );
}

/** Adds a counted request to its offboarding event's tally; returns the event's key. */
export function addToTally(state: LeaverState, activity: Activity, off: Offboarded): string {
  const event = `${off.reason}@${off.sinceMs}`;
  const t = (state.events[event] ??= { reason: off.reason, sinceMs: off.sinceMs, firstMs: activity.timeMs, lastMs: activity.timeMs, count: 0, kinds: {}, ips: {} });
  t.firstMs = Math.min(t.firstMs, activity.timeMs);
  t.lastMs = Math.max(t.lastMs, activity.timeMs);
  t.count += 1;
  t.kinds[activity.kind] = (t.kinds[activity.kind] ?? 0) + 1;
  if (activity.ip && (t.ips[activity.ip] !== undefined || Object.keys(t.ips).length < MAX_IPS)) t.ips[activity.ip] = (t.ips[activity.ip] ?? 0) + 1;
  return event;
}

export function pruneLeaver(state: LeaverState, latestMs: number): void {
  for (const [key, t] of Object.entries(state.sessions)) if (latestMs - t > KEEP_SESSION_MS) delete state.sessions[key];
  if (state.signIns) state.signIns = state.signIns.filter((t) => latestMs - t <= KEEP_SESSION_MS);
  if (state.loginAs) state.loginAs = state.loginAs.filter((l) => latestMs - l.atMs <= KEEP_SESSION_MS);
  for (const [event, t] of Object.entries(state.events)) if (latestMs - t.lastMs > KEEP_EVENT_MS) delete state.events[event];
}
