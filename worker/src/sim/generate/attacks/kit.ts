/**
 * Building blocks the scenarios share: picking an attack day, local wall-clock times for a
 * user, attacker sign-ins (with a short session of activity) and bursts of failed sign-ins.
 */
import { recordLogin, type LoginStatus } from '../activity/logins';
import { sessionActivity } from '../activity/session-activity';
import { endSession } from '../activity/session-end';
import { attackDays, dayStart, type GenContext } from '../context';
import type { Device, Place, Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { localToUtc, MINUTE_MS } from '../time';
import type { Scenario } from './scenario';
import { emitContentTransferRow } from '../event-logs/types/content-transfer';

/** A day for a scenario's attack or look-alike: after the learning period, in the last week, not the last day. */
export function pickScenarioDay(ctx: GenContext, rng: Rng): number {
  return rng.pick(attackDays(ctx));
}

/** UTC time of a local wall-clock time (minutes after midnight) on a generated day, in the user's office zone. */
export function localTime(ctx: GenContext, user: SimUser, day: number, minutes: number, timeZone = user.office.timeZone): number {
  return localToUtc(timeZone, dayStart(ctx, day) + Math.round(minutes) * MINUTE_MS);
}

export interface SignIn {
  user: SimUser;
  timeMs: number;
  place: Place;
  device: Device;
  kind?: Session['kind'];
  durationMs?: number;
  application?: string;
  /** Run the usual in-session activity (page views, searches…). */
  activity?: boolean;
}

/** A successful sign-in and its session (ended with a timeout unless told otherwise). */
export function signIn(ctx: GenContext, rng: Rng, s: SignIn): Session {
  const { session } = recordLogin(ctx, rng, {
    user: s.user, timeMs: s.timeMs, place: s.place, device: s.device, kind: s.kind ?? 'ui', status: 'Success',
    durationMs: s.durationMs ?? 20 * MINUTE_MS, ...(s.application ? { application: s.application } : {}),
  });
  if (!session) throw new Error('a successful sign-in opens a session');
  if (s.activity !== false) sessionActivity(ctx, rng, session);
  endSession(ctx, rng, session);
  return session;
}

/** Failed sign-ins at the given times; returns the LoginHistory ids. */
export function failures(ctx: GenContext, rng: Rng, user: SimUser, timesMs: number[], place: Place, device: Device, status: LoginStatus = 'Invalid Password'): string[] {
  return timesMs.map((timeMs) => recordLogin(ctx, rng, { user, timeMs, place, device, kind: 'ui', status }).loginHistoryId);
}

/** `count` times from `startMs`, each `minGapMs`–`maxGapMs` after the previous one. */
export function spacedTimes(rng: Rng, startMs: number, count: number, minGapMs: number, maxGapMs: number): number[] {
  const out: number[] = [];
  let t = startMs;
  for (let i = 0; i < count; i++) {
    out.push(t);
    t += rng.int(minGapMs, maxGapMs);
  }
  return out;
}

/** Standard users with a desk job (no special role): the usual victims. */
export function isDeskUser(user: SimUser): boolean {
  return user.role === 'standard' && user.userType === 'Standard' && !user.syncClient && user.trip === undefined;
}

export interface ScenarioDays {
  attackDay: number;
  quietDay: number;
}

export interface ScenarioParts {
  /** Before any activity (e.g. shape a victim's history), knowing the chosen days. */
  prepare?: (ctx: GenContext, rng: Rng, days: ScenarioDays) => void;
  attack: (ctx: GenContext, rng: Rng, day: number) => void;
  lookAlike: (ctx: GenContext, rng: Rng, day: number) => void;
  /** After the last day (label look-alikes from the journal). */
  finish?: (ctx: GenContext, rng: Rng, days: ScenarioDays) => void;
}

/** A scenario whose attack and look-alike each happen on one day chosen after the learning period. */
export function plannedScenario(policy: string, parts: ScenarioParts): Scenario {
  let attackDay = -1;
  let quietDay = -1;
  return {
    policy,
    prepare(ctx, rng) {
      attackDay = pickScenarioDay(ctx, rng.fork('attack-day'));
      quietDay = pickScenarioDay(ctx, rng.fork('quiet-day'));
      parts.prepare?.(ctx, rng.fork('prepare'), { attackDay, quietDay });
    },
    onDay(ctx, rng, day) {
      if (day === attackDay) parts.attack(ctx, rng.fork('attack'), day);
      if (day === quietDay) parts.lookAlike(ctx, rng.fork('look-alike'), day);
    },
    finish(ctx, rng) {
      parts.finish?.(ctx, rng, { attackDay, quietDay });
    },
  };
}

/** The user's office egress address. */
export function officePlace(ctx: GenContext, user: SimUser): Place {
  return ctx.pools.offices.find((o) => o.office === user.office)!.egress[0]!;
}

/** The country infrequent-country plants its sign-in from; no other scenario uses it. */
export const RARE_COUNTRY = 'TR';

/** `count` downloads (VersionDownloadAction) by the user starting at `fromMs`, `gapMs` apart on average; returns the document ids. */
export function downloads(ctx: GenContext, rng: Rng, user: SimUser, fromMs: number, count: number, gapMs: number): { ids: string[]; lastMs: number } {
  const ids: string[] = [];
  let t = fromMs;
  for (let i = 0; i < count; i++) {
    t += rng.int(Math.round(gapMs / 2), Math.round(gapMs * 1.5));
    const doc = ctx.files.pickFor(rng, user.id, t);
    if (!doc) continue;
    emitContentTransferRow(ctx, rng, user, t, 'VersionDownloadAction', { documentId: doc.id, versionId: doc.versionId, fileType: doc.fileType, sizeBytes: doc.sizeBytes });
    ids.push(doc.id);
  }
  return { ids, lastMs: t };
}
