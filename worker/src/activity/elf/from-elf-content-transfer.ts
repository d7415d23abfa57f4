/**
 * ContentTransfer event rows → file.download for downloads (TRANSACTION_TYPE
 * VersionDownloadAction in the UI, VersionDownloadApi through the API; Object Reference, "Content
 * Transfer Event Type"). Previews (VersionRenditionDownload) and uploads (saveVersion) are read
 * and counted but are not downloads: no activity.
 */
import { baseBuilder, idOf, type ElfNormalizer } from './elf-row';

const DOWNLOADS = new Set(['VersionDownloadAction', 'VersionDownloadApi']);

export const elfContentTransfer: ElfNormalizer = {
  eventType: 'ContentTransfer',
  bind(col, orgId) {
    const base = baseBuilder(col, 'ContentTransfer', orgId);
    const c = { type: col('TRANSACTION_TYPE'), docDerived: col('DOCUMENT_ID_DERIVED'), doc: col('DOCUMENT_ID') };
    return (row, timeMs) => {
      const activity = base(row, 'file.download', timeMs);
      const type = row.text(c.type);
      if (!DOWNLOADS.has(type)) return null;
      activity.operation = type;
      activity.object = 'ContentDocument';
      const doc = idOf(row, c.docDerived, c.doc);
      if (doc) activity.recordId = doc;
      return activity;
    };
  },
};
