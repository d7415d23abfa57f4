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
  emitReportExportRow(ctx, rng, session, t + 3 * MINUTE_MS, report.id, ROWS);
  // Score runs from 0 through 100 for this object; Summary and SecurityEventData as the guide's examples.
  const event = ctx.realtime.threat('ReportAnomalyEventStore', t + 3 * MINUTE_MS, {
    UserId: victim.id, Username: victim.username, SessionKey: session.sessionKey, LoginKey: session.loginKey, SourceIp: victim.home.ip,
    Report: report.id, Score: 91, Summary: `Report was generated with an unusually high number of rows (${ROWS})`,
    SecurityEventData: JSON.stringify([
      { featureName: 'rowCount', featureValue: String(ROWS), featureContribution: '95.00 %' },
      { featureName: 'periodOfDay', featureValue: 'Night', featureContribution: '2.10 %' },
      { featureName: 'userAgent', featureValue: victim.device.userAgent, featureContribution: '1.21 %' },
    ]),
  });
  ctx.labels.attack({
    policy: 'report-anomaly', alsoMatches: ['unusual-mass-download'], user: victim, ip: victim.home.ip, fromMs: t, toMs: t + 3 * MINUTE_MS, severity: 'high',
    description: `${victim.username} runs and exports "${report.name}" with ${ROWS.toLocaleString('en-US')} rows at night; their reports usually return a few hundred`,
    evidence: { records: { Report: [report.id] }, counts: { rows: ROWS }, sessionKeys: [session.sessionKey], eventTypes: ['Report', 'ReportExport'] },
    ...(event ? { realtimeEvent: event } : {}),
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
