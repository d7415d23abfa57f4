import type { Activity } from '../../activity/activity';
import { eventTypeOf, runDailyAnomaly, topNotes, type DailyAnomalySpec, type DayAlertView, type MeasureSink } from '../shared/data-daily-anomaly';
import { baselineSentence, dayAnomalyThresholds, draftBase, figuresEvidence, fmtCount, isoDay } from '../shared/data-day-alert';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta, Sensitivity } from '../types';

/** The three ways data leaves, each with its own baseline: a sync client's API trickle must not hide a browser download spree. */
const METRICS = {
  downloads: { floor: 'minDownloads', unit: 'downloads', label: 'files downloaded in the browser' },
  apiDownloads: { floor: 'minApiDownloads', unit: 'API downloads', label: 'files downloaded through the API' },
  exports: { floor: 'minExports', unit: 'exports', label: 'reports exported' },
} as const;
type Metric = keyof typeof METRICS;

const meta: PolicyMeta = {
  id: 'unusual-mass-download',
  name: 'Unusual mass download',
  severity: 'medium',
  mitre: ['T1530', 'T1567'],
  description:
    'A user takes far more data out of Salesforce in a UTC day than they normally do. Three measures, each against its own 30-day ' +
    'baseline: files downloaded in the browser (event logs ContentTransfer VersionDownloadAction and DocumentAttachmentDownloads), ' +
    'files downloaded through the API (ContentTransfer VersionDownloadApi: sync clients, scripts) and reports exported ' +
    '(ReportExport). A measure alerts when the day reaches its floor (`minDownloads` 50, `minApiDownloads` 200, `minExports` 15) and ' +
    '`factor` times the user\'s normal high (the larger of their busiest day and mean + 3σ). Keeping the measures apart means a desktop ' +
    'sync client that pulls a hundred files a day through the API neither alerts every day nor hides a browser download spree by the same ' +
    'user. An API file download is logged once, as a ContentTransfer row, so API event rows are not counted again. No alert during a ' +
    'user\'s first 7 days of history (sign-ins count as history). One alert per user and day; severity high at twice a threshold.',
  knownGaps: [
    'Needs Event Monitoring (ContentTransfer, DocumentAttachmentDownloads, ReportExport event logs); without it the policy sees nothing.',
    'Record data read through list views, the API or reports that are run but not exported is not a download here (see report-anomaly and api-anomaly).',
    'Counts per UTC day: a download spread evenly over weeks, or split across accounts, stays under each user\'s threshold.',
    'A ReportExport row does not say how many rows left; a single huge export counts as one export (report-anomaly covers rows).',
  ],
  falsePositives: [
    'Desktop sync clients download dozens to hundreds of files a day through the API: that is their baseline, measured apart from browser downloads; a brand-new client\'s first full sync can alert once.',
    'Someone preparing an audit or a migration legitimately downloads many files once: the evidence lists channels, IPs and exported reports so it can be confirmed with the user.',
  ],
  runbook: [
    'Read the evidence: today\'s downloads and exports per channel against the user\'s usual day, the source IPs and the reports exported.',
    'Confirm with the user or their manager; check whether the user is leaving the company (HR) and whether the IPs are the user\'s usual networks.',
    'If unexpected, freeze the user and end their sessions, revoke their OAuth tokens (sync clients, Data Loader), and review shares and public links they created (unusual-file-share).',
    'Record what was taken (file and report ids from the event logs) for the incident.',
  ],
  dataSources: ['eventlogs'],
  // LoginHistory only starts the user's history.
  sources: ['ELF:ContentTransfer', 'ELF:DocumentAttachmentDownloads', 'ELF:ReportExport', 'LoginHistory'],
  thresholds: {
    minDownloads: { default: 50, min: 1, max: 1_000_000, description: 'browser file downloads in a UTC day below which no alert is raised' },
    minApiDownloads: { default: 200, min: 1, max: 1_000_000, description: 'API file downloads in a UTC day below which no alert is raised' },
    minExports: { default: 15, min: 1, max: 100_000, description: 'report exports in a UTC day below which no alert is raised' },
    factor: { default: 3, min: 1, max: 50, description: 'how many times the user\'s normal high a measure must reach' },
  },
  sensitivity: {
    low: 'suppresses days below 100 browser downloads, 400 API downloads and 30 exports, or below 4× the user\'s normal high',
    medium: 'suppresses days below 50 browser downloads, 200 API downloads and 15 exports, or below 3× the user\'s normal high',
    high: 'suppresses only days below 25 browser downloads, 100 API downloads and 8 exports, or below 2× the user\'s normal high',
  },
};

