/**
 * mass-download (template: >= 10 downloads/exports in <= 30 minutes): a rep downloads 14 files
 * and exports 2 reports within 15 minutes. Look-alike: a rep preparing a proposal downloads 12
 * files spread over three hours (never more than a few in any half hour).
 */
import type { GenContext } from '../context';
import { emitReportExportRow } from '../event-logs/types/report-export';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { downloads, isDeskUser, localTime, officePlace, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 16 * 60 + rng.int(0, 30)), place: officePlace(ctx, victim), device: victim.device, durationMs: HOUR_MS, activity: false });
  const got = downloads(ctx, rng, victim, session.startMs + MINUTE_MS, 14, 50_000);
  const reports = rng.sample(ctx.reports.standard, 2);
  reports.forEach((r, i) => emitReportExportRow(ctx, rng, session, got.lastMs + (i + 1) * 30_000, r.id));
  const end = got.lastMs + 60_000;
  ctx.labels.attack({
    policy: 'mass-download', alsoMatches: ['unusual-mass-download'], user: victim, fromMs: session.startMs + MINUTE_MS, toMs: end, severity: 'medium',
    description: `${victim.username} downloads ${got.ids.length} files and exports ${reports.length} reports in ${Math.round((end - session.startMs) / MINUTE_MS)} minutes`,
    evidence: { eventTypes: ['ContentTransfer', 'ReportExport'], sessionKeys: [session.sessionKey], counts: { downloads: got.ids.length, reportExports: reports.length } },
  });
}

function spreadOut(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 13 * 60 + rng.int(0, 20)), place: officePlace(ctx, user), device: user.device, durationMs: 4 * HOUR_MS, activity: false });
  const got = downloads(ctx, rng, user, session.startMs + 5 * MINUTE_MS, 12, 15 * MINUTE_MS);
  ctx.labels.lookAlike({
    policy: 'mass-download', user, fromMs: session.startMs, toMs: got.lastMs,
    description: `${user.username} downloads ${got.ids.length} files over ${Math.round((got.lastMs - session.startMs) / HOUR_MS)} hours while preparing a proposal`,
    whyBenign: 'never 10 downloads within 30 minutes (about one every 15 minutes)',
    evidence: { eventTypes: ['ContentTransfer'], counts: { downloads: got.ids.length } },
  });
}

export function massDownloadScenario(): Scenario {
  return plannedScenario('mass-download', { attack, lookAlike: spreadOut });
}
