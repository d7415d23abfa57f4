/**
 * DocumentAttachmentDownloads event rows → file.download (Object Reference, "Document Attachment
 * Downloads Event Type": classic Attachments, key prefix 00P, and Documents, 015).
 */
import { baseBuilder, type ElfNormalizer } from './elf-row';
import { to18 } from './sf-id';

const OBJECT_BY_PREFIX: Record<string, string> = { '00P': 'Attachment', '015': 'Document' };

export const elfDocumentAttachmentDownloads: ElfNormalizer = {
  eventType: 'DocumentAttachmentDownloads',
  bind(col, orgId) {
    const base = baseBuilder(col, 'DocumentAttachmentDownloads', orgId);
    const c = { entity: col('ENTITY_ID'), fileType: col('FILE_TYPE') };
    return (row, timeMs) => {
      const activity = base(row, 'file.download', timeMs);
      const entity = to18(row.text(c.entity));
      if (entity) {
        activity.recordId = entity;
        activity.object = OBJECT_BY_PREFIX[entity.slice(0, 3)] ?? 'Attachment';
      }
      const fileType = row.text(c.fileType);
      if (fileType) activity.operation = fileType;
      return activity;
    };
  },
};
