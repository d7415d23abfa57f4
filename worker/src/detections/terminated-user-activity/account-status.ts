/**
 * Whether an account should have been unusable at a time, and since when: deactivated or frozen
 * (users stream: audit-trail changes, else LastModifiedDate as an upper bound) or past its
 * termination time in the HR / IdP terminated-users file.
 */
import type { DirectoryUser, UserStates } from '../../enrichment/user-state';

export type Reason = 'deactivated' | 'frozen' | 'terminated';

export interface Offboarded {
  reason: Reason;
  /** When the account became unusable (for `terminated`: the HR time, before any grace). */
  sinceMs: number;
}

/**
 * Salesforce's own automation users (Automated Process, the cloud integration user, Chatter
 * Expert) act on their own schedule and are never people: their activity is not a leaver's.
 */
const AUTOMATION_USER_TYPES = new Set(['AutomatedProcess', 'CloudIntegrationUser', 'CsnOnly', 'LicenseManager', 'SelfService']);

/** A person the directory knows was ever (or will be) deactivated, frozen or terminated: their sessions are followed. */
export function isLeaverCandidate(user: DirectoryUser | undefined): user is DirectoryUser {
  if (!user || AUTOMATION_USER_TYPES.has(user.userType ?? '')) return false;
  return !user.active || user.frozen || user.terminatedAtMs !== undefined || user.changes.some((c) => c.change === 'deactivated' || c.change === 'frozen');
}

/** Why the account was unusable at `timeMs` and since when; undefined when it was usable or the time is unknown. */
export function offboardedAt(users: UserStates, user: DirectoryUser, timeMs: number, graceMs: number): Offboarded | undefined {
  const state = users.stateAt(user.id, timeMs);
  if (!state) return undefined;
  if (!state.active) return since('deactivated', lastChange(user, 'deactivated', timeMs) ?? user.activeSinceMs, timeMs);
  if (state.frozen) return since('frozen', lastChange(user, 'frozen', timeMs) ?? user.frozenSinceMs, timeMs);
  if (state.terminated && user.terminatedAtMs !== undefined && timeMs >= user.terminatedAtMs + graceMs) return since('terminated', user.terminatedAtMs, timeMs);
  return undefined;
}

function since(reason: Reason, sinceMs: number | undefined, timeMs: number): Offboarded | undefined {
  // Without a time (no audit entry, no LastModifiedDate) nothing says the activity came after.
  return sinceMs === undefined || sinceMs > timeMs ? undefined : { reason, sinceMs };
}

function lastChange(user: DirectoryUser, change: 'deactivated' | 'frozen', timeMs: number): number | undefined {
  return user.changes.filter((c) => c.change === change && c.atMs <= timeMs).at(-1)?.atMs;
}
