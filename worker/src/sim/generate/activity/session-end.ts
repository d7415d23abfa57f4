/**
 * How a session ends: a Logout row (button, or timeout two hours after the last activity, as
 * Salesforce's default session timeout) — with a LogoutEvent for the button — and — if the session is still open at the org's
 * clock — an AuthSession row, which is what "end sessions" governance deletes.
 */
import type { GenContext } from '../context';
import { emitLogoutRow } from '../event-logs/types/logout';
import { storeLogoutEvent } from '../realtime/session-events';
import type { Session } from '../model';
import type { Rng } from '../prng';
import { HOUR_MS, sfDateTime } from '../time';

const SESSION_TIMEOUT_MS = 2 * HOUR_MS;

function writeAuthSession(ctx: GenContext, session: Session): void {
  const ui = session.kind === 'ui' || session.kind === 'login-as';
  ctx.records.add('AuthSession', {
    Id: ctx.ids.next('0Ak'), CreatedDate: sfDateTime(session.startMs), LastModifiedDate: sfDateTime(Math.min(session.endMs, ctx.options.nowMs)),
    IsCurrent: false, LoginGeoId: session.loginGeoId, LoginHistoryId: session.loginHistoryId,
    LoginType: ui ? 'Application' : 'Remote Access 2.0', NumSecondsValid: SESSION_TIMEOUT_MS / 1000, ParentId: null,
    SessionSecurityLevel: 'STANDARD', SessionType: session.kind === 'login-as' ? 'SubstituteUser' : ui ? 'UI' : 'Oauth2',
    SourceIp: session.place.ip, UserType: 'Standard', UsersId: session.user.id,
  });
}

export function endSession(ctx: GenContext, rng: Rng, session: Session): void {
  const logoutMs = session.explicitLogout ? session.endMs + rng.int(0, 59_999) : session.endMs + SESSION_TIMEOUT_MS + rng.int(0, 15 * 60_000);
  if (session.kind !== 'api') emitLogoutRow(ctx, rng, session, logoutMs, session.explicitLogout);
  // A LogoutEvent records the Log Out button only, never a timeout (realtime/session-events.ts).
  if (session.kind !== 'api' && session.explicitLogout) storeLogoutEvent(ctx, session, logoutMs);
  const now = ctx.options.nowMs;
  if (session.startMs <= now && logoutMs > now) writeAuthSession(ctx, session);
}
