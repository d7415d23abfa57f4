/**
 * ReportExport event rows: a report exported to a file (the URI is the report id), and its
 * ReportEvent (Operation ReportExported; `rows` when the caller knows the export's size).
 */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { storeReportEvent } from '../../realtime/report-event';
import { rowBase } from '../row-base';

export function emitReportExportRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, reportId: string, rows?: number): void {
  ctx.elf.add('ReportExport', timeMs, {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    RUN_TIME: '',
    CPU_TIME: '',
    URI: `/${reportId}`,
    CLIENT_INFO: session.device.userAgent,
    REPORT_DESCRIPTION: `?isdtp=p1&export=1&enc=UTF-8&xf=xls`,
    URI_ID_DERIVED: reportId,
  });
  // REPORT_DESCRIPTION's xf=xls: an Excel export.
  storeReportEvent(ctx, session, timeMs, { reportId, operation: 'ReportExported', exportFileFormat: 'Excel', ...(rows !== undefined ? { rows } : {}) });
}
