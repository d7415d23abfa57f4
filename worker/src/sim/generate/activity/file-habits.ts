/**
 * How different people handle files, inside their sessions:
 * - marketing publishes collateral as public links (ContentDistribution) every day and shares
 *   files with partner-community users at the allowed partner domain;
 * - the records manager deletes expired files every day (retention clean-up);
 * - people with the desktop sync client download dozens of files a day through the API
 *   (ContentTransfer VersionDownloadApi);
 * - anyone occasionally shares a file with a colleague.
 * These are the baselines the file policies must not alert on.
 */
import type { GenContext } from '../context';
import { emitContentDistributionRow } from '../event-logs/types/content-distribution';
import { emitContentDocumentLinkRow } from '../event-logs/types/content-document-link';
import { emitContentTransferRow } from '../event-logs/types/content-transfer';
import { keyPrefix } from '../key-prefixes';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import type { Doc } from '../records/file-store';
import { DAY_MS, MINUTE_MS, sfDateTime } from '../time';
import { timeDuring as during } from './session-time';

function ownDoc(ctx: GenContext, rng: Rng, user: SimUser, atMs: number): Doc {
  const own = ctx.files.ownedBy(user.id).filter((d) => d.deletedMs === undefined && d.createdMs <= atMs);
  return own.length > 0 && rng.chance(0.7) ? rng.pick(own) : ctx.files.create(rng, user.id, atMs - rng.int(1, 30) * MINUTE_MS);
}

/** A public link to the file (ContentDistribution row + log row); returns the link's id. */
export function publishLink(ctx: GenContext, rng: Rng, user: SimUser, doc: Doc, atMs: number): string {
  const id = ctx.ids.next(keyPrefix('ContentDistribution'));
  const token = rng.token(24);
  const host = ctx.org.myDomain.replace('.my.salesforce.com', '.my.salesforce-sites.com');
  ctx.records.add('ContentDistribution', {
    Id: id, IsDeleted: false, CreatedDate: sfDateTime(atMs), CreatedById: user.id, LastModifiedDate: sfDateTime(atMs), LastModifiedById: user.id,
    SystemModstamp: sfDateTime(atMs), ContentDocumentId: doc.id, ContentVersionId: doc.versionId, Name: doc.title, OwnerId: user.id,
    DistributionPublicUrl: `https://${host}/sfc/p/${id.slice(0, 15)}/${token}`, ContentDownloadUrl: `https://${host}/sfc/dist/version/download/?oid=${ctx.org.orgId15}&ids=${doc.versionId.slice(0, 15)}&d=${token}`,
    PreferencesAllowOriginalDownload: true, PreferencesAllowPDFDownload: true, PreferencesAllowViewInBrowser: true, PreferencesExpires: false,
    PreferencesLinkLatestVersion: true, PreferencesNotifyOnVisit: false, PreferencesPasswordRequired: false, ExpiryDate: null, Password: null,
    RelatedRecordId: null, ViewCount: 0, FirstViewDate: null, LastViewDate: null,
  });
  emitContentDistributionRow(ctx, rng, user, atMs, { deliveryId: id, versionId: doc.versionId, action: 'INSERT' });
  return id;
}

/** Shares the file with a user or record (ContentDocumentLink row + log row); returns the link's id. */
export function shareFile(ctx: GenContext, rng: Rng, user: SimUser, doc: Doc, withId: string, atMs: number): string {
  const link = ctx.files.share(doc, withId, atMs, 'V', 'AllUsers');
  emitContentDocumentLinkRow(ctx, rng, user, atMs, { documentId: doc.id, sharedWithId: withId, permission: 'V', operation: 'INSERT' });
  return link.id;
}

function marketing(ctx: GenContext, rng: Rng, user: SimUser, day: number, sessions: readonly Session[]): void {
  const partners = ctx.externalUsers.filter((u) => u.userType === 'PowerPartner' && u.email.endsWith(ctx.allowedDomains[0] ?? ''));
  const times = Array.from({ length: rng.int(3, 8) }, () => during(rng, rng.pick(sessions))).sort((a, b) => a - b);
  const links = times.map((t) => publishLink(ctx, rng, user, ownDoc(ctx, rng, user, t), t));
  ctx.journal.note({ kind: 'public-links', user, day, fromMs: times[0]!, toMs: times[times.length - 1]!, evidence: { records: { ContentDistribution: links }, counts: { publicLinks: links.length }, eventTypes: ['ContentDistribution'] } });
  if (partners.length > 0 && rng.chance(0.5)) {
    const t = during(rng, rng.pick(sessions));
    shareFile(ctx, rng, user, ownDoc(ctx, rng, user, t), rng.pick(partners).id, t);
  }
}

function retentionCleanUp(ctx: GenContext, rng: Rng, user: SimUser, day: number, sessions: readonly Session[]): void {
  const t0 = during(rng, sessions[0]!);
  const expired = ctx.files.docs.filter((d) => d.deletedMs === undefined && d.createdMs < t0 - 180 * DAY_MS);
  const chosen = rng.sample(expired, Math.min(expired.length, rng.int(15, 30)));
  let last = t0;
  for (const doc of chosen) {
    const at = t0 + rng.int(0, 40) * MINUTE_MS;
    ctx.files.delete(doc, user.id, at);
    last = Math.max(last, at);
  }
  if (chosen.length > 0) ctx.journal.note({ kind: 'retention-cleanup', user, day, fromMs: t0, toMs: last, evidence: { records: { ContentDocument: chosen.map((d) => d.id) }, counts: { deleted: chosen.length } } });
}

function syncClient(ctx: GenContext, rng: Rng, user: SimUser, day: number, sessions: readonly Session[]): void {
  let downloads = 0;
  for (const session of sessions) {
    for (let t = session.startMs + rng.int(1, 10) * MINUTE_MS; t < session.endMs; t += rng.int(10, 25) * MINUTE_MS) {
      // Each sync pass pulls whatever changed: a handful of files within seconds.
      for (let k = rng.int(2, 5); k > 0; k--) {
        const doc = ctx.files.pickFor(rng, user.id, t);
        if (!doc) continue;
        emitContentTransferRow(ctx, rng, user, t + k * rng.int(300, 2000), 'VersionDownloadApi', { documentId: doc.id, versionId: doc.versionId, fileType: doc.fileType, sizeBytes: doc.sizeBytes });
        downloads++;
      }
    }
  }
  const first = sessions[0]!;
  const last = sessions[sessions.length - 1]!;
  ctx.journal.note({ kind: 'sync-downloads', user, day, fromMs: first.startMs, toMs: last.endMs, evidence: { counts: { downloads }, transactionType: 'VersionDownloadApi', eventTypes: ['ContentTransfer'] } });
}

export function fileHabits(ctx: GenContext, rng: Rng, user: SimUser, day: number, sessions: readonly Session[]): void {
  const ui = sessions.filter((s) => s.kind === 'ui');
  if (ui.length === 0) return;
  if (user.role === 'marketing') marketing(ctx, rng, user, day, ui);
  if (user.role === 'records-manager') retentionCleanUp(ctx, rng, user, day, ui);
  if (user.syncClient) syncClient(ctx, rng, user, day, ui);
  if (rng.chance(0.05)) {
    const colleague = rng.pick(ctx.users);
    const t = during(rng, rng.pick(ui));
    shareFile(ctx, rng, user, ownDoc(ctx, rng, user, t), colleague.id, t);
  }
}
