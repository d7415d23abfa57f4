import type { Activity } from '../../activity/activity';
import { eventTypeOf, runDailyAnomaly, topNotes, type DailyAnomalySpec, type DayAlertView, type MeasureSink } from '../shared/data-daily-anomaly';
import { baselineSentence, dayAnomalyThresholds, draftBase, figuresEvidence, fmtCount, isoDay } from '../shared/data-day-alert';
import { findingSentence, findingsOf, threatSignal } from '../shared/data-threat-finding';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta, Sensitivity } from '../types';

const meta: PolicyMeta = {
  id: 'api-anomaly',
  name: 'API data extraction anomaly',
  severity: 'medium',
  mitre: ['T1530', 'T1119'],
  description:
    'A user reads far more records through the API in a UTC day than they normally do: the rows returned by their SOAP, REST and ' +
    'Bulk API queries (event logs API, RestApi, BulkApi, ROWS_PROCESSED) reach `minRows` (default 100,000) and `factor` times their ' +
    'normal high over the last 30 days (the larger of their busiest day and mean + 3σ). Integration users that extract a million ' +
    'rows every night have that as their baseline; a sales rep who never used the API and pulls a million rows with Data Loader ' +
    'does not. Salesforce\'s own Threat Detection finding (ApiAnomalyEventStore, Shield) raises the alert by itself, whatever the ' +
    'baseline, and is shown with its score on the same user-and-day alert. No baseline alert during a user\'s first 7 days of history ' +
    '(sign-ins count as history).',
  knownGaps: [
    'Needs Event Monitoring (API, RestApi, BulkApi event logs); without it, only Salesforce\'s Threat Detection findings (Shield) are raised.',
    'Bulk API 2.0 query results downloaded in pieces are counted by the batches the event log reports; rows an event log row does not report are not counted.',
    'Counts per UTC day: a slow extraction spread over many days stays below the threshold.',
    'The real-time ApiEvent store reports the same queries and is not read, so nothing is counted twice.',
  ],
  falsePositives: [
    'Integrations (ETL, ERP sync, marketing connectors) read large volumes every day: that is their baseline, so only a day far above it alerts.',
    'A one-off data migration or backup by an admin alerts once; the evidence names the API clients and objects so it can be confirmed quickly.',
  ],
  runbook: [
    'Read the evidence: rows today against the user\'s usual day, the API clients (Data Loader, Workbench, connected apps), objects and IPs, and Salesforce\'s finding when present.',
    'Check with the user or the integration\'s owner whether an extraction was planned; check the IPs against the user\'s usual networks.',
    'If unexpected, freeze the user, end their sessions and revoke their OAuth tokens (Setup → Connected Apps OAuth Usage), then rotate any integration credentials involved.',
    'For a scheduled extraction by a dedicated integration user, add it to excludeUsers.',
  ],
  dataSources: ['eventlogs', 'realtime'],
  // LoginHistory only starts the user's history.
  sources: ['ELF:API', 'ELF:RestApi', 'ELF:BulkApi', 'ApiAnomalyEventStore', 'LoginHistory'],
  thresholds: {
    minRows: { default: 100_000, min: 1, max: 10_000_000_000, description: 'API rows read in a UTC day below which no baseline alert is raised' },
    factor: { default: 3, min: 1, max: 50, description: 'how many times the user\'s normal high the day must reach' },
  },
  sensitivity: {
    low: 'suppresses days below 200,000 rows or below 4× the user\'s normal high (Salesforce findings always alert)',
    medium: 'suppresses days below 100,000 rows or below 3× the user\'s normal high (Salesforce findings always alert)',
    high: 'suppresses only days below 50,000 rows or below 2× the user\'s normal high (Salesforce findings always alert)',
  },
};

const ROWS = 'apiRows';
const PRESENCE = new Set(['LoginHistory']);
const STORES = new Set(['ApiAnomalyEventStore']);

function measure(activity: Activity, _ctx: DetectionContext, out: MeasureSink): void {
  if (activity.kind !== 'api.query' || !activity.rows) return;
  out.count(ROWS, activity.rows).noteWeight(activity.rows)
    .note('ip', activity.ip).note('country', activity.geo?.countryIso).note('client', activity.appName).note('object', activity.object).note('via', eventTypeOf(activity.source));
}

const spec: DailyAnomalySpec = {
  presenceSources: PRESENCE,
  measure,
  rule: (metric, ctx) => (metric === ROWS ? { minCount: ctx.settings.thresholds.minRows!, factor: ctx.settings.thresholds.factor! } : undefined),
  signal: (activity) => threatSignal(activity, STORES),
};

export const apiAnomaly: Policy = {
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
  const clients = topNotes(alert, 'client', 5).map(([client]) => client);
  const high = (figures !== undefined && figures.observed >= 2 * figures.threshold) || findings.some((f) => f.severity === 'high');
  const rows = figures?.observed ?? alert.metrics[ROWS]?.observed ?? top?.rows ?? 0;
  const base = draftBase(meta.id, view);
  if (!base.ip && top?.ip) base.ip = top.ip;
  const title = figures
    ? `${who} read ${fmtCount(figures.observed)} rows through the API on ${day}${clients.length ? ` (${clients.slice(0, 2).join(', ')})` : ''}; ${baselineSentence(figures, 'rows')}`
    : `Salesforce flagged an API anomaly for ${who} on ${day}${top?.scoreOutOf100 === undefined ? '' : ` (score ${top.scoreOutOf100}/100)`}`;
  return {
    ...base,
    severity: high ? 'high' : meta.severity,
    count: rows,
    title,
    description: [
      figures ? `${who} read ${fmtCount(figures.observed)} rows through the API on ${day} UTC, above the threshold from ${new Date(alert.firstAtMs).toISOString()}; ${baselineSentence(figures, 'rows')}.` : '',
      top ? `${findingSentence(top, 'API anomaly')}.` : '',
    ].filter(Boolean).join(' '),
    evidence: {
      day,
      rows: figuresEvidence(alert.metrics[ROWS]),
      rowsByClient: Object.fromEntries(topNotes(alert, 'client')),
      rowsByObject: Object.fromEntries(topNotes(alert, 'object')),
      rowsByApi: Object.fromEntries(topNotes(alert, 'via')),
      sourceIps: Object.fromEntries(topNotes(alert, 'ip')),
      salesforceFindings: findings,
    },
  };
}
