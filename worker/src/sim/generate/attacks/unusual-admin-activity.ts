/**
 * unusual-admin-activity: an admin who makes two or three user-management changes a day signs in
 * at 2 a.m. and makes 26 changes in 40 minutes, mostly in sections this admin has never touched:
 * session timeout, password policies, a transaction security policy, a certificate, a connected
 * app's access policy. Look-alike: the admin who batches the week's requests every Monday
 * (15–20 routine changes in an hour, every week).
 */
import type { GenContext } from '../context';
import type { Rng } from '../prng';
import { routineChange } from '../activity/admin-work';
import { AUDIT, writeAudit } from '../records/audit';
import { MINUTE_MS } from '../time';
import { localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  // Admins by position: [0] batches on Mondays, [1] onboards new hires, [2] is this scenario's (there are always 3+).
  const admins = ctx.users.filter((u) => u.role === 'admin');
  const admin = admins[2] ?? admins[admins.length - 1]!;
  const session = signIn(ctx, rng, { user: admin, timeMs: localTime(ctx, admin, day, 2 * 60 + rng.int(0, 30)), place: admin.home, device: admin.device, durationMs: 45 * MINUTE_MS, activity: false });
  let t = session.startMs + 2 * MINUTE_MS;
  const next = () => (t += rng.int(40_000, 120_000));
  const risky = [
    AUDIT.sessionTimeout('2 hours', '24 hours'), AUDIT.passwordExpiry('Standard User'), AUDIT.passwordMaxInvalid('Standard User'),
    AUDIT.passwordExpiry('Sales Operations'), AUDIT.transactionPolicyDisabled(admin, 'Block Large Report Exports'),
    AUDIT.certificateCreated('sso_signing_2026'), AUDIT.changedAppPolicy('Dataloader Partner'), AUDIT.changedAppScopes('Dataloader Partner', 'full, refresh_token'),
  ];
  const ids = risky.map((entry) => writeAudit(ctx, { timeMs: next(), actor: admin, ...entry }));
  for (let i = 0; i < 18; i++) ids.push(routineChange(ctx, rng, admin, next()));
  ctx.labels.attack({
    policy: 'unusual-admin-activity', user: admin, ip: admin.home.ip, fromMs: session.startMs, toMs: t, severity: 'high',
    description: `${admin.username} makes ${ids.length} setup changes between 2 and 3 a.m., ${risky.length} of them in sections never touched before (Session Settings, Password Policies, Transaction Security, Certificate and Key Management, Application)`,
    evidence: {
      ips: [admin.home.ip], counts: { changes: ids.length, newSectionChanges: risky.length },
      sections: ['Session Settings', 'Password Policies', 'Transaction Security', 'Certificate and Key Management', 'Application'],
      records: { SetupAuditTrail: ids, LoginHistory: [session.loginHistoryId] },
    },
  });
}

export function unusualAdminActivityScenario(): Scenario {
  return plannedScenario('unusual-admin-activity', {
    attack,
    lookAlike() {},
    finish(ctx) {
      const batch = ctx.journal.latest('admin-batch');
      if (!batch) return;
      ctx.labels.lookAlike({
        policy: 'unusual-admin-activity', user: batch.user, fromMs: batch.fromMs, toMs: batch.toMs,
        description: `${batch.user.username} works through the week's queued user requests on Monday morning (${String(batch.evidence.counts?.['changes'])} changes in about an hour)`,
        whyBenign: 'the same batch happens every Monday (part of the baseline), in the sections this admin always uses (Manage Users, Custom Objects)',
        evidence: batch.evidence,
      });
    },
  });
}
