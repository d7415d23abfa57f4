/** ContentDocumentLink rows: a file shared with a user, group or record (INSERT), or unshared (DELETE). */
import type { GenContext } from '../../context';
import type { SimUser } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export function emitContentDocumentLinkRow(
  ctx: GenContext, rng: Rng, user: SimUser, timeMs: number,
  link: { documentId: string; sharedWithId: string; permission: 'V' | 'C' | 'I'; operation: 'INSERT' | 'UPDATE' | 'DELETE' },
): void {
  const base = rowBase(ctx, rng, timeMs, user);
  ctx.elf.add('ContentDocumentLink', timeMs, {
    TIMESTAMP: base.TIMESTAMP, REQUEST_ID: base.REQUEST_ID, ORGANIZATION_ID: base.ORGANIZATION_ID, USER_ID: base.USER_ID,
    DOCUMENT_ID: link.documentId.slice(0, 15), SHARED_WITH_ENTITY_ID: link.sharedWithId.slice(0, 15),
    SHARING_PERMISSION: link.permission, SHARING_OPERATION: link.operation,
    TIMESTAMP_DERIVED: base.TIMESTAMP_DERIVED, USER_ID_DERIVED: base.USER_ID_DERIVED,
  });
}
