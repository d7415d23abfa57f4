/**
 * A person's working day: whether they work (weekdays, the odd day off, rare weekend checks),
 * where from (office egress, home broadband — through the corporate VPN for VPN users — or the
 * hotel during a trip) and the sessions: a morning session until lunch, an afternoon one after
 * it (the lunch dip), sometimes a short mobile session on the commute or in the evening over a
 * mobile carrier (a different carrier address each time).
 */
import type { GenContext } from '../context';
import { dayStart } from '../context';
import type { Device, Place, Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { localToUtc, MINUTE_MS, weekday } from '../time';

export interface PlannedSession {
  kind: Session['kind'];
  startMs: number;
  endMs: number;
  place: Place;
  device: Device;
  /** Failed attempts (mistyped password) just before the sign-in. */
  typos: number;
  explicitLogout: boolean;
}

export interface DayPlan {
  timeZone: string;
  sessions: PlannedSession[];
  where: 'office' | 'home' | 'vpn' | 'trip' | 'none';
}

function placeForDay(ctx: GenContext, rng: Rng, user: SimUser, day: number): { place: Place; where: DayPlan['where']; timeZone: string } {
  const trip = user.trip;
  if (trip && day >= trip.fromDay && day <= trip.toDay) {
    const viaVpn = user.vpn && rng.chance(0.5);
    return { place: viaVpn ? ctx.pools.vpnGateways[user.vpnGateway]! : trip.place, where: viaVpn ? 'vpn' : 'trip', timeZone: trip.timeZone };
  }
  const tz = user.office.timeZone;
  if (rng.chance(user.remoteShare)) {
    if (user.vpn && rng.chance(0.8)) return { place: ctx.pools.vpnGateways[user.vpnGateway]!, where: 'vpn', timeZone: tz };
    return { place: user.home, where: 'home', timeZone: tz };
  }
  const egress = ctx.pools.offices.find((o) => o.office === user.office)!.egress;
  return { place: rng.pick(egress), where: 'office', timeZone: tz };
}

function at(timeZone: string, localMidnight: number, minutes: number): number {
  return localToUtc(timeZone, localMidnight + Math.round(minutes) * MINUTE_MS);
}

function workSessions(rng: Rng, user: SimUser, place: Place, tz: string, midnight: number): PlannedSession[] {
  const start = user.workStartMinutes + rng.gaussian() * 20;
  const lunch = 12 * 60 + rng.int(0, 45);
  const back = lunch + rng.int(35, 70);
  const end = start + rng.int(8 * 60 + 15, 9 * 60 + 45);
  const typos = rng.chance(0.04) ? rng.int(1, 2) : 0;
  const ui = (from: number, to: number, t: number): PlannedSession => ({
    kind: 'ui', startMs: at(tz, midnight, from), endMs: at(tz, midnight, to), place, device: user.device, typos: t, explicitLogout: rng.chance(0.55),
  });
  // One in four people stay signed in through lunch: one long session, no lunch logout.
  if (rng.chance(0.25)) return [ui(start, end, typos)];
  return [ui(start, lunch, typos), ui(back, end, 0)];
}

function mobileSession(ctx: GenContext, rng: Rng, user: SimUser, tz: string, midnight: number): PlannedSession {
  const from = rng.chance(0.5) ? rng.int(7 * 60, 8 * 60) : rng.int(18 * 60 + 30, 21 * 60 + 30);
  return {
    kind: 'mobile', startMs: at(tz, midnight, from), endMs: at(tz, midnight, from + rng.int(5, 25)),
    place: ctx.pools.mobile(rng, user.mobileCountry), device: user.mobileDevice, typos: 0, explicitLogout: false,
  };
}

/**
 * Flying out (first trip day) or back (the day after the trip): no work sessions, only an
 * evening check-in after landing, so consecutive sign-ins stay at airliner speeds.
 */
function travelDay(ctx: GenContext, rng: Rng, user: SimUser, day: number): DayPlan | undefined {
  const trip = user.trip;
  if (!trip || (day !== trip.fromDay && day !== trip.toDay + 1)) return undefined;
  const out = day === trip.fromDay;
  const timeZone = out ? trip.timeZone : user.office.timeZone;
  const place = out ? trip.place : user.home;
  const from = rng.int(18 * 60, 19 * 60 + 30);
  const midnight = dayStart(ctx, day);
  const session: PlannedSession = { kind: 'ui', startMs: at(timeZone, midnight, from), endMs: at(timeZone, midnight, from + rng.int(20, 50)), place, device: user.device, typos: 0, explicitLogout: true };
  return { timeZone, sessions: [session], where: out ? 'trip' : 'home' };
}

/** The plan for one user and one generated day (0-based). */
export function planDay(ctx: GenContext, rng: Rng, user: SimUser, day: number): DayPlan {
  const travelling = travelDay(ctx, rng, user, day);
  if (travelling) return travelling;
  const midnight = dayStart(ctx, day);
  const dow = weekday(midnight);
  const weekend = dow === 0 || dow === 6;
  const { place, where, timeZone } = placeForDay(ctx, rng, user, day);
  const sessions: PlannedSession[] = [];
  if (!weekend && rng.chance(0.93)) sessions.push(...workSessions(rng, user, place, timeZone, midnight));
  else if (weekend && rng.chance(0.07)) {
    const from = rng.int(10 * 60, 20 * 60);
    sessions.push({ kind: 'ui', startMs: at(timeZone, midnight, from), endMs: at(timeZone, midnight, from + rng.int(15, 60)), place: where === 'office' ? user.home : place, device: user.device, typos: 0, explicitLogout: true });
  }
  if (user.usesMobile && rng.chance(weekend ? 0.15 : 0.4)) sessions.push(mobileSession(ctx, rng, user, timeZone, midnight));
  return { timeZone, sessions, where: sessions.length ? where : 'none' };
}
