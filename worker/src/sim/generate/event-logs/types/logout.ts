/**
 * Logout event rows. USER_INITIATED_LOGOUT is 1 for the Log Out button, 0 for a timeout (whose
 * row Salesforce writes when the session expires).
 */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export function emitLogoutRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, userInitiated: boolean): void {
  const ui = session.kind === 'ui' || session.kind === 'login-as';
  ctx.elf.add('Logout', timeMs, {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    SESSION_TYPE: ui ? 'UI' : 'Oauth2',
    SESSION_LEVEL: '1',
    BROWSER_TYPE: session.device.userAgent,
    PLATFORM_TYPE: session.device.platformCode,
    RESOLUTION_TYPE: '9999',
    APP_TYPE: ui ? '1000' : '2514',
    CLIENT_VERSION: '9998.0',
    API_TYPE: '',
    API_VERSION: '',
    USER_INITIATED_LOGOUT: userInitiated ? '1' : '0',
  });
}
