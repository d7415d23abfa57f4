/**
 * ApiEvent: "user-initiated read-only API calls: query(), queryMore(), and count()" through SOAP,
 * REST and Bulk API (Platform Events Developer Guide, ApiEvent; ApiType values Bulk, REST, SOAP
 * Enterprise, SOAP Partner). One row per API, RestApi or BulkApi log row of such a call, with the
 * same instant, user, session keys, address and REQUEST_ID (RequestIdentifier); writes and
 * record reads by id are not tracked. `Records` (the returned record ids) is left out: it would
 * multiply the data many times and OrgWarden reads the counts, not the ids.
 */
import type { GenContext } from '../context';
import type { Session } from '../model';

/** What a query call reads: SOAP/Bulk operation and row counts as in its log row. */
export interface ApiQuery {
  apiType: 'SOAP Partner' | 'REST' | 'Bulk';
  operation: 'Query' | 'QueryMore' | 'QueryAll';
  entity: string;
  rows: number;
  requestId: string;
  elapsedMs?: number;
  client?: string;
  query?: string;
  connectedAppId?: string;
}

/** Rows one API batch returns at most (SOAP/REST default batch size). */
const BATCH_ROWS = 2000;

export function storeApiEvent(ctx: GenContext, session: Session, timeMs: number, call: ApiQuery): void {
  if (!ctx.realtime.enabled) return;
  ctx.realtime.bigObject('ApiEvent', timeMs, {
    UserId: session.user.id, Username: session.user.username, SessionKey: session.sessionKey, LoginKey: session.loginKey, LoginHistoryId: session.loginHistoryId,
    SourceIp: session.place.ip, SessionLevel: 'STANDARD', ApiType: call.apiType, ApiVersion: 62, Operation: call.operation, QueriedEntities: call.entity,
    RowsProcessed: call.rows, RowsReturned: Math.min(call.rows, BATCH_ROWS), RequestIdentifier: call.requestId, ElapsedTime: call.elapsedMs,
    Client: call.client, Query: call.query, ConnectedAppId: call.connectedAppId, Platform: session.device.platform, UserAgent: session.device.userAgent,
  });
}
