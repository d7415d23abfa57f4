/**
 * RestApi event rows: REST calls (mobile app, integrations), with method, status and rows. A
 * query (GET …/query) also has its ApiEvent (realtime/api-event.ts), sharing the REQUEST_ID.
 */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { storeApiEvent } from '../../realtime/api-event';
import { rowBase, timings, type Row } from '../row-base';

export interface RestCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  uri: string;
  entity: string;
  rows: number;
  status?: number;
  connectedAppId?: string;
  clientName?: string;
}

export function emitRestApiRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, call: RestCall): void {
  const row: Row = {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    ...timings(rng, 1 + call.rows / 2000),
    URI: call.uri,
    REQUEST_STATUS: 'S',
    METHOD: call.method,
    MEDIA_TYPE: 'application/json;charset=UTF-8',
    STATUS_CODE: call.status ?? (call.method === 'DELETE' ? 204 : call.method === 'POST' ? 201 : 200),
    USER_AGENT: '9999',
    ROWS_PROCESSED: call.rows,
    NUMBER_FIELDS: call.rows > 0 ? rng.int(5, 40) : '',
    DB_BLOCKS: rng.int(10, 900),
    DB_CPU_TIME: rng.int(1, 90),
    REQUEST_SIZE: call.method === 'GET' || call.method === 'DELETE' ? 0 : rng.int(300, 5000),
    RESPONSE_SIZE: 150 + call.rows * rng.int(300, 900),
    ENTITY_NAME: call.entity,
    URI_ID_DERIVED: '',
    CLIENT_NAME: call.clientName ?? '',
    CONNECTED_APP_ID: call.connectedAppId?.slice(0, 15) ?? '',
    EXCEPTION_MESSAGE: '',
  };
  ctx.elf.add('RestApi', timeMs, row);
  if (call.method !== 'GET' || !/\/query\/?$/.test(call.uri)) return;
  storeApiEvent(ctx, session, timeMs, {
    apiType: 'REST', operation: 'Query', entity: call.entity, rows: call.rows, requestId: String(row.REQUEST_ID), elapsedMs: Number(row.RUN_TIME),
    ...(call.clientName ? { client: call.clientName } : {}), ...(call.connectedAppId ? { connectedAppId: call.connectedAppId } : {}),
  });
}