const PRESENCE = new Set(['LoginHistory']);

function metricOf(activity: Activity): Metric | undefined {
  if (activity.kind === 'report.export') return 'exports';
  if (activity.kind !== 'file.download') return undefined;
  return activity.operation === 'VersionDownloadApi' ? 'apiDownloads' : 'downloads';
}

function measure(activity: Activity, _ctx: DetectionContext, out: MeasureSink): void {
  const metric = metricOf(activity);
  if (!metric) return;
  out.count(metric, 1).note('ip', activity.ip).note('country', activity.geo?.countryIso);
  if (metric === 'exports') out.note('report', activity.recordId);
  else out.note('via', eventTypeOf(activity.source));
}

const spec: DailyAnomalySpec = {
  presenceSources: PRESENCE,
  measure,
  rule: (metric, ctx: DetectionContext) => {
    const floor = METRICS[metric as Metric]?.floor;
    return floor ? { minCount: ctx.settings.thresholds[floor]!, factor: ctx.settings.thresholds.factor! } : undefined;
  },
};

export const unusualMassDownload: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity) {
    const defaults = Object.fromEntries(Object.entries(meta.thresholds).map(([k, spec]) => [k, spec.default]));
    return dayAnomalyThresholds(defaults, ['minDownloads', 'minApiDownloads', 'minExports'], sensitivity);
  },
  async evaluate(activities, ctx) {
    const views = await runDailyAnomaly(activities, ctx, spec);
    return views.filter((v) => v.alert.crossed.length > 0).map(toDraft);
  },
};

function toDraft(view: DayAlertView): AlertDraft {
  const { alert } = view;
  const who = view.username ?? view.userId;
  const day = isoDay(alert.day);
  const observed = (m: Metric) => alert.metrics[m]?.observed ?? 0;
  const total = observed('downloads') + observed('apiDownloads') + observed('exports');
  const high = alert.crossed.some((m) => alert.metrics[m]!.observed >= 2 * alert.metrics[m]!.threshold);
  const what = (Object.keys(METRICS) as Metric[]).filter((m) => observed(m) > 0).map((m) => `${fmtCount(observed(m))} ${METRICS[m].label}`);
  const why = alert.crossed.map((m) => `${METRICS[m as Metric].label}: ${baselineSentence(alert.metrics[m]!, METRICS[m as Metric].unit)}`);
  return {
    ...draftBase(meta.id, view),
    severity: high ? 'high' : meta.severity,
    count: total,
    title: `${who}: ${what.join(', ')} on ${day}, far above their usual day`,
    description: `${who} took data out on ${day} UTC (${what.join(', ')}), above the threshold from ${new Date(alert.firstAtMs).toISOString()}. ${why.join('. ')}.`,
    evidence: {
      day,
      aboveBaseline: alert.crossed,
      downloads: figuresEvidence(alert.metrics['downloads']),
      apiDownloads: figuresEvidence(alert.metrics['apiDownloads']),
      exports: figuresEvidence(alert.metrics['exports']),
      reportsExported: Object.fromEntries(topNotes(alert, 'report')),
      sourceIps: Object.fromEntries(topNotes(alert, 'ip')),
      via: Object.fromEntries(topNotes(alert, 'via')),
    },
  };
}
