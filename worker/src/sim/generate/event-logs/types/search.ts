/** Search event rows (global search): the query text, its first 100 characters, and the result count. */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

const TERMS = ['acme', 'renewal', 'q4 forecast', 'invoice', 'contract', 'onboarding', 'escalation', 'pricing', 'globex', 'smith'];

export function emitSearchRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number): void {
  const base = rowBase(ctx, rng, timeMs, session.user, session);
  ctx.elf.add('Search', timeMs, {
    EVENT_TYPE: 'Search', TIMESTAMP: base.TIMESTAMP, REQUEST_ID: base.REQUEST_ID, ORGANIZATION_ID: base.ORGANIZATION_ID,
    USER_ID: base.USER_ID, TIMESTAMP_DERIVED: base.TIMESTAMP_DERIVED,
    QUERY_ID: `-${rng.token(13, '0123456789abcdefghijklmnopqrstuvwxyz')}`,
    NUM_RESULTS: rng.int(0, 40),
    SEARCH_QUERY: `"${rng.pick(TERMS)}*"`,
    PREFIXES_SEARCHED: rng.pick(['001 003 006', '001', '500', '005']),
  });
}
