/**
 * impossible-travel: a user signs in at the office, and 80–100 minutes later someone signs in as
 * them from thousands of kilometres away (a residential line abroad, another browser).
 * Look-alikes: a VPN user whose second sign-in goes through the corporate VPN gateway in
 * another country (both addresses tagged corporate/vpn), and a real traveller flying to another
 * country (the first sign-in abroad comes after the flight: airliner speed).
 */
import type { GenContext } from '../context';
import { distanceKm } from '../geo/geo-distance';
import { planTrip } from '../people/lifecycle';
import { ATTACKER_DEVICE } from '../people/devices';
import type { Place, SimUser } from '../model';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, officePlace, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function farAway(ctx: GenContext, rng: Rng, from: Place): Place {
  const candidates = [ctx.pools.foreign(rng), ctx.pools.foreign(rng), ctx.pools.foreign(rng)];
  return candidates.sort((a, b) => distanceKm(from.geo, b.geo) - distanceKm(from.geo, a.geo))[0]!;
}

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const office = officePlace(ctx, victim);
  const first = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 10 * 60 + rng.int(0, 30)), place: office, device: victim.device, durationMs: HOUR_MS });
  const foreign = farAway(ctx, rng, office);
  const second = signIn(ctx, rng, { user: victim, timeMs: first.startMs + rng.int(80, 100) * MINUTE_MS, place: foreign, device: ATTACKER_DEVICE, durationMs: 25 * MINUTE_MS });
  const km = Math.round(distanceKm(office.geo, foreign.geo));
  const hours = (second.startMs - first.startMs) / HOUR_MS;
  ctx.labels.attack({
    policy: 'impossible-travel', alsoMatches: ['infrequent-country'], user: victim, ip: foreign.ip, fromMs: first.startMs, toMs: second.startMs, severity: 'high',
    description: `${victim.username} signs in at the ${victim.office.city} office, then ${Math.round(hours * 60)} min later from ${foreign.geo.city ?? foreign.geo.country}, ${foreign.geo.country} (${km} km: ${Math.round(km / hours)} km/h)`,
    evidence: {
      ips: [office.ip, foreign.ip], countries: [office.geo.countryIso, foreign.geo.countryIso], sessionKeys: [first.sessionKey, second.sessionKey],
      records: { LoginHistory: [first.loginHistoryId, second.loginHistoryId] }, eventTypes: ['Login'], counts: { distanceKm: km, speedKmh: Math.round(km / hours) },
    },
  });
}

function vpnHop(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, (u) => isDeskUser(u) && u.vpn, isDeskUser);
  const office = officePlace(ctx, user);
  const gateway = ctx.pools.vpnGateways.find((g) => g.geo.countryIso !== office.geo.countryIso) ?? ctx.pools.vpnGateways[0]!;
  const first = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 9 * 60 + rng.int(0, 30)), place: office, device: user.device, durationMs: 40 * MINUTE_MS });
  const second = signIn(ctx, rng, { user, timeMs: first.startMs + rng.int(45, 60) * MINUTE_MS, place: gateway, device: user.device, durationMs: 2 * HOUR_MS });
  ctx.labels.lookAlike({
    policy: 'impossible-travel', user, fromMs: first.startMs, toMs: second.startMs,
    description: `${user.username} signs in at the office, then through the corporate VPN gateway in ${gateway.geo.country} ${Math.round((second.startMs - first.startMs) / MINUTE_MS)} min later`,
    whyBenign: 'both addresses are tagged (corporate egress and vpn in orgwarden.yaml ipTags); same browser; the VPN gateway is shared by many employees',
    evidence: { ips: [office.ip, gateway.ip], countries: [office.geo.countryIso, gateway.geo.countryIso], sessionKeys: [first.sessionKey, second.sessionKey] },
  });
}

function labelTrip(ctx: GenContext, traveller: SimUser | undefined): void {
  const trip = traveller?.trip;
  if (!traveller || !trip) return;
  const departure = localTime(ctx, traveller, trip.fromDay - 1, 19 * 60);
  const arrival = localTime(ctx, traveller, trip.fromDay, 19 * 60 + 30, trip.timeZone);
  ctx.labels.lookAlike({
    policy: 'impossible-travel', alsoMatches: [], knownFalsePositiveOf: ['infrequent-country'], user: traveller, fromMs: departure, toMs: arrival,
    description: `${traveller.username} flies from ${traveller.office.city} to ${trip.city}, ${trip.country} and works from there for ${trip.toDay - trip.fromDay + 1} days`,
    whyBenign: `the first sign-in abroad comes the evening after leaving (${Math.round(distanceKm(traveller.home.geo, trip.place.geo))} km in ${Math.round((arrival - departure) / HOUR_MS)} h: airliner speed); a business trip`,
    evidence: { ips: [traveller.home.ip, trip.place.ip], countries: [traveller.office.country, trip.country], tripDays: [trip.fromDay, trip.toDay] },
  });
}

export function impossibleTravelScenario(): Scenario {
  let traveller: SimUser | undefined;
  return plannedScenario('impossible-travel', {
    prepare(ctx, rng, { quietDay }) {
      const user = ctx.people.claim(rng, ctx.users, (u) => isDeskUser(u));
      const trip = planTrip(ctx, rng, user, quietDay);
      if (trip) {
        user.trip = trip;
        traveller = user;
      }
    },
    attack,
    lookAlike: vpnHop,
    finish: (ctx) => labelTrip(ctx, traveller),
  });
}
