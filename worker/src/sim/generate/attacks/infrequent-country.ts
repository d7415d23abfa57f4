/**
 * infrequent-country: late in the evening someone signs in as a user from a country nobody in
 * the org has used (Türkiye: reserved for this scenario) and browses for twenty minutes.
 * Look-alike: a user visits the company's office in another country for a few days — new for
 * that user, but a country where a whole office of colleagues signs in every day.
 */
import type { GenContext } from '../context';
import { ATTACKER_DEVICE } from '../people/devices';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, RARE_COUNTRY, signIn } from './kit';
import type { Scenario } from './scenario';
import type { SimUser } from '../model';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const place = ctx.pools.residential(rng, RARE_COUNTRY);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 23 * 60 + rng.int(0, 40)), place, device: ATTACKER_DEVICE, durationMs: 20 * MINUTE_MS });
  ctx.labels.attack({
    policy: 'infrequent-country', alsoMatches: ['impossible-travel'], user: victim, ip: place.ip, fromMs: session.startMs, toMs: session.endMs, severity: 'medium',
    description: `${victim.username} signs in from ${place.geo.city ?? ''} ${place.geo.country}, a country no one in the org has used, late at night`,
    evidence: { ips: [place.ip], countries: [place.geo.countryIso], sessionKeys: [session.sessionKey], records: { LoginHistory: [session.loginHistoryId] }, eventTypes: ['Login'] },
  });
}

export function infrequentCountryScenario(): Scenario {
  let visiting: { user: SimUser; fromDay: number; city: string; country: string } | undefined;
  return plannedScenario('infrequent-country', {
    prepare(ctx, rng, { quietDay }) {
      const user = ctx.people.claim(rng, ctx.users, (u) => isDeskUser(u) && u.office.country === ctx.pools.offices[0]!.office.country, isDeskUser);
      const other = ctx.pools.offices.find((o) => o.office.country !== user.office.country);
      if (!other) return;
      const days = Math.min(3, ctx.options.days - 2 - quietDay);
      user.trip = { fromDay: quietDay, toDay: quietDay + Math.max(0, days - 1), city: other.office.city, country: other.office.country, timeZone: other.office.timeZone, place: other.egress[0]! };
      visiting = { user, fromDay: quietDay, city: other.office.city, country: other.office.country };
    },
    attack,
    lookAlike() {},
    finish(ctx) {
      if (!visiting) return;
      const { user, fromDay } = visiting;
      const trip = user.trip!;
      ctx.labels.lookAlike({
        policy: 'infrequent-country', user, fromMs: localTime(ctx, user, fromDay, 18 * 60, trip.timeZone), toMs: localTime(ctx, user, trip.toDay, 19 * 60, trip.timeZone),
        description: `${user.username} visits the ${visiting.city} office (${visiting.country}) and signs in from its network`,
        whyBenign: `first time for this user, but ${visiting.country} is an office country: many colleagues sign in from it every day (not rare in the org); the address is the office's tagged corporate egress`,
        evidence: { ips: [trip.place.ip], countries: [visiting.country] },
      });
    },
  });
}
