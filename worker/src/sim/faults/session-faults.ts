/**
 * Faults in the org's state rather than on the wire.
 *
 * Session expiry: access tokens end as if their session timed out (Salesforce's default session
 * timeout is 2 h) or an admin ended them; refresh tokens stay valid, so a client that can refresh
 * (jsforce with a refresh token or `refreshFn`) gets 401 INVALID_SESSION_ID, refreshes and
 * re-sends — and one that cannot gets INVALID_SESSION_ID.
 *
 * Quota exhaustion: the org's other integrations burn the rest of the rolling 24 h allocation now
 * (the usual reason a monitoring tool meets 403 REQUEST_LIMIT_EXCEEDED). Those calls age out 24 h
 * later like any others, so the allocation frees up as the clock moves on — or at once with
 * `setApiUsage` / `POST /__sim/api-usage`.
 */
import type { ApiUsage } from '../api/api-usage';
import type { Session, TokenStore } from '../auth/token-store';

export type SessionScope = { scope: 'all' } | { scope: 'user'; userId: string } | { scope: 'token'; token: string };

function selects(target: SessionScope): (session: Session) => boolean {
  switch (target.scope) {
    case 'all':
      return () => true;
    case 'user':
      return (s) => s.userId === target.userId;
    case 'token':
      return (s) => s.accessToken === target.token;
  }
}

/** Ends the selected access tokens; returns how many were live. */
export function expireSessions(tokens: TokenStore, target: SessionScope): number {
  return tokens.expireSessions(selects(target));
}

/** Uses up what is left of the allocation as other apps' calls; returns how many calls that took. */
export function exhaustQuota(usage: ApiUsage): number {
  const left = usage.max - usage.used;
  return left > 0 ? usage.burst(left) : 0;
}
