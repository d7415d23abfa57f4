/**
 * `AuthSession.IsCurrent` is not stored: Salesforce computes it for the reader — true on the row of
 * the session the query runs in (Object Reference, AuthSession: "IsCurrent — whether the session is
 * the one used to make the API call", API 37.0+). Rows are copied, never changed in place.
 */
import type { SimRecord } from '../schema/types';
import type { Session } from './token-store';

export function withCurrentSession(sobject: string, records: SimRecord[], session: Session): SimRecord[] {
  if (sobject.toLowerCase() !== 'authsession') return records;
  return records.map((r) => ({ ...r, IsCurrent: r.Id === session.authSessionId }));
}
