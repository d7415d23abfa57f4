import type { Activity } from '../../activity/activity';
import { runDailyAnomaly, topNotes, type DailyAnomalySpec, type DayAlertView, type MeasureSink } from '../shared/data-daily-anomaly';
import { baselineSentence, dayAnomalyThresholds, draftBase, figuresEvidence, fmtCount, isoDay } from '../shared/data-day-alert';
import { findingSentence, findingsOf, threatSignal } from '../shared/data-threat-finding';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta, Sensitivity } from '../types';

const meta: PolicyMeta = {
  id: 'report-anomaly',
  name: 'Report anomaly',
  severity: 'medium',
  mitre: ['T1213', 'T1530'],
  description:
    'A user\'s reports return far more rows in a UTC day than they normally do: the rows of the reports they run (event log Report ' +
    'rows, ROW_COUNT; each report counted once a day at its largest run, so refreshing a report is not reading more) reach `minRows` ' +
    '(default 50,000) and `factor` times their normal high over the last 30 days (the larger of their busiest day and mean + 3σ). ' +
    'Dashboard refreshes are not counted (they run on a schedule, not by the user). Report exports ' +
    '(ReportExport) of the same day are listed as evidence and make the alert high severity: the rows left Salesforce. Salesforce\'s own ' +
    'Threat Detection finding (ReportAnomalyEventStore, Shield) raises the alert by itself, whatever the baseline, and is shown with its ' +
    'score on the same user-and-day alert. No baseline alert during a user\'s first 7 days of history (sign-ins count as history).',
  knownGaps: [
    'Needs Event Monitoring (Report and ReportExport event logs); without it, only Salesforce\'s Threat Detection findings (Shield) are raised.',
    'A ReportExport row does not say how many rows were exported; the rows are those of the report runs that day.',
    'Counts per UTC day: the same extract split into small reports over many days stays below the threshold.',
    'Rows read through the API are api-anomaly\'s, not this policy\'s.',
  ],
  falsePositives: [
    'Operations and finance analysts who pull large extracts every day: their daily rows are their baseline, so only a day far above it alerts.',
    'Month-end or audit extracts: a one-off large day alerts once; the evidence names the reports so the owner can confirm quickly.',
  ],
  runbook: [
    'Read the evidence: rows today against the user\'s usual day, the reports that returned the most rows, whether they were exported, and Salesforce\'s finding (score, summary) when present.',
    'Open the reports (ids in the evidence) to see what data they return, and confirm the need with the user or their manager.',
    'If unexpected, freeze the user and end their sessions, then check downloads and shares around the same time (unusual-mass-download, unusual-file-share).',
    'For a recurring legitimate extract by a service user, add it to excludeUsers.',
  ],
  dataSources: ['eventlogs', 'realtime'],
  // LoginHistory only starts the user's history.
  sources: ['ELF:Report', 'ELF:ReportExport', 'ReportAnomalyEventStore', 'LoginHistory'],
  thresholds: {
    minRows: { default: 50_000, min: 1, max: 1_000_000_000, description: 'report rows in a UTC day below which no baseline alert is raised' },
    factor: { default: 3, min: 1, max: 50, description: 'how many times the user\'s normal high the day must reach' },
  },
  sensitivity: {
    low: 'suppresses days below 100,000 rows or below 4× the user\'s normal high (Salesforce findings always alert)',
    medium: 'suppresses days below 50,000 rows or below 3× the user\'s normal high (Salesforce findings always alert)',
    high: 'suppresses only days below 25,000 rows or below 2× the user\'s normal high (Salesforce findings always alert)',
  },
};

const ROWS = 'reportRows';
const EXPORTS = 'exports';
const PRESENCE = new Set(['LoginHistory']);
const STORES = new Set(['ReportAnomalyEventStore']);

function measure(activity: Activity, _ctx: DetectionContext, out: MeasureSink): void {
  if (activity.kind === 'report.export') {
    out.count(EXPORTS, 1).note('ip', activity.ip).note('country', activity.geo?.countryIso).note('exported', activity.recordId);
    return;
  }
  if (activity.kind !== 'report.run' || !activity.rows || activity.operation?.startsWith('Dashboard')) return;
  // A report run again the same day (a refresh, or the run behind its export) counts once, at its largest.
  out.count(ROWS, activity.rows).noteWeight(activity.rows).onceADay(activity.recordId || undefined)
    .note('ip', activity.ip).note('country', activity.geo?.countryIso).note('report', activity.recordId).note('object', activity.object);
}

const spec: DailyAnomalySpec = {
  presenceSources: PRESENCE,
  measure,
  // Exports are evidence only: their rows are the report runs'.
  rule: (metric, ctx) => (metric === ROWS ? { minCount: ctx.settings.thresholds.minRows!, factor: ctx.settings.thresholds.factor! } : undefined),
  signal: (activity) => threatSignal(activity, STORES),
};

export const reportAnomaly: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity) {
    return dayAnomalyThresholds({ minRows: meta.thresholds.minRows!.default, factor: meta.thresholds.factor!.default }, ['minRows'], sensitivity);
  },
  async evaluate(activities, ctx) {
    const views = await runDailyAnomaly(activities, ctx, spec);
    return views.filter((v) => v.alert.crossed.length > 0 || findingsOf(v.alert.signals).length > 0).map(toDraft);
  },
};

function toDraft(view: DayAlertView): AlertDraft {
  const { alert } = view;
  const who = view.username ?? view.userId;
  const day = isoDay(alert.day);
  const figures = alert.crossed.includes(ROWS) ? alert.metrics[ROWS] : undefined;
  const findings = findingsOf(alert.signals);
  const top = findings[0];
  const reports = topNotes(alert, 'report', 5);
  const exported = Object.fromEntries(topNotes(alert, 'exported'));
  const bigExported = reports.some(([id]) => Object.hasOwn(exported, id));
  const high = (figures !== undefined && (figures.observed >= 2 * figures.threshold || bigExported)) || findings.some((f) => f.severity === 'high');
  const rows = figures?.observed ?? alert.metrics[ROWS]?.observed ?? top?.rows ?? 0;
  const verdict = top ? findingSentence(top, 'report anomaly') : undefined;
  const title = figures
    ? `${who}'s reports returned ${fmtCount(figures.observed)} rows on ${day}${bigExported ? ', and were exported' : ''}; ${baselineSentence(figures, 'rows')}`
    : `Salesforce flagged a report anomaly for ${who} on ${day}${top?.scoreOutOf100 === undefined ? '' : ` (score ${top.scoreOutOf100}/100)`}`;
  const base = draftBase(meta.id, view);
  if (!base.ip && top?.ip) base.ip = top.ip;
  return {
    ...base,
    severity: high ? 'high' : meta.severity,
    count: rows,
    title,
    description: [
      figures ? `${who}'s reports returned ${fmtCount(figures.observed)} rows on ${day} UTC, above the threshold from ${new Date(alert.firstAtMs).toISOString()}; ${baselineSentence(figures, 'rows')}.` : '',
      Object.keys(exported).length ? `Reports exported that day: ${Object.keys(exported).join(', ')}.` : '',
      verdict ? `${verdict}.` : '',
    ].filter(Boolean).join(' '),
    evidence: {
      day,
      rows: figuresEvidence(alert.metrics[ROWS]),
      rowsByReport: Object.fromEntries(reports),
      objects: Object.fromEntries(topNotes(alert, 'object')),
      reportsExported: exported,
      sourceIps: Object.fromEntries(topNotes(alert, 'ip')),
      salesforceFindings: findings,
    },
  };
}
