/**
 * Support leads log in as the customers' users they are helping: one to three times a workday,
 * ten or fifteen minutes each, always standard users. The routine against which
 * unusual-impersonation judges a first-time or privileged-target Login-As.
 */
import type { GenContext } from '../context';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { loginAs } from './login-as';

export function supportLoginAs(ctx: GenContext, rng: Rng, support: SimUser, sessions: readonly Session[]): void {
  const ui = sessions.filter((s) => s.kind === 'ui');
  if (ui.length === 0) return;
  const count = rng.int(1, 3);
  const targets = ctx.users.filter((u) => u.role === 'standard' && u.deactivatedMs === undefined);
  for (let i = 0; i < count; i++) {
    const session = rng.pick(ui);
    const at = rng.int(session.startMs + 10 * MINUTE_MS, Math.max(session.startMs + 10 * MINUTE_MS, session.endMs - 20 * MINUTE_MS));
    loginAs(ctx, rng, session, rng.pick(targets), at, rng.int(5, 15));
  }
}
