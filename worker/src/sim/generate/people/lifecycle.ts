/**
 * People's histories before activity starts: who left before the period (deactivated, no
 * activity), who is deactivated or frozen during it (by an admin, in the audit trail), who
 * travels (a trip abroad with plausible flight times), and who runs the desktop file sync client.
 */
import type { GenContext } from '../context';
import { dayStart } from '../context';
import { TRIP_CITIES } from '../geo/world';
import type { SimUser, Trip } from '../model';
import type { Rng } from '../prng';
import { AUDIT, writeAudit } from '../records/audit';
import { distanceKm } from '../geo/geo-distance';
import { DAY_MS, HOUR_MS } from '../time';

const MAX_TRIP_KM = 10_000;

function humans(ctx: GenContext): SimUser[] {
  return ctx.users.filter((u) => u.role === 'standard');
}

function offboard(ctx: GenContext, rng: Rng): void {
  const admin = ctx.users.find((u) => u.role === 'admin')!;
  const pool = rng.shuffle(humans(ctx));
  const before = Math.max(1, Math.round(ctx.options.users * 0.01));
  const during = Math.max(1, Math.round(ctx.options.users * 0.004));
  const frozen = Math.max(1, Math.round(ctx.options.users * 0.003));
  for (const user of pool.splice(0, before)) user.deactivatedMs = ctx.options.startMs - rng.int(3, 200) * DAY_MS;
  for (const user of pool.splice(0, during)) {
    user.deactivatedMs = dayStart(ctx, rng.int(1, ctx.options.days - 2)) + rng.int(15, 19) * HOUR_MS;
    writeAudit(ctx, { timeMs: user.deactivatedMs, actor: admin, ...AUDIT.deactivatedUser(user) });
  }
  for (const user of pool.splice(0, frozen)) {
    user.frozenMs = dayStart(ctx, rng.int(1, ctx.options.days - 2)) + rng.int(15, 19) * HOUR_MS;
    writeAudit(ctx, { timeMs: user.frozenMs, actor: admin, ...AUDIT.frozeUser(user) });
  }
}

function destinations(ctx: GenContext, user: SimUser): Array<{ city: string; country: string; timeZone: string; latitude: number; longitude: number }> {
  const offices = ctx.pools.offices.map((o) => o.office);
  return [...offices, ...TRIP_CITIES].filter((d) => d.country !== user.office.country && distanceKm(d, user.office) <= MAX_TRIP_KM);
}

/** A trip of 3–5 days somewhere in another country, not during the learning week's first days. */
export function planTrip(ctx: GenContext, rng: Rng, user: SimUser, fromDay: number): Trip | undefined {
  const options = destinations(ctx, user);
  if (options.length === 0) return undefined;
  const d = rng.pick(options);
  const place = ctx.pools.residential(rng, d.country, { latitude: d.latitude, longitude: d.longitude });
  return { fromDay, toDay: Math.min(ctx.options.days - 2, fromDay + rng.int(2, 4)), city: d.city, country: d.country, timeZone: d.timeZone, place };
}

function travellers(ctx: GenContext, rng: Rng): void {
  const count = Math.max(1, Math.round(ctx.options.users * 0.02));
  for (const user of rng.sample(humans(ctx).filter((u) => u.deactivatedMs === undefined && u.frozenMs === undefined), count)) {
    const trip = planTrip(ctx, rng, user, rng.int(1, ctx.options.days - 4));
    if (trip) user.trip = trip;
  }
}

function syncClients(ctx: GenContext, rng: Rng): void {
  const count = Math.max(1, Math.round(ctx.options.users * 0.01));
  for (const user of rng.sample(humans(ctx).filter((u) => u.trip === undefined && u.deactivatedMs === undefined && u.frozenMs === undefined), count)) {
    user.syncClient = true;
    user.permissionSets.push('Files_Connect_Sync');
  }
}

export function shapeHistories(ctx: GenContext, rng: Rng): void {
  offboard(ctx, rng.fork('offboard'));
  travellers(ctx, rng.fork('travel'));
  syncClients(ctx, rng.fork('sync'));
}

/** Files people had before the period (so downloads, shares and clean-ups have something to work on). */
export function existingFiles(ctx: GenContext, rng: Rng): void {
  for (const user of ctx.users) {
    if (user.role === 'integration' || user.role === 'service-account') continue;
    for (let i = rng.int(2, 10); i > 0; i--) ctx.files.create(rng, user.id, ctx.options.startMs - rng.int(1, 700) * DAY_MS - rng.int(0, 86_399) * 1000);
  }
}
