/**
 * terminated-user-activity: HR terminates an employee (hr/terminated.csv), but nobody
 * deactivates the Salesforce account; the person keeps signing in — and on the attack day
 * exports reports and downloads files from home. Look-alike: a colleague terminated the same
 * way whose account is deactivated an hour after the termination time, with no activity after it.
 */
import type { GenContext } from '../context';
import { emitContentTransferRow } from '../event-logs/types/content-transfer';
import { emitReportExportRow } from '../event-logs/types/report-export';
import type { SimUser } from '../model';
import type { Rng } from '../prng';
import { AUDIT, writeAudit } from '../records/audit';
import { HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

/** mass-download's default `minEvents` (within its default 30-minute window). */
const MASS_DOWNLOAD_DEFAULT_MIN_EVENTS = 10;

function exfiltrate(ctx: GenContext, rng: Rng, user: SimUser, day: number, terminatedAtMs: number): void {
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 20 * 60 + rng.int(0, 30)), place: user.home, device: user.device, durationMs: 45 * MINUTE_MS });
  const reports = rng.sample(ctx.reports.standard, 3);
  reports.forEach((r, i) => emitReportExportRow(ctx, rng, session, session.startMs + (5 + i * 4) * MINUTE_MS, r.id));
  let downloads = 0;
  for (const doc of ctx.files.ownedBy(user.id).slice(0, 8)) {
    emitContentTransferRow(ctx, rng, user, session.startMs + (20 + downloads) * MINUTE_MS, 'VersionDownloadAction', { documentId: doc.id, versionId: doc.versionId, fileType: doc.fileType, sizeBytes: doc.sizeBytes });
    downloads++;
  }
  ctx.labels.attack({
    // The exports and downloads fall within 22 minutes: when they reach the mass-download template's default (10 in 30 min),
    // that alert is a correct detection of the same evening.
    policy: 'terminated-user-activity', alsoMatches: reports.length + downloads >= MASS_DOWNLOAD_DEFAULT_MIN_EVENTS ? ['mass-download'] : [], user, ip: user.home.ip, fromMs: terminatedAtMs, toMs: ctx.options.startMs + ctx.options.days * 24 * HOUR_MS,
    severity: 'high',
    description: `${user.username} was terminated (hr/terminated.csv) but the account stayed active: every sign-in after the termination time is unauthorized, including an evening of report exports and downloads`,
    evidence: {
      ips: [user.home.ip], terminatedAt: new Date(terminatedAtMs).toISOString(), hrFeed: 'hr/terminated.csv', sessionKeys: [session.sessionKey],
      records: { LoginHistory: [session.loginHistoryId], Report: reports.map((r) => r.id) }, eventTypes: ['Login', 'ReportExport', 'ContentTransfer'],
      counts: { reportExports: reports.length, downloads },
    },
  });
}

export function terminatedUserScenario(): Scenario {
  let leaver: { user: SimUser; terminatedAtMs: number } | undefined;
  let offboarded: { user: SimUser; terminatedAtMs: number } | undefined;
  return plannedScenario('terminated-user-activity', {
    prepare(ctx, rng, { attackDay, quietDay }) {
      const user = ctx.people.claim(rng, ctx.users, isDeskUser);
      const terminatedAtMs = localTime(ctx, user, Math.max(1, attackDay - 2), 17 * 60);
      ctx.hr.push({ username: user.username, email: user.email, terminatedAtMs });
      leaver = { user, terminatedAtMs };
      const clean = ctx.people.claim(rng, ctx.users, isDeskUser);
      const cleanAt = localTime(ctx, clean, quietDay, 16 * 60);
      clean.deactivatedMs = cleanAt + HOUR_MS;
      ctx.hr.push({ username: clean.username, email: clean.email, terminatedAtMs: cleanAt });
      offboarded = { user: clean, terminatedAtMs: cleanAt };
      const admin = ctx.users.find((u) => u.role === 'admin')!;
      writeAudit(ctx, { timeMs: clean.deactivatedMs, actor: admin, ...AUDIT.deactivatedUser(clean) });
    },
    attack(ctx, rng, day) {
      if (leaver) exfiltrate(ctx, rng, leaver.user, day, leaver.terminatedAtMs);
    },
    lookAlike() {},
    finish(ctx) {
      if (!offboarded) return;
      const { user, terminatedAtMs } = offboarded;
      ctx.labels.lookAlike({
        policy: 'terminated-user-activity', user, fromMs: terminatedAtMs - 8 * HOUR_MS, toMs: terminatedAtMs + HOUR_MS,
        description: `${user.username} works a last day, is terminated at ${new Date(terminatedAtMs).toISOString()} (hr/terminated.csv) and deactivated an hour later`,
        whyBenign: 'all activity is before the termination time; the account is deactivated promptly (User.IsActive false, audit trail deactivateduser)',
        evidence: { terminatedAt: new Date(terminatedAtMs).toISOString(), deactivatedAt: new Date(user.deactivatedMs!).toISOString(), hrFeed: 'hr/terminated.csv' },
      });
    },
  });
}
