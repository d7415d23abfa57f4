/**
 * API event rows (SOAP API calls): method, entity, ROWS_PROCESSED — what api-anomaly sums. A
 * query call also has its ApiEvent (realtime/api-event.ts), sharing the REQUEST_ID.
 */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { storeApiEvent, type ApiQuery } from '../../realtime/api-event';
import { rowBase, timings, type Row } from '../row-base';

const READ_OPERATIONS: Partial<Record<SoapCall['method'], ApiQuery['operation']>> = { query: 'Query', queryMore: 'QueryMore', queryAll: 'QueryAll' };

export interface SoapCall {
  method: 'query' | 'queryMore' | 'queryAll' | 'create' | 'update' | 'upsert' | 'delete' | 'retrieve' | 'describeSObjects';
  entity: string;
  rows: number;
  clientName: string;
  query?: string;
}

export function emitApiRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, call: SoapCall): void {
  const row: Row = {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    ...timings(rng, 1 + call.rows / 2000),
    URI: 'Api',
    REQUEST_STATUS: 'S',
    API_TYPE: 'P',
    API_VERSION: '62.0',
    CLIENT_NAME: call.clientName,
    METHOD_NAME: call.method,
    ENTITY_NAME: call.entity,
    ROWS_PROCESSED: call.rows,
    REQUEST_SIZE: rng.int(400, 3000),
    RESPONSE_SIZE: 200 + call.rows * rng.int(300, 900),
    DB_BLOCKS: rng.int(10, 2000),
    DB_CPU_TIME: rng.int(1, 200),
    URI_ID_DERIVED: '',
    EXCEPTION_MESSAGE: '',
    QUERY: call.query ?? '',
  };
  ctx.elf.add('API', timeMs, row);
  const operation = READ_OPERATIONS[call.method];
  if (!operation) return;
  storeApiEvent(ctx, session, timeMs, {
    apiType: 'SOAP Partner', operation, entity: call.entity, rows: call.rows, requestId: String(row.REQUEST_ID), elapsedMs: Number(row.RUN_TIME),
    client: call.clientName, ...(call.query ? { query: call.query } : {}),
  });
}
