/** Role-specific habits that happen inside a person's sessions of the day. */
import type { GenContext } from '../context';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { benignGrants } from '../records/oauth';
import { adminWork } from './admin-work';
import { fileHabits } from './file-habits';
import { reportHabits } from './report-habits';
import { supportLoginAs } from './support-login-as';

export function roleHabits(ctx: GenContext, rng: Rng, user: SimUser, day: number, sessions: readonly Session[]): void {
  if (sessions.length === 0) return;
  if (user.role === 'admin') adminWork(ctx, rng.fork('admin'), user, day, sessions);
  if (user.role === 'support') supportLoginAs(ctx, rng.fork('login-as'), user, sessions);
  reportHabits(ctx, rng.fork('reports'), user, day, sessions);
  fileHabits(ctx, rng.fork('files'), user, day, sessions);
  benignGrants(ctx, rng.fork('oauth'), user, sessions[0]!.startMs);
}
