/**
 * What people do once signed in, as event log rows inside their session: Lightning page views
 * and `/aura` requests on records, searches, report runs (and, for some, exports), file
 * previews and downloads, the odd upload and attachment download. Mobile sessions call the
 * REST API instead. Counts scale with the session's length.
 */
import type { GenContext } from '../context';
import { emitAttachmentDownloadRow } from '../event-logs/types/document-attachment-downloads';
import { emitContentTransferRow } from '../event-logs/types/content-transfer';
import { emitPageViewRow } from '../event-logs/types/lightning-page-view';
import { emitReportRow } from '../event-logs/types/report';
import { emitReportExportRow } from '../event-logs/types/report-export';
import { emitRestApiRow } from '../event-logs/types/rest-api';
import { emitSearchRow } from '../event-logs/types/search';
import { emitUriRow } from '../event-logs/types/uri';
import { recordRef } from '../id-factory';
import { REFERENCE_PREFIXES } from '../key-prefixes';
import type { Session } from '../model';
import type { Rng } from '../prng';
import { HOUR_MS } from '../time';

const OBJECTS = [['Account', REFERENCE_PREFIXES.Account], ['Opportunity', REFERENCE_PREFIXES.Opportunity], ['Case', REFERENCE_PREFIXES.Case], ['Contact', REFERENCE_PREFIXES.Contact]] as const;

/** Events per hour of an interactive session (kept low: a 10,000-user month must stay a few GB). */
const PER_HOUR = { pageView: 0.35, uri: 0.3, search: 0.15, report: 0.1, file: 0.2, upload: 0.02, attachment: 0.02 };

function times(rng: Rng, session: Session, perHour: number): number[] {
  const hours = (session.endMs - session.startMs) / HOUR_MS;
  const count = rng.poisson(perHour * hours);
  return Array.from({ length: count }, () => rng.int(session.startMs + 5_000, Math.max(session.startMs + 5_000, session.endMs)));
}

function record(rng: Rng): { id: string; object: string } {
  const [object, prefix] = rng.pick(OBJECTS);
  return { id: recordRef(rng, prefix), object };
}

function browse(ctx: GenContext, rng: Rng, session: Session): void {
  for (const t of times(rng, session, PER_HOUR.pageView)) {
    const r = record(rng);
    emitPageViewRow(ctx, rng, session, t, r.id, r.object);
  }
  for (const t of times(rng, session, PER_HOUR.uri)) {
    const r = record(rng);
    emitUriRow(ctx, rng, session, t, r.id, r.object);
  }
  for (const t of times(rng, session, PER_HOUR.search)) emitSearchRow(ctx, rng, session, t);
}

function reports(ctx: GenContext, rng: Rng, session: Session): void {
  const perHour = session.user.role === 'sales-ops' || session.user.department === 'Sales' ? PER_HOUR.report * 3 : PER_HOUR.report;
  for (const t of times(rng, session, perHour)) {
    const report = rng.pick(ctx.reports.standard);
    const rows = Math.max(1, Math.round(report.typicalRows * rng.real(0.5, 1.5)));
    emitReportRow(ctx, rng, session, t, { reportId: report.id, entity: report.entity, rows, columns: report.columns });
    if (session.user.permissionSets.includes('Report_Exporter') && rng.chance(0.15)) emitReportExportRow(ctx, rng, session, t + 20_000, report.id, rows);
  }
}

function files(ctx: GenContext, rng: Rng, session: Session): void {
  const user = session.user;
  for (const t of times(rng, session, PER_HOUR.file)) {
    const doc = ctx.files.pickFor(rng, user.id, t);
    if (!doc) continue;
    const type = rng.chance(0.6) ? 'VersionRenditionDownload' : 'VersionDownloadAction';
    emitContentTransferRow(ctx, rng, user, t, type, { documentId: doc.id, versionId: doc.versionId, fileType: doc.fileType, sizeBytes: doc.sizeBytes });
  }
  for (const t of times(rng, session, PER_HOUR.upload)) {
    const doc = ctx.files.create(rng, user.id, t);
    emitContentTransferRow(ctx, rng, user, t, 'saveVersion', { documentId: doc.id, versionId: doc.versionId, fileType: doc.fileType, sizeBytes: doc.sizeBytes });
  }
  for (const t of times(rng, session, PER_HOUR.attachment)) {
    emitAttachmentDownloadRow(ctx, rng, user, t, recordRef(rng, REFERENCE_PREFIXES.Attachment), rng.pick(['application/pdf', 'image/png', 'image/jpeg']));
  }
}

function mobile(ctx: GenContext, rng: Rng, session: Session): void {
  const calls = rng.int(2, 6);
  for (let i = 0; i < calls; i++) {
    const t = rng.int(session.startMs + 2_000, session.endMs);
    const r = record(rng);
    emitRestApiRow(ctx, rng, session, t, { method: 'GET', uri: `/services/data/v62.0/ui-api/records/${r.id}`, entity: r.object, rows: 1, clientName: 'SalesforceMobileSDK' });
  }
  for (const t of times(rng, session, PER_HOUR.pageView * 2)) {
    const r = record(rng);
    emitPageViewRow(ctx, rng, session, t, r.id, r.object);
  }
}

/** Every event of an interactive (browser or mobile) session. */
export function sessionActivity(ctx: GenContext, rng: Rng, session: Session): void {
  if (session.kind === 'mobile') {
    mobile(ctx, rng, session);
    return;
  }
  browse(ctx, rng, session);
  reports(ctx, rng, session);
  files(ctx, rng, session);
}
