/**
 * The org's files: ContentDocument rows (owner, title, type, size; deleted ones flagged
 * `IsDeleted: true` so only queryAll sees them, as Salesforce's recycle bin), their
 * ContentDocumentLink rows (owner link, shares with users and records). Kept in memory as
 * small objects and written at the end, because a deletion changes a row written days earlier.
 */
import type { IdFactory } from '../id-factory';
import { keyPrefix, REFERENCE_PREFIXES } from '../key-prefixes';
import type { RecordSinks } from '../output/record-sinks';
import type { Rng } from '../prng';
import { sfDateTime } from '../time';

export interface Doc {
  id: string;
  versionId: string;
  ownerId: string;
  title: string;
  extension: string;
  fileType: string;
  sizeBytes: number;
  createdMs: number;
  deletedMs?: number;
  deletedById?: string;
}

export interface Link {
  id: string;
  doc: Doc;
  linkedEntityId: string;
  shareType: 'V' | 'C' | 'I';
  visibility: 'AllUsers' | 'InternalUsers' | 'SharedUsers';
  atMs: number;
}

const KINDS = [
  ['pdf', 'PDF', 300_000], ['docx', 'WORD_X', 90_000], ['xlsx', 'EXCEL_X', 120_000], ['pptx', 'POWER_POINT_X', 2_500_000],
  ['png', 'PNG', 400_000], ['csv', 'CSV', 60_000], ['zip', 'ZIP', 5_000_000],
] as const;
const TOPICS = ['Proposal', 'Contract', 'Pricing', 'QBR deck', 'Invoice', 'Forecast', 'Roadmap', 'Case study', 'SOW', 'NDA', 'Brochure', 'Price list', 'Customer list', 'Pipeline export'];

export class FileStore {
  readonly docs: Doc[] = [];
  readonly links: Link[] = [];
  private readonly byOwner = new Map<string, Doc[]>();

  constructor(private readonly ids: IdFactory) {}

  create(rng: Rng, ownerId: string, atMs: number, title?: string): Doc {
    const [extension, fileType, size] = rng.pick(KINDS);
    const doc: Doc = {
      id: this.ids.next(keyPrefix('ContentDocument')), versionId: this.ids.next(REFERENCE_PREFIXES.ContentVersion), ownerId,
      title: title ?? `${rng.pick(TOPICS)} ${rng.int(2023, 2026)}-${String(rng.int(1, 12)).padStart(2, '0')}`,
      extension, fileType, sizeBytes: Math.round(size * rng.real(0.2, 3)), createdMs: atMs,
    };
    this.docs.push(doc);
    const owned = this.byOwner.get(ownerId) ?? [];
    owned.push(doc);
    this.byOwner.set(ownerId, owned);
    this.share(doc, ownerId, atMs, 'I', 'AllUsers');
    return doc;
  }

  share(doc: Doc, entityId: string, atMs: number, shareType: Link['shareType'] = 'V', visibility: Link['visibility'] = 'AllUsers'): Link {
    const link: Link = { id: this.ids.next(keyPrefix('ContentDocumentLink')), doc, linkedEntityId: entityId, shareType, visibility, atMs };
    this.links.push(link);
    return link;
  }

  delete(doc: Doc, byUserId: string, atMs: number): void {
    doc.deletedMs = atMs;
    doc.deletedById = byUserId;
  }

  ownedBy(ownerId: string): readonly Doc[] {
    return this.byOwner.get(ownerId) ?? [];
  }

  /** A file the user could open at `atMs`: often their own, else any live file of the org. */
  pickFor(rng: Rng, userId: string, atMs: number): Doc | undefined {
    const own = this.ownedBy(userId).filter((d) => d.createdMs <= atMs && (d.deletedMs ?? Infinity) > atMs);
    if (own.length > 0 && rng.chance(0.5)) return rng.pick(own);
    for (let i = 0; i < 8 && this.docs.length > 0; i++) {
      const doc = rng.pick(this.docs);
      if (doc.createdMs <= atMs && (doc.deletedMs ?? Infinity) > atMs) return doc;
    }
    return undefined;
  }

  write(records: RecordSinks): void {
    for (const doc of this.docs) records.add('ContentDocument', documentRecord(doc));
    for (const link of this.links) records.add('ContentDocumentLink', linkRecord(link));
  }
}

function documentRecord(doc: Doc): Record<string, unknown> {
  const modified = doc.deletedMs ?? doc.createdMs;
  return {
    Id: doc.id, IsDeleted: doc.deletedMs !== undefined, CreatedDate: sfDateTime(doc.createdMs), CreatedById: doc.ownerId,
    LastModifiedDate: sfDateTime(modified), LastModifiedById: doc.deletedById ?? doc.ownerId, SystemModstamp: sfDateTime(modified),
    ContentModifiedDate: sfDateTime(doc.createdMs), ContentSize: doc.sizeBytes, FileExtension: doc.extension, FileType: doc.fileType,
    IsArchived: false, LatestPublishedVersionId: doc.versionId, OwnerId: doc.ownerId, ParentId: null, PublishStatus: 'R',
    SharingOption: 'A', SharingPrivacy: 'N', Title: doc.title,
  };
}

function linkRecord(link: Link): Record<string, unknown> {
  const deleted = link.doc.deletedMs !== undefined;
  return {
    Id: link.id, IsDeleted: deleted, SystemModstamp: sfDateTime(deleted ? (link.doc.deletedMs as number) : link.atMs),
    ContentDocumentId: link.doc.id, LinkedEntityId: link.linkedEntityId, ShareType: link.shareType, Visibility: link.visibility,
  };
}
