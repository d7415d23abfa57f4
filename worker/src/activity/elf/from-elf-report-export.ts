/**
 * ReportExport event rows → report.export (Object Reference, "Report Export Event Type"). The
 * report is URI_ID_DERIVED (else the id in URI, `/00O…`); CLIENT_INFO is the browser. The row
 * does not say how many rows left: detections that need it use the Report row of the run.
 */
import { baseBuilder, type ElfNormalizer } from './elf-row';
import { to18 } from './sf-id';

export const elfReportExport: ElfNormalizer = {
  eventType: 'ReportExport',
  bind(col, orgId) {
    const base = baseBuilder(col, 'ReportExport', orgId);
    const c = { uriId: col('URI_ID_DERIVED'), clientInfo: col('CLIENT_INFO') };
    return (row, timeMs) => {
      const activity = base(row, 'report.export', timeMs);
      const report = to18(row.text(c.uriId)) ?? to18(activity.uri?.replace(/^\//, '') ?? '');
      if (report) activity.recordId = report;
      const clientInfo = row.text(c.clientInfo);
      if (clientInfo) activity.userAgent = clientInfo;
      activity.object = 'Report';
      return activity;
    };
  },
};
