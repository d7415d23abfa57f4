/**
 * ContentDocumentLink event rows (Object Reference, "Content Document Link Event Type"):
 * SHARING_OPERATION INSERT or UPDATE → file.share with the recipient (SHARED_WITH_ENTITY_ID: a
 * user 005, a group 00G, a library 058, else a record) and SHARING_PERMISSION (V viewer,
 * C collaborator, I inferred). The owner's own link (recipient = actor, made on upload) and
 * DELETE are counted but are not shares: no activity.
 */
import type { FileShare } from '../activity';
import { baseBuilder, type ElfNormalizer } from './elf-row';
import { to18 } from './sf-id';

function recipientKind(id: string): FileShare['kind'] | undefined {
  if (id.startsWith('005')) return 'user';
  if (id.startsWith('00G')) return 'group';
  if (id.startsWith('058')) return 'library';
  return undefined;
}

export const elfContentDocumentLink: ElfNormalizer = {
  eventType: 'ContentDocumentLink',
  bind(col, orgId) {
    const base = baseBuilder(col, 'ContentDocumentLink', orgId);
    const c = { op: col('SHARING_OPERATION'), permission: col('SHARING_PERMISSION'), doc: col('DOCUMENT_ID'), with: col('SHARED_WITH_ENTITY_ID') };
    return (row, timeMs) => {
      const activity = base(row, 'file.share', timeMs);
      const recipient = to18(row.text(c.with));
      if (!(row.is(c.op, 'INSERT') || row.is(c.op, 'UPDATE')) || !recipient || recipient === activity.userId) return null;
      activity.operation = row.text(c.op);
      activity.object = 'ContentDocument';
      const doc = to18(row.text(c.doc));
      if (doc) activity.recordId = doc;
      const kind = recipientKind(recipient);
      activity.share = { kind: kind ?? 'library', recipientId: recipient };
      const permission = row.text(c.permission);
      if (permission) activity.share.shareType = permission;
      if (kind === 'user') activity.target = { userId: recipient };
      return activity;
    };
  },
};
