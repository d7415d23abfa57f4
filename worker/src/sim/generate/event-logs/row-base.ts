/**
 * Columns most event types share: who (15-character USER_ID, 18-character USER_ID_DERIVED),
 * when (TIMESTAMP, TIMESTAMP_DERIVED), which request, and — for events inside a session — the
 * SESSION_KEY / LOGIN_KEY that tie them to their login, and the client address.
 */
import type { GenContext } from '../context';
import { requestId } from '../id-factory';
import type { Session, SimUser } from '../model';
import type { CsvValue } from '../output/csv-line';
import type { Rng } from '../prng';
import { elfTimestamp, isoZ } from '../time';

export type Row = Record<string, CsvValue>;

export function rowBase(ctx: GenContext, rng: Rng, timeMs: number, user: SimUser | undefined, session?: Session): Row {
  return {
    TIMESTAMP: elfTimestamp(timeMs),
    TIMESTAMP_DERIVED: isoZ(timeMs),
    REQUEST_ID: requestId(rng),
    ORGANIZATION_ID: ctx.org.orgId15,
    USER_ID: user?.id15 ?? '',
    USER_ID_DERIVED: user?.id ?? '',
    SESSION_KEY: session?.sessionKey ?? '',
    LOGIN_KEY: session?.loginKey ?? '',
    CLIENT_IP: session?.place.ip ?? '',
    USER_TYPE: 'Standard',
  };
}

/** Server timings: plausible small numbers (milliseconds; DB time in nanoseconds as Salesforce reports it). */
export function timings(rng: Rng, scale = 1): Row {
  const run = Math.round(rng.real(20, 400) * scale);
  return { RUN_TIME: run, CPU_TIME: Math.round(run * rng.real(0.1, 0.5)), DB_TOTAL_TIME: Math.round(run * rng.real(0.2, 0.7) * 1_000_000) };
}
