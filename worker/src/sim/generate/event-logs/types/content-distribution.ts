/** ContentDistribution rows: a public link created (INSERT) or viewed by its recipient (VIEW). */
import type { GenContext } from '../../context';
import type { SimUser } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export function emitContentDistributionRow(
  ctx: GenContext, rng: Rng, user: SimUser, timeMs: number,
  link: { deliveryId: string; versionId: string; relatedId?: string; action: 'INSERT' | 'VIEW' | 'UPDATE' },
): void {
  const base = rowBase(ctx, rng, timeMs, user);
  ctx.elf.add('ContentDistribution', timeMs, {
    TIMESTAMP: base.TIMESTAMP, REQUEST_ID: base.REQUEST_ID, ORGANIZATION_ID: base.ORGANIZATION_ID,
    DELIVERY_ID: link.deliveryId.slice(0, 15), USER_ID: base.USER_ID, VERSION_ID: link.versionId.slice(0, 15),
    RELATED_ENTITY_ID: link.relatedId?.slice(0, 15) ?? '', DELIVERY_LOCATION: link.action === 'VIEW' ? 'H' : '',
    ACTION: link.action, TIMESTAMP_DERIVED: base.TIMESTAMP_DERIVED, USER_ID_DERIVED: base.USER_ID_DERIVED,
  });
}
