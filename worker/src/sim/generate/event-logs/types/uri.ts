/** URI event rows: page requests in Salesforce Classic and Lightning's `/aura` calls. */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { rowBase, timings } from '../row-base';

export function emitUriRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, recordId: string, objectName: string): void {
  ctx.elf.add('URI', timeMs, {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    ...timings(rng),
    URI: '/aura',
    REQUEST_STATUS: '',
    DB_BLOCKS: rng.int(0, 400),
    DB_CPU_TIME: rng.int(0, 60),
    REFERRER_URI: `${ctx.org.myDomain.replace(/\./g, '-')}/lightning/r/${objectName}/${recordId}/view`,
    URI_ID_DERIVED: '',
  });
}
