/** A random moment inside a session, a minute clear of its start and end. */
import type { Session } from '../model';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';

export function timeDuring(rng: Rng, session: Session): number {
  return rng.int(session.startMs + MINUTE_MS, Math.max(session.startMs + MINUTE_MS, session.endMs - MINUTE_MS));
}
