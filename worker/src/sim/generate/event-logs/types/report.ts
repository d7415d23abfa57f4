/**
 * Report event rows: a report run, with ROW_COUNT (what report-anomaly compares to a baseline),
 * and its ReportEvent (realtime/report-event.ts).
 */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { storeReportEvent } from '../../realtime/report-event';
import { rowBase, timings } from '../row-base';

export interface ReportRun {
  reportId: string;
  entity: string;
  rows: number;
  columns: number;
  origin?: string;
}

export function emitReportRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, run: ReportRun): void {
  ctx.elf.add('Report', timeMs, {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    ...timings(rng, 1 + run.rows / 20_000),
    URI: '/aura',
    REQUEST_STATUS: 'S',
    ENTITY_NAME: run.entity,
    DISPLAY_TYPE: 'H',
    RENDERING_TYPE: '',
    REPORT_ID: run.reportId.slice(0, 15),
    REPORT_ID_DERIVED: run.reportId,
    ROW_COUNT: run.rows,
    NUMBER_EXCEPTION_FILTERS: 0,
    NUMBER_COLUMNS: run.columns,
    AVERAGE_ROW_SIZE: rng.int(200, 900),
    SORT: 'CUST_CREATED_DATE.down',
    DB_BLOCKS: rng.int(100, 9000),
    DB_CPU_TIME: rng.int(10, 300),
    NUMBER_BUCKETS: 0,
    URI_ID_DERIVED: '',
    ORIGIN: run.origin ?? 'ReportRunFromLightning',
    UI_NUMBER_COLUMNS: run.columns,
  });
  storeReportEvent(ctx, session, timeMs, { reportId: run.reportId, operation: run.origin ?? 'ReportRunFromLightning', rows: run.rows, columns: run.columns });
}
