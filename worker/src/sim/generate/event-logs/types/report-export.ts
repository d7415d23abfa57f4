/** ReportExport event rows: a report exported to a file (the URI is the report id). */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export function emitReportExportRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, reportId: string): void {
  ctx.elf.add('ReportExport', timeMs, {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    RUN_TIME: '',
    CPU_TIME: '',
    URI: `/${reportId}`,
    CLIENT_INFO: session.device.userAgent,
    REPORT_DESCRIPTION: `?isdtp=p1&export=1&enc=UTF-8&xf=xls`,
    URI_ID_DERIVED: reportId,
  });
}
