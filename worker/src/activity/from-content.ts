/**
 * Files (Salesforce Files / CRM Content) → Activities:
 * - ContentDistribution (a public link to a file) → `file.share` with the link's settings;
 * - ContentDocumentLink (a file shared with a user, group or library) → `file.share` with the
 *   recipient. The link has no "created by": the actor is the file's owner, who usually shares it
 *   (shares by others show in the ContentDocumentLink event log with the actor). The owner's own
 *   link and links to records (a file attached to an Account…) are not shares: `null`.
 * - deleted ContentDocument (recycle bin, queryAll) → `file.delete` by its last modifier.
 * Titles and public URLs are not read: a public link's URL is itself a secret.
 */
import type { Activity, FileShare } from './activity';
import { parseSfDateTime } from './sf-datetime';

export interface ContentDistributionRow {
  Id: string;
  CreatedDate: string;
  CreatedById: string | null;
  ContentDocumentId: string | null;
  PreferencesPasswordRequired: boolean | null;
  PreferencesExpires: boolean | null;
  ExpiryDate: string | null;
  PreferencesAllowOriginalDownload: boolean | null;
  PreferencesAllowPDFDownload: boolean | null;
}

export const CONTENT_DISTRIBUTION_FIELDS = [
  'Id', 'CreatedDate', 'CreatedById', 'ContentDocumentId', 'PreferencesPasswordRequired', 'PreferencesExpires', 'ExpiryDate',
  'PreferencesAllowOriginalDownload', 'PreferencesAllowPDFDownload',
] as const;

export function fromContentDistribution(row: ContentDistributionRow, orgId: string): Activity | undefined {
  const timeMs = parseSfDateTime(row.CreatedDate);
  if (!Number.isFinite(timeMs) || !row.Id || !row.CreatedById) return undefined;
  const share: FileShare = {
    kind: 'public-link',
    passwordRequired: row.PreferencesPasswordRequired === true,
    allowDownload: row.PreferencesAllowOriginalDownload !== false || row.PreferencesAllowPDFDownload === true,
  };
  const expires = row.PreferencesExpires === true && row.ExpiryDate ? parseSfDateTime(row.ExpiryDate) : Number.NaN;
  if (Number.isFinite(expires)) share.expiresAtMs = expires;
  return { id: row.Id, source: 'ContentDistribution', timeMs, orgId, userId: row.CreatedById, kind: 'file.share', object: 'ContentDistribution', ...(row.ContentDocumentId ? { recordId: row.ContentDocumentId } : {}), share, ipTags: [] };
}

export interface ContentDocumentLinkRow {
  Id: string;
  SystemModstamp: string;
  ContentDocumentId: string | null;
  LinkedEntityId: string | null;
  ShareType: string | null;
  Visibility: string | null;
  ContentDocument?: { OwnerId?: string | null } | null;
}

export const CONTENT_DOCUMENT_LINK_FIELDS = ['Id', 'SystemModstamp', 'ContentDocumentId', 'LinkedEntityId', 'ShareType', 'Visibility', 'ContentDocument.OwnerId'] as const;

/** Key prefixes of what a file can be shared with: users, groups (public groups, Chatter groups), libraries. */
const RECIPIENT_KINDS: Readonly<Record<string, FileShare['kind']>> = { '005': 'user', '00G': 'group', '0F9': 'group', '058': 'library' };

export function fromContentDocumentLink(row: ContentDocumentLinkRow, orgId: string): Activity | null | undefined {
  const timeMs = parseSfDateTime(row.SystemModstamp);
  const ownerId = row.ContentDocument?.OwnerId;
  if (!Number.isFinite(timeMs) || !row.Id || !row.LinkedEntityId || !row.ContentDocumentId) return undefined;
  const kind = RECIPIENT_KINDS[row.LinkedEntityId.slice(0, 3)];
  if (!kind || row.LinkedEntityId === ownerId) return null;
  const share: FileShare = { kind, recipientId: row.LinkedEntityId };
  if (row.ShareType) share.shareType = row.ShareType;
  if (row.Visibility) share.visibility = row.Visibility;
  const activity: Activity = { id: row.Id, source: 'ContentDocumentLink', timeMs, orgId, kind: 'file.share', object: 'ContentDocumentLink', recordId: row.ContentDocumentId, share, ipTags: [] };
  if (ownerId) activity.userId = ownerId;
  if (kind === 'user') activity.target = { userId: row.LinkedEntityId };
  return activity;
}

export interface DeletedContentDocumentRow {
  Id: string;
  SystemModstamp: string;
  LastModifiedById: string | null;
  OwnerId: string | null;
  FileType: string | null;
  ContentSize: number | null;
}

export const DELETED_CONTENT_DOCUMENT_FIELDS = ['Id', 'SystemModstamp', 'LastModifiedById', 'OwnerId', 'FileType', 'ContentSize'] as const;

export function fromDeletedContentDocument(row: DeletedContentDocumentRow, orgId: string): Activity | undefined {
  const timeMs = parseSfDateTime(row.SystemModstamp);
  const by = row.LastModifiedById ?? row.OwnerId;
  if (!Number.isFinite(timeMs) || !row.Id || !by) return undefined;
  const activity: Activity = { id: row.Id, source: 'ContentDocument', timeMs, orgId, userId: by, kind: 'file.delete', object: 'ContentDocument', recordId: row.Id, ipTags: [] };
  if (row.OwnerId && row.OwnerId !== by) activity.target = { userId: row.OwnerId };
  if (row.FileType) activity.status = row.FileType;
  return activity;
}
