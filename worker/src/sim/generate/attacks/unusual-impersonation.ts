/**
 * unusual-impersonation: an admin who has never used Login-As signs in late in the evening and
 * logs in as the other administrators and the finance team, one after another. Look-alike: a
 * support lead's daily Login-As into a standard user's account to reproduce a problem.
 */
import type { GenContext } from '../context';
import { loginAs } from '../activity/login-as';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, officePlace, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const admins = ctx.users.filter((u) => u.role === 'admin');
  // Admin [1] (the one who onboards new hires): never uses Login-As otherwise.
  const actor = admins[1] ?? admins[0]!;
  const session = signIn(ctx, rng, { user: actor, timeMs: localTime(ctx, actor, day, 21 * 60 + rng.int(0, 30)), place: actor.home, device: actor.device, durationMs: HOUR_MS, activity: false });
  const targets = [...admins.filter((u) => u !== actor), ...ctx.users.filter((u) => u.department === 'Finance' && u.deactivatedMs === undefined).slice(0, 2)].slice(0, 4);
  let t = session.startMs + 3 * MINUTE_MS;
  const results = targets.map((target) => {
    const result = loginAs(ctx, rng, session, target, t, rng.int(3, 6));
    t = result.session.endMs + rng.int(1, 3) * MINUTE_MS;
    return result;
  });
  ctx.labels.attack({
    policy: 'unusual-impersonation', user: actor, ip: actor.home.ip, fromMs: results[0]!.session.startMs, toMs: t, severity: 'high',
    description: `${actor.username}, who has never used Login-As, logs in as ${targets.map((u) => u.username).join(', ')} in ${Math.round((t - session.startMs) / MINUTE_MS)} minutes at night (administrators first)`,
    evidence: {
      ips: [actor.home.ip], targets: targets.map((u) => u.username), sessionKeys: results.map((r) => r.session.sessionKey),
      records: { SetupAuditTrail: results.flatMap((r) => r.auditIds) }, eventTypes: ['LoginAs'], counts: { loginAs: targets.length, privilegedTargets: targets.filter((u) => u.role === 'admin').length },
    },
  });
}

function routineSupport(ctx: GenContext, rng: Rng, day: number): void {
  const support = ctx.people.claim(rng, ctx.users, (u) => u.role === 'support');
  const session = signIn(ctx, rng, { user: support, timeMs: localTime(ctx, support, day, 10 * 60 + rng.int(0, 30)), place: officePlace(ctx, support), device: support.device, durationMs: HOUR_MS, activity: false });
  const target = ctx.people.claim(rng, ctx.users, isDeskUser);
  const result = loginAs(ctx, rng, session, target, session.startMs + 10 * MINUTE_MS, 12);
  ctx.labels.lookAlike({
    policy: 'unusual-impersonation', user: support, fromMs: result.session.startMs, toMs: result.session.endMs,
    description: `support lead ${support.username} logs in as ${target.username} for 12 minutes to reproduce a reported problem`,
    whyBenign: 'support leads do 1-3 Login-As a day (their baseline); the target is a standard user, during office hours, from the office',
    evidence: { target: target.username, sessionKeys: [result.session.sessionKey], records: { SetupAuditTrail: result.auditIds }, eventTypes: ['LoginAs'] },
  });
}

export function unusualImpersonationScenario(): Scenario {
  return plannedScenario('unusual-impersonation', { attack, lookAlike: routineSupport });
}
