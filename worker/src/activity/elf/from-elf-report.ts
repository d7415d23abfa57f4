/**
 * Report event rows → report.run, ROW_COUNT in `rows` (Object Reference, "Report Event Type");
 * ORIGIN (ReportRunFromLightning, ReportExported, DashboardComponentUpdated …) in `operation`.
 */
import { baseBuilder, idOf, type ElfNormalizer } from './elf-row';

export const elfReport: ElfNormalizer = {
  eventType: 'Report',
  bind(col, orgId) {
    const base = baseBuilder(col, 'Report', orgId);
    const c = { rows: col('ROW_COUNT'), reportDerived: col('REPORT_ID_DERIVED'), report: col('REPORT_ID'), entity: col('ENTITY_NAME'), origin: col('ORIGIN') };
    return (row, timeMs) => {
      const activity = base(row, 'report.run', timeMs);
      const rows = row.int(c.rows);
      if (rows !== undefined && rows >= 0) activity.rows = rows;
      const report = idOf(row, c.reportDerived, c.report);
      if (report) activity.recordId = report;
      const entity = row.shared(c.entity);
      if (entity) activity.object = entity;
      const origin = row.text(c.origin);
      if (origin) activity.operation = origin;
      return activity;
    };
  },
};
