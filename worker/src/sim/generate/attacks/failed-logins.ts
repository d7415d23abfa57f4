/**
 * failed-logins: a password-guessing burst against one account — 14 failures in about ten
 * minutes from a foreign residential line at night, then a successful sign-in and a short
 * session. Look-alikes: a user who mistypes four times before getting in (below the 10-in-20-
 * minute threshold), and a phone with a stale saved password retrying every 20–35 minutes all
 * afternoon (many failures, never 10 in 20 minutes).
 */
import { ATTACKER_DEVICE } from '../people/devices';
import type { GenContext } from '../context';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { failures, isDeskUser, localTime, plannedScenario, signIn, spacedTimes } from './kit';
import type { Scenario } from './scenario';

const FAILURES = 14;

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const place = ctx.pools.foreign(rng);
  const start = localTime(ctx, victim, day, rng.int(60, 200));
  const times = spacedTimes(rng, start, FAILURES, 25_000, 55_000);
  const loginIds = failures(ctx, rng, victim, times, place, ATTACKER_DEVICE);
  const successAt = (times[times.length - 1] as number) + rng.int(60_000, 150_000);
  const session = signIn(ctx, rng, { user: victim, timeMs: successAt, place, device: ATTACKER_DEVICE, durationMs: 15 * MINUTE_MS });
  ctx.labels.attack({
    policy: 'failed-logins', alsoMatches: ['infrequent-country', 'impossible-travel'], user: victim, ip: place.ip,
    fromMs: Math.floor(start / 1000) * 1000, toMs: session.startMs, severity: 'high',
    description: `${FAILURES} failed sign-ins for ${victim.username} in ${Math.round((successAt - start) / MINUTE_MS)} min from ${place.geo.country} at night, then a successful sign-in from the same address`,
    evidence: {
      ips: [place.ip], countries: [place.geo.countryIso], sessionKeys: [session.sessionKey], eventTypes: ['Login'],
      records: { LoginHistory: [...loginIds, session.loginHistoryId] }, counts: { failures: FAILURES, successes: 1 },
    },
  });
}

function mistypes(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, isDeskUser);
  const egress = ctx.pools.offices.find((o) => o.office === user.office)!.egress[0]!;
  const start = localTime(ctx, user, day, rng.int(8 * 60 + 30, 9 * 60 + 30));
  const times = spacedTimes(rng, start, 4, 20_000, 60_000);
  failures(ctx, rng, user, times, egress, user.device);
  const okAt = (times[3] as number) + 45_000;
  signIn(ctx, rng, { user, timeMs: okAt, place: egress, device: user.device, durationMs: 3 * 60 * MINUTE_MS });
  ctx.labels.lookAlike({
    policy: 'failed-logins', user, ip: egress.ip, fromMs: start, toMs: okAt,
    description: `${user.username} mistypes a new password 4 times at the office, then signs in`,
    whyBenign: '4 failures is below the 10-in-20-minutes threshold; known office address and device',
    evidence: { ips: [egress.ip], counts: { failures: 4 } },
  });
}

function stalePhone(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, (u) => isDeskUser(u) && u.usesMobile, isDeskUser);
  const start = localTime(ctx, user, day, rng.int(13 * 60, 14 * 60));
  const times = spacedTimes(rng, start, 9, 20 * MINUTE_MS, 35 * MINUTE_MS);
  const ips = times.map((t) => {
    const place = ctx.pools.mobile(rng, user.mobileCountry);
    failures(ctx, rng, user, [t], place, user.mobileDevice);
    return place.ip;
  });
  ctx.labels.lookAlike({
    policy: 'failed-logins', user, fromMs: start, toMs: times[times.length - 1] as number,
    description: `${user.username}'s phone retries a stale saved password every 20-35 minutes for the afternoon (9 failures)`,
    whyBenign: 'never more than 1-2 failures in any 20-minute window; the user\'s own mobile carrier and app',
    evidence: { ips: [...new Set(ips)], counts: { failures: times.length } },
  });
}

export function failedLoginsScenario(): Scenario {
  return plannedScenario('failed-logins', {
    attack,
    lookAlike(ctx, rng, day) {
      mistypes(ctx, rng.fork('mistypes'), day);
      stalePhone(ctx, rng.fork('phone'), day);
    },
  });
}
