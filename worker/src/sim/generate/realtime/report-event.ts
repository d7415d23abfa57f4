/**
 * ReportEvent: "Tracks when reports are run in your org" — runs and exports (Operation
 * ReportRunFromLightning, ReportExported …; Platform Events Developer Guide, ReportEvent). One row
 * per Report or ReportExport log row, same instant, user, keys and report; RowsProcessed is the
 * run's row count (ROW_COUNT), known for an export when the caller passes it. One event per
 * execution (Sequence 1): report data (`Records`) is not generated.
 */
import type { ReportDef } from '../activity/report-catalog';
import type { GenContext } from '../context';
import type { Session } from '../model';

export interface ReportExecution {
  reportId: string;
  operation: string;
  rows?: number;
  columns?: number;
  exportFileFormat?: 'Excel' | 'CSV';
}

function reportDef(ctx: GenContext, id: string): ReportDef | undefined {
  return ctx.reports.standard.find((r) => r.id === id) ?? ctx.reports.bulk.find((r) => r.id === id);
}

export function storeReportEvent(ctx: GenContext, session: Session, timeMs: number, run: ReportExecution): void {
  if (!ctx.realtime.enabled) return;
  const report = reportDef(ctx, run.reportId);
  ctx.realtime.bigObject('ReportEvent', timeMs, {
    UserId: session.user.id, Username: session.user.username, SessionKey: session.sessionKey, LoginKey: session.loginKey, LoginHistoryId: session.loginHistoryId,
    SourceIp: session.place.ip, SessionLevel: 'STANDARD', ReportId: run.reportId, Name: report?.name, QueriedEntities: report?.entity,
    Operation: run.operation, EventSource: 'Lightning', Format: 'Tabular', IsScheduled: false, Scope: 'organization', RowsProcessed: run.rows,
    NumberOfColumns: run.columns ?? report?.columns, ExportFileFormat: run.exportFileFormat, ExecutionIdentifier: ctx.realtime.uuid(), Sequence: 1,
  });
}
