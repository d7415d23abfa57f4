/**
 * The files stream (every 60 min, 7 days backfill): three sources, each with its own cursor.
 * - ContentDistribution (public links): `(CreatedDate, Id)`.
 * - ContentDocumentLink (shares): `(SystemModstamp, Id)` — the object has no CreatedDate. Salesforce
 *   refuses an unfiltered ContentDocumentLink query ("Implementation restriction: … requires a
 *   filter by a single Id on ContentDocumentId or LinkedEntityId") unless the reader has Query All
 *   Files, API 59.0+ (Object Reference, ContentDocumentLink). The service account has it
 *   (Warden_Integration); without it the source reports "not available" instead of failing.
 * - deleted ContentDocument: queryAll `IsDeleted = true`, `(SystemModstamp, Id)` — the deletion
 *   time; the recycle bin keeps them 15 days.
 */
import { parseSfDateTime } from '../activity/sf-datetime';
import {
  CONTENT_DISTRIBUTION_FIELDS,
  CONTENT_DOCUMENT_LINK_FIELDS,
  DELETED_CONTENT_DOCUMENT_FIELDS,
  fromContentDistribution,
  fromContentDocumentLink,
  fromDeletedContentDocument,
  type ContentDistributionRow,
  type ContentDocumentLinkRow,
  type DeletedContentDocumentRow,
} from '../activity/from-content';
import { raw, soql } from '../salesforce/soql';
import { whenAvailable } from './availability';
import { timeCursorSource } from './cursor-poll';
import type { StreamDefinition, TimeCursorQuery } from './stream';

const range = (field: string, fromMs: number, untilMs: number) => soql`${raw(field)} >= ${new Date(fromMs)} AND ${raw(field)} < ${new Date(untilMs)}`;

export const contentDistributionQuery: TimeCursorQuery<ContentDistributionRow> = {
  id: 'ContentDistribution',
  priority: 'ingest',
  // A public link is created once; later changes (views, expiry edits) do not make a new share.
  query: ({ fromMs, untilMs }) =>
    soql`SELECT ${raw(CONTENT_DISTRIBUTION_FIELDS.join(', '))} FROM ContentDistribution WHERE ${raw(range('CreatedDate', fromMs, untilMs))} ORDER BY CreatedDate ASC, Id ASC`,
  timeOf: (row) => parseSfDateTime(row.CreatedDate),
  idOf: (row) => row.Id,
  normalize: fromContentDistribution,
};

export const contentDocumentLinkQuery: TimeCursorQuery<ContentDocumentLinkRow> = {
  id: 'ContentDocumentLink',
  priority: 'ingest',
  // SystemModstamp: the only time field of a link (set when it is created or its access changes).
  query: ({ fromMs, untilMs }) =>
    soql`SELECT ${raw(CONTENT_DOCUMENT_LINK_FIELDS.join(', '))} FROM ContentDocumentLink WHERE ${raw(range('SystemModstamp', fromMs, untilMs))} ORDER BY SystemModstamp ASC, Id ASC`,
  timeOf: (row) => parseSfDateTime(row.SystemModstamp),
  idOf: (row) => row.Id,
  normalize: fromContentDocumentLink,
};

export const deletedContentDocumentQuery: TimeCursorQuery<DeletedContentDocumentRow> = {
  id: 'ContentDocument',
  priority: 'ingest',
  // Deleted files only (the recycle bin): queryAll; SystemModstamp is when they were deleted.
  query: ({ fromMs, untilMs }) =>
    soql`SELECT ${raw(DELETED_CONTENT_DOCUMENT_FIELDS.join(', '))} FROM ContentDocument WHERE IsDeleted = true AND ${raw(range('SystemModstamp', fromMs, untilMs))} ORDER BY SystemModstamp ASC, Id ASC`,
  timeOf: (row) => parseSfDateTime(row.SystemModstamp),
  idOf: (row) => row.Id,
  normalize: fromDeletedContentDocument,
  includeDeleted: true,
};

export const filesStream: StreamDefinition = {
  name: 'files',
  pollIntervalMinutes: 60,
  backfillDays: 7,
  priority: 'ingest',
  sources: [
    timeCursorSource(contentDistributionQuery),
    whenAvailable(timeCursorSource(contentDocumentLinkQuery), {
      errorCodes: ['MALFORMED_QUERY', 'INVALID_TYPE', 'INSUFFICIENT_ACCESS_OR_READONLY'],
      remedy: 'give the service account Query All Files (in the Warden_Integration permission set) to read file shares',
    }),
    timeCursorSource(deletedContentDocumentQuery),
  ],
};
