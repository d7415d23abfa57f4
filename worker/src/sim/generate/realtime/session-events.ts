/**
 * LogoutEvent and LoginAsEvent, written where the Logout and LoginAs log rows are, with the same
 * instant, user, address and keys.
 *
 * LogoutEvent "records logouts, not timeouts. Timeouts don't cause a LogoutEventStream object to
 * be published" (Platform Events Developer Guide, LogoutEvent): only sessions ended with the
 * Log Out button (log row USER_INITIATED_LOGOUT 1) have one.
 * LoginAsEvent: UserId is "the user who is being logged in as by the admin", DelegatedUsername
 * the admin; SessionKey "is usually null because the event is captured before a session is
 * created" (LoginAsEvent).
 */
import type { GenContext } from '../context';
import type { Session, SimUser } from '../model';

export function storeLogoutEvent(ctx: GenContext, session: Session, timeMs: number): void {
  if (!ctx.realtime.enabled) return;
  ctx.realtime.bigObject('LogoutEvent', timeMs, {
    UserId: session.user.id, Username: session.user.username, SessionKey: session.sessionKey, LoginKey: session.loginKey,
    SourceIp: session.place.ip, SessionLevel: 'STANDARD',
  });
}

/** `session` is the impersonated user's session, opened from the admin's. */
export function storeLoginAsEvent(ctx: GenContext, session: Session, admin: SimUser, timeMs: number): void {
  if (!ctx.realtime.enabled) return;
  ctx.realtime.bigObject('LoginAsEvent', timeMs, {
    UserId: session.user.id, Username: session.user.username, UserType: session.user.userType, DelegatedUsername: admin.username,
    DelegatedOrganizationId: ctx.org.orgId15, LoginAsCategory: 'OrgAdmin', LoginType: 'Application', Application: 'Browser',
    Browser: session.device.browser, Platform: session.device.platform, SourceIp: session.place.ip, LoginKey: session.loginKey,
    LoginHistoryId: session.loginHistoryId, SessionLevel: 'STANDARD', TargetUrl: '/lightning/page/home',
  });
}
