/**
 * Login-As: an admin or support lead opens a session as another user. Salesforce records it
 * three ways: SetupAuditTrail `suOrgAdminLogin` / `suOrgAdminLogout` (created by the admin),
 * a LoginAs event row (USER_ID = the user impersonated, DELEGATED_USER_* = the admin) with its
 * LoginAsEvent, and the impersonated session's own events, which carry its SESSION_KEY.
 */
import type { GenContext } from '../context';
import { emitLoginAsRow } from '../event-logs/types/login-as';
import { emitPageViewRow } from '../event-logs/types/lightning-page-view';
import { storeLoginAsEvent } from '../realtime/session-events';
import { logKey, recordRef } from '../id-factory';
import { REFERENCE_PREFIXES } from '../key-prefixes';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { AUDIT, writeAudit } from '../records/audit';
import { MINUTE_MS } from '../time';
import { endSession } from './session-end';

export interface LoginAsResult {
  session: Session;
  auditIds: string[];
}

/** `admin` (signed in through `adminSession`) logs in as `target` at `timeMs` for `minutes`. */
export function loginAs(ctx: GenContext, rng: Rng, adminSession: Session, target: SimUser, timeMs: number, minutes: number): LoginAsResult {
  const admin = adminSession.user;
  const start = writeAudit(ctx, { timeMs, actor: admin, ...AUDIT.loginAsStart(target) });
  const session: Session = {
    user: target, kind: 'login-as', sessionKey: logKey(rng), loginKey: adminSession.loginKey, place: adminSession.place, device: adminSession.device,
    startMs: timeMs, endMs: timeMs + minutes * MINUTE_MS, loginHistoryId: adminSession.loginHistoryId, loginGeoId: adminSession.loginGeoId, explicitLogout: true,
  };
  emitLoginAsRow(ctx, rng, session, timeMs, admin);
  storeLoginAsEvent(ctx, session, admin, timeMs);
  const views = rng.int(2, 5);
  for (let i = 0; i < views; i++) {
    emitPageViewRow(ctx, rng, session, timeMs + rng.int(20_000, minutes * MINUTE_MS), recordRef(rng, REFERENCE_PREFIXES.Case), 'Case');
  }
  const end = writeAudit(ctx, { timeMs: session.endMs, actor: admin, ...AUDIT.loginAsEnd(target) });
  endSession(ctx, rng, session);
  return { session, auditIds: [start, end] };
}
