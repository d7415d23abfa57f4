/** API event rows (SOAP API calls): method, entity, ROWS_PROCESSED — what api-anomaly sums. */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { rowBase, timings } from '../row-base';

export interface SoapCall {
  method: 'query' | 'queryMore' | 'queryAll' | 'create' | 'update' | 'upsert' | 'delete' | 'retrieve' | 'describeSObjects';
  entity: string;
  rows: number;
  clientName: string;
  query?: string;
}

export function emitApiRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, call: SoapCall): void {
  ctx.elf.add('API', timeMs, {
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
  });
}
