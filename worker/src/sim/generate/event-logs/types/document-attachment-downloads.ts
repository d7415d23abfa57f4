/** DocumentAttachmentDownloads rows: downloads of classic attachments (00P) and documents (015). */
import type { GenContext } from '../../context';
import type { SimUser } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export function emitAttachmentDownloadRow(ctx: GenContext, rng: Rng, user: SimUser, timeMs: number, entityId: string, mimeType: string): void {
  const base = rowBase(ctx, rng, timeMs, user);
  ctx.elf.add('DocumentAttachmentDownloads', timeMs, {
    TIMESTAMP: base.TIMESTAMP, REQUEST_ID: base.REQUEST_ID, ORGANIZATION_ID: base.ORGANIZATION_ID, ENTITY_ID: entityId.slice(0, 15),
    FILE_TYPE: mimeType, USER_ID: base.USER_ID, TIMESTAMP_DERIVED: base.TIMESTAMP_DERIVED, USER_ID_DERIVED: base.USER_ID_DERIVED,
  });
}
