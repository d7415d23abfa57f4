/**
 * Opening a session: an access token plus the AuthSession record Salesforce keeps for it, so the
 * worker sees its own API sessions and deleting that record ends the session (the "end sessions"
 * governance action relies on it), and the sign-in's LoginHistory row the session points at.
 */
import { formatSystemTimestamp } from '../sf-datetime';
import type { SimCore } from '../sim-core';
import { recordLogin } from './session-login';
import type { Session } from './token-store';

export type LoginKind = 'Remote Access 2.0' | 'Other Apex API';

export function openSession(core: SimCore, userId: string, loginType: LoginKind, refreshToken?: string): Session {
  let authSessionId: string | undefined;
  const def = core.schema.get('AuthSession');
  if (def) {
    const now = formatSystemTimestamp(core.clock.now());
    const login = recordLogin(core, userId, loginType);
    authSessionId = core.ids.next(def.keyPrefix);
    core.store.insert('AuthSession', {
      Id: authSessionId, UsersId: userId, CreatedDate: now, LastModifiedDate: now,
      NumSecondsValid: Math.round(core.tokens.ttlMs / 1000), SessionType: loginType === 'Remote Access 2.0' ? 'Oauth2' : 'API',
      LoginType: loginType, SourceIp: '127.0.0.1', UserType: 'Standard', SessionSecurityLevel: 'STANDARD',
      IsCurrent: false, IsAssociatedWithJwtAccessToken: false, LogoutUrl: null, ParentId: null, LoginHistoryId: login?.loginHistoryId ?? null, LoginGeoId: login?.loginGeoId ?? null,
    });
  }
  return core.tokens.issue(userId, { ...(authSessionId ? { authSessionId } : {}), ...(refreshToken ? { refreshToken } : {}) });
}
