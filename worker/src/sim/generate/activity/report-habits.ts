/**
 * Sales operations run and export the big operational extracts every workday (90–150k rows):
 * normal for them, and what report-anomaly must learn rather than flag.
 */
import type { GenContext } from '../context';
import { emitReportRow } from '../event-logs/types/report';
import { emitReportExportRow } from '../event-logs/types/report-export';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';

export function reportHabits(ctx: GenContext, rng: Rng, user: SimUser, day: number, sessions: readonly Session[]): void {
  const ui = sessions.filter((s) => s.kind === 'ui');
  if (user.role !== 'sales-ops' || ui.length === 0) return;
  const session = ui[0]!;
  const report = rng.pick(ctx.reports.bulk);
  const t = session.startMs + rng.int(10, 40) * MINUTE_MS;
  const rows = Math.round(report.typicalRows * rng.real(0.8, 1.25));
  emitReportRow(ctx, rng, session, t, { reportId: report.id, entity: report.entity, rows, columns: report.columns });
  const exportedAt = t + rng.int(1, 3) * MINUTE_MS;
  emitReportExportRow(ctx, rng, session, exportedAt, report.id, rows);
  ctx.journal.note({ kind: 'bulk-report-export', user, day, fromMs: t, toMs: exportedAt, evidence: { ips: [session.place.ip], records: { Report: [report.id] }, counts: { rows }, eventTypes: ['Report', 'ReportExport'] } });
}
