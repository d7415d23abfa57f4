/**
 * report-anomaly: a financial analyst whose reports return a few hundred rows runs the full
 * accounts-and-contacts extract (250,000 rows) at night and exports it; Shield records a
 * ReportAnomalyEventStore row. Look-alike: sales operations' daily 100k-row extract and export.
 */
import type { GenContext } from '../context';
import { emitReportRow } from '../event-logs/types/report';
import { emitReportExportRow } from '../event-logs/types/report-export';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

const ROWS = 250_000;

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, (u) => isDeskUser(u) && u.department === 'Finance', isDeskUser);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 22 * 60 + rng.int(0, 30)), place: victim.home, device: victim.device, durationMs: 30 * MINUTE_MS, activity: false });
  const report = ctx.reports.bulk[1] ?? ctx.reports.bulk[0]!;
  const t = session.startMs + 4 * MINUTE_MS;
  emitReportRow(ctx, rng, session, t, { reportId: report.id, entity: report.entity, rows: ROWS, columns: 24 });
  emitReportExportRow(ctx, rng, session, t + 3 * MINUTE_MS, report.id);
  const eventId = ctx.threats.write(rng, 'ReportAnomalyEventStore', t + 3 * MINUTE_MS, {
    UserId: victim.id, Username: victim.username, SessionKey: session.sessionKey, LoginKey: session.loginKey, SourceIp: victim.home.ip,
    Report: report.id.slice(0, 15), Score: 0.91, Summary: `Report "${report.name}" exported with ${ROWS} rows, far above the user's usual report sizes`,
    SecurityEventData: JSON.stringify({ rowCount: ROWS, reportId: report.id }),
  });
  ctx.labels.attack({
    policy: 'report-anomaly', alsoMatches: ['unusual-mass-download'], user: victim, ip: victim.home.ip, fromMs: t, toMs: t + 3 * MINUTE_MS, severity: 'high',
    description: `${victim.username} runs and exports "${report.name}" with ${ROWS.toLocaleString('en-US')} rows at night; their reports usually return a few hundred`,
    evidence: { records: { Report: [report.id] }, counts: { rows: ROWS }, sessionKeys: [session.sessionKey], eventTypes: ['Report', 'ReportExport'] },
    ...(eventId ? { realtimeEvent: { object: 'ReportAnomalyEventStore', eventIdentifier: eventId } } : {}),
  });
}

export function reportAnomalyScenario(): Scenario {
  return plannedScenario('report-anomaly', {
    attack,
    lookAlike() {},
    finish(ctx) {
      const entry = ctx.journal.latest('bulk-report-export');
      if (!entry) return;
      ctx.labels.lookAlike({
        policy: 'report-anomaly', user: entry.user, fromMs: entry.fromMs, toMs: entry.toMs, knownFalsePositiveOf: [],
        description: `sales operations analyst ${entry.user.username} runs and exports the ${String(entry.evidence.counts?.['rows'])}-row operational extract`,
        whyBenign: 'the same extract every workday (the analyst\'s baseline is ~100k rows), in office hours',
        evidence: entry.evidence,
      });
    },
  });
}
