/**
 * ContentTransfer rows: file downloads (VersionDownloadAction in the UI, VersionDownloadApi
 * through the API — sync clients), previews (VersionRenditionDownload) and uploads (saveVersion).
 * No session columns: the type has none.
 */
import type { GenContext } from '../../context';
import type { SimUser } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export type TransferType = 'VersionDownloadAction' | 'VersionDownloadApi' | 'VersionRenditionDownload' | 'saveVersion';

export interface TransferredFile {
  documentId: string;
  versionId: string;
  fileType: string;
  sizeBytes: number;
}

export function emitContentTransferRow(ctx: GenContext, rng: Rng, user: SimUser, timeMs: number, type: TransferType, file: TransferredFile): void {
  ctx.elf.add('ContentTransfer', timeMs, {
    ...rowBase(ctx, rng, timeMs, user),
    TRANSACTION_TYPE: type,
    DOCUMENT_ID: file.documentId.slice(0, 15),
    DOCUMENT_ID_DERIVED: file.documentId,
    VERSION_ID: file.versionId.slice(0, 15),
    VERSION_ID_DERIVED: file.versionId,
    FILE_TYPE: file.fileType,
    FILE_PREVIEW_TYPE: type === 'VersionRenditionDownload' ? (file.fileType === 'PDF' ? 'PDF' : 'THUMB720BY480') : '',
    SIZE_BYTES: file.sizeBytes,
  });
}
