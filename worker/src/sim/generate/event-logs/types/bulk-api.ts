/**
 * BulkApi event rows: one per batch of a Bulk API job (ROWS_PROCESSED per batch). A query
 * batch also has its ApiEvent (realtime/api-event.ts; ApiEvent captures Bulk API queries).
 */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { storeApiEvent } from '../../realtime/api-event';
import { rowBase, timings, type Row } from '../row-base';

export interface BulkBatch {
  jobId: string;
  batchId: string;
  entity: string;
  operation: 'query' | 'insert' | 'update' | 'upsert' | 'delete';
  rows: number;
}

export function emitBulkApiRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, batch: BulkBatch): void {
  const row: Row = {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    ...timings(rng, 1 + batch.rows / 1000),
    URI: '',
    JOB_ID: batch.jobId.slice(0, 15),
    BATCH_ID: batch.batchId.slice(0, 15),
    ROWS_PROCESSED: batch.rows,
    NUMBER_FAILURES: 0,
    SUCCESS: 'true',
    MESSAGE: '',
    ENTITY_TYPE: batch.entity,
    OPERATION_TYPE: batch.operation,
    URI_ID_DERIVED: '',
  };
  ctx.elf.add('BulkApi', timeMs, row);
  if (batch.operation !== 'query') return;
  storeApiEvent(ctx, session, timeMs, { apiType: 'Bulk', operation: 'Query', entity: batch.entity, rows: batch.rows, requestId: String(row.REQUEST_ID), elapsedMs: Number(row.RUN_TIME) });
}
