/**
 * LoginAs event rows: USER_ID is the user being impersonated, DELEGATED_USER_* the admin or
 * support person doing it (Salesforce's convention for this type).
 */
import type { GenContext } from '../../context';
import type { Session, SimUser } from '../../model';
import type { Rng } from '../../prng';
import { rowBase, timings } from '../row-base';

export function emitLoginAsRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, admin: SimUser): void {
  ctx.elf.add('LoginAs', timeMs, {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    ...timings(rng),
    URI: '/servlet/servlet.su',
    DELEGATED_USER_NAME: admin.username,
    DELEGATED_USER_ID: admin.id15,
    DELEGATED_USER_ID_DERIVED: admin.id,
    URI_ID_DERIVED: '',
  });
}
