/**
 * One person's day, end to end: the planned sessions become sign-ins (with the occasional
 * mistyped password first), activity inside each session, and a logout or timeout. Nobody signs
 * in after being deactivated or frozen. Returns the sessions so role habits (admin work,
 * Login-As, exports…) can happen inside them.
 */
import { periodEnd, type GenContext } from '../context';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { planDay, type PlannedSession } from './day-plan';
import { recordLogin } from './logins';
import { endSession } from './session-end';
import { sessionActivity } from './session-activity';

/** Whether the account can sign in at this time. */
export function canSignIn(user: SimUser, atMs: number): boolean {
  return atMs >= user.createdMs && (user.deactivatedMs === undefined || atMs < user.deactivatedMs) && (user.frozenMs === undefined || atMs < user.frozenMs);
}

function typos(ctx: GenContext, rng: Rng, user: SimUser, planned: PlannedSession): void {
  let t = planned.startMs - planned.typos * rng.int(15_000, 40_000);
  for (let i = 0; i < planned.typos; i++) {
    recordLogin(ctx, rng, { user, timeMs: t, place: planned.place, device: planned.device, kind: planned.kind, status: 'Invalid Password' });
    t += rng.int(15_000, 40_000);
  }
}

/** Signs in, does the session's activity, ends it. */
export function runSession(ctx: GenContext, rng: Rng, user: SimUser, planned: PlannedSession): Session | undefined {
  // Local days reach into the UTC days around the period; keep every sign-in inside it.
  if (planned.startMs < ctx.options.startMs || planned.startMs >= periodEnd(ctx)) return undefined;
  if (!canSignIn(user, planned.startMs)) return undefined;
  if (planned.typos > 0) typos(ctx, rng, user, planned);
  const { session } = recordLogin(ctx, rng, {
    user, timeMs: planned.startMs, place: planned.place, device: planned.device, kind: planned.kind, status: 'Success',
    durationMs: planned.endMs - planned.startMs, explicitLogout: planned.explicitLogout,
  });
  if (!session) return undefined;
  sessionActivity(ctx, rng, session);
  endSession(ctx, rng, session);
  return session;
}

export function runUserDay(ctx: GenContext, rng: Rng, user: SimUser, day: number): Session[] {
  const plan = planDay(ctx, rng, user, day);
  const sessions: Session[] = [];
  for (const planned of plan.sessions) {
    const session = runSession(ctx, rng, user, planned);
    if (session) sessions.push(session);
  }
  return sessions;
}
