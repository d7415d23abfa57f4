/**
 * unusual-mass-download: a departing rep downloads 180 files and exports three reports from
 * home in about 45 minutes — far above the handful of downloads a day they usually make.
 * Look-alike: a desktop sync client pulling dozens of files a day through the API (every day:
 * its baseline), which the simple mass-download template does trip.
 */
import type { GenContext } from '../context';
import { emitReportExportRow } from '../event-logs/types/report-export';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { downloads, isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 19 * 60 + rng.int(0, 30)), place: victim.home, device: victim.device, durationMs: HOUR_MS, activity: false });
  const got = downloads(ctx, rng, victim, session.startMs + 2 * MINUTE_MS, 180, 14_000);
  const reports = rng.sample(ctx.reports.standard, 3);
  reports.forEach((r, i) => emitReportExportRow(ctx, rng, session, got.lastMs + (i + 1) * MINUTE_MS, r.id));
  const end = got.lastMs + 4 * MINUTE_MS;
  ctx.labels.attack({
    policy: 'unusual-mass-download', alsoMatches: ['mass-download'], user: victim, ip: victim.home.ip, fromMs: session.startMs, toMs: end, severity: 'high',
    description: `${victim.username} downloads ${got.ids.length} files and exports ${reports.length} reports in ${Math.round((end - session.startMs) / MINUTE_MS)} minutes from home`,
    evidence: { ips: [victim.home.ip], sessionKeys: [session.sessionKey], eventTypes: ['ContentTransfer', 'ReportExport'], counts: { downloads: got.ids.length, reportExports: reports.length }, records: { Report: reports.map((r) => r.id) } },
  });
}

export function unusualMassDownloadScenario(): Scenario {
  return plannedScenario('unusual-mass-download', {
    attack,
    lookAlike() {},
    finish(ctx) {
      const entry = ctx.journal.latest('sync-downloads');
      if (!entry) return;
      ctx.labels.lookAlike({
        policy: 'unusual-mass-download', user: entry.user, fromMs: entry.fromMs, toMs: entry.toMs, knownFalsePositiveOf: ['mass-download'],
        description: `${entry.user.username}'s desktop sync client downloads ${String(entry.evidence.counts?.['downloads'])} files through the API over the workday`,
        whyBenign: `the sync client does this every workday (its baseline); API downloads (VersionDownloadApi) in small batches, from the user's usual networks. It trips the fixed mass-download template (>= 10 in 30 min): exclude the user there (see orgwarden.yaml)`,
        evidence: { ...entry.evidence, windowHours: Math.round((entry.toMs - entry.fromMs) / HOUR_MS) },
      });
    },
  });
}
