/**
 * privilege-escalation: in the evening, a support lead's account (delegated user admin) assigns
 * the Break Glass Admin permission set (Modify All Data, View All Data, Manage Users, Author
 * Apex) to a sales rep, switches the rep's profile to System Administrator, turns off MFA for
 * UI logins on a permission set and deletes the admins' login IP range. Look-alike: an admin's
 * onboarding day — 24 new users created with the Standard User profile and the Sales Cloud
 * permission set.
 */
import type { GenContext } from '../context';
import type { SimUser } from '../model';
import { createHires } from '../people/users';
import type { Rng } from '../prng';
import { AUDIT, writeAudit } from '../records/audit';
import { MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const actor = ctx.people.claim(rng, ctx.users, (u) => u.role === 'support');
  const target = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user: actor, timeMs: localTime(ctx, actor, day, 19 * 60 + rng.int(0, 30)), place: actor.home, device: actor.device, durationMs: 30 * MINUTE_MS, activity: false });
  let t = session.startMs + 3 * MINUTE_MS;
  const step = () => (t += rng.int(60_000, 180_000));
  const egress = ctx.pools.offices[0]!.egress[0]!.ip;
  const ids = [
    writeAudit(ctx, { timeMs: step(), actor, ...AUDIT.permSetAssign('Break Glass Admin', target) }),
    writeAudit(ctx, { timeMs: step(), actor, ...AUDIT.changedProfile(target, target.profileName, 'System Administrator') }),
    writeAudit(ctx, { timeMs: step(), actor, ...AUDIT.permSetDisablePerm('Sales Cloud User', 'Multi-Factor Authentication for User Interface Logins') }),
    writeAudit(ctx, { timeMs: step(), actor, ...AUDIT.loginIpRangeRemoved('System Administrator', egress, egress) }),
  ];
  ctx.people.assign(target.id, 'Break_Glass_Admin', session.startMs + 4 * MINUTE_MS);
  target.profileName = 'System Administrator';
  ctx.labels.attack({
    policy: 'privilege-escalation', alsoMatches: ['unusual-admin-activity'], user: actor, ip: actor.home.ip, fromMs: session.startMs, toMs: t, severity: 'high',
    description: `${actor.username} grants ${target.username} Break Glass Admin (Modify All Data) and the System Administrator profile, disables MFA for UI logins and deletes the admins' login IP range`,
    evidence: {
      ips: [actor.home.ip], target: target.username, grants: ['Break_Glass_Admin', 'System Administrator'], removedControls: ['MFA for UI logins', `login IP range ${egress}`],
      records: { SetupAuditTrail: ids, LoginHistory: [session.loginHistoryId] },
    },
  });
}

export function privilegeEscalationScenario(): Scenario {
  let onboarding: { admin: SimUser; users: SimUser[]; fromMs: number; toMs: number; auditIds: string[] } | undefined;
  return plannedScenario('privilege-escalation', {
    prepare(ctx, rng, { quietDay }) {
      const admin = ctx.users.filter((u) => u.role === 'admin')[1] ?? ctx.users.find((u) => u.role === 'admin')!;
      const start = localTime(ctx, admin, quietDay, 10 * 60);
      const count = Math.min(24, Math.max(6, Math.round(ctx.options.users * 0.05)));
      const created = createHires({ rng: rng.fork('new-hires'), ids: ctx.ids, pools: ctx.pools, offices: [admin.office], domain: ctx.org.domain, startMs: ctx.options.startMs }, ctx.users, count);
      const auditIds: string[] = [];
      let t = start;
      for (const user of created) {
        user.createdMs = t;
        ctx.users.push(user);
        auditIds.push(writeAudit(ctx, { timeMs: t, actor: admin, ...AUDIT.createdUser(user) }));
        auditIds.push(writeAudit(ctx, { timeMs: t + 60_000, actor: admin, ...AUDIT.permSetAssign('Sales Cloud User', user) }));
        t += rng.int(2, 4) * MINUTE_MS;
      }
      onboarding = { admin, users: created, fromMs: start, toMs: t, auditIds };
    },
    attack,
    lookAlike() {},
    finish(ctx) {
      if (!onboarding) return;
      ctx.labels.lookAlike({
        policy: 'privilege-escalation', user: onboarding.admin, fromMs: onboarding.fromMs, toMs: onboarding.toMs, knownFalsePositiveOf: ['unusual-admin-activity'],
        description: `${onboarding.admin.username} onboards ${onboarding.users.length} new sales reps: creates the users with the Standard User profile and assigns Sales Cloud User`,
        whyBenign: 'no admin-level permission is granted (Standard User profile, Sales Cloud User set), no security control is removed; an admin doing user management in office hours',
        evidence: { newUsers: onboarding.users.map((u) => u.username), records: { SetupAuditTrail: onboarding.auditIds } },
      });
    },
  });
}
