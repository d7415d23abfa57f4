import type { Activity } from '../../activity/activity';
import { eventTypeOf, runDailyAnomaly, topNotes, type DailyAnomalySpec, type DayAlertView, type MeasureSink } from '../shared/data-daily-anomaly';
import { baselineSentence, dayAnomalyThresholds, draftBase, figuresEvidence, fmtCount, isoDay } from '../shared/data-day-alert';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta, Sensitivity } from '../types';

const meta: PolicyMeta = {
  id: 'unusual-file-deletion',
  name: 'Unusual file deletion',
  severity: 'medium',
  mitre: ['T1485'],
  description:
    'A user deletes far more files (Salesforce Files, ContentDocument) in a UTC day than they normally do: at least `minDeletions` ' +
    '(default 20) and `factor` times their normal high over the last 30 days (the larger of their busiest day and mean + 3σ). ' +
    'Deletions are read from the recycle bin (deleted ContentDocument rows, queryAll) and from the API event logs (REST, SOAP and ' +
    'Bulk API deletes of ContentDocument); both report the same deletions, so each is counted once — the day count is the larger of ' +
    'the two sources, and either alone still works. No alert during a user\'s first 7 days of history (sign-ins count as history: ' +
    'a user who never deleted anything has a baseline of zero). One alert per user and day; later deletions update its count. ' +
    'Severity rises to high when the day reaches twice the threshold or most of the deleted files belonged to other people.',
  knownGaps: [
    'Files only: deleted records (Accounts, Opportunities …), Attachments and Documents are not counted.',
    'Files purged from the recycle bin before the hourly files poll, and hard deletes through the Bulk API, are visible only in the event logs (Event Monitoring).',
    'Counts per UTC day: a slow deletion spread over many days below the threshold each day is not raised.',
    'A SOAP or Bulk API delete whose event log row has no ROWS_PROCESSED counts as one deletion (the recycle bin still counts each file).',
    'The recycle bin names the last modifier as the deleter; when event logs name someone else for the same files, the two may be counted under different users.',
  ],
  falsePositives: [
    'Retention clean-ups by records managers or admins: quiet once they are part of the user\'s baseline (a daily clean-up sets the normal high); a first-ever clean-up alerts once — add the account to excludeUsers if it is a dedicated job.',
    'A user tidying up old drafts once: the absolute floor (20 a day by default) keeps small clean-ups quiet.',
  ],
  runbook: [
    'Read the evidence: files deleted today, the user\'s usual day, how many files belonged to other people, and the IPs and API clients used.',
    'Ask the user (or their manager) whether a clean-up was planned; check the recycle bin (Setup → Recycle Bin, or queryAll) for what was deleted.',
    'If unexpected, restore the files from the recycle bin (15 days), freeze the user and end their sessions, then review their recent downloads and exports (unusual-mass-download).',
    'If it is a recurring job of a service account, add it to excludeUsers for this policy.',
  ],
  dataSources: ['files', 'eventlogs'],
  // LoginHistory only starts the user's history; deletions come from the recycle bin (records) and the API event logs (api).
  sources: ['ContentDocument', 'ELF:RestApi', 'ELF:API', 'ELF:BulkApi', 'LoginHistory'],
  thresholds: {
    minDeletions: { default: 20, min: 1, max: 100_000, description: 'files deleted in a UTC day below which no alert is raised, whatever the baseline' },
    factor: { default: 3, min: 1, max: 50, description: 'how many times the user\'s normal high the day must reach' },
  },
  sensitivity: {
    low: 'suppresses days below 40 deletions or below 4× the user\'s normal high',
    medium: 'suppresses days below 20 deletions or below 3× the user\'s normal high',
    high: 'suppresses only days below 10 deletions or below 2× the user\'s normal high',
  },
};

const METRIC = 'deletions';
const PRESENCE = new Set(['LoginHistory']);

function measure(activity: Activity, _ctx: DetectionContext, out: MeasureSink): void {
  if (activity.kind !== 'file.delete' || !activity.userId) return;
  if (activity.source === 'ContentDocument') {
    // The recycle bin names the file's owner when someone else deleted it.
    const owner = activity.target?.userId && activity.target.userId !== activity.userId ? 'other people' : 'own';
    out.count(METRIC, 1).channel('records').note('owner', owner).note('fileType', activity.status);
    return;
  }
  out.count(METRIC, Math.max(1, activity.rows ?? 1)).channel('api')
    .note('ip', activity.ip).note('country', activity.geo?.countryIso).note('via', eventTypeOf(activity.source)).note('client', activity.appName);
}

const spec: DailyAnomalySpec = {
  presenceSources: PRESENCE,
  measure,
  rule: (_metric, ctx) => ({ minCount: ctx.settings.thresholds.minDeletions!, factor: ctx.settings.thresholds.factor! }),
};

export const unusualFileDeletion: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity) {
    return dayAnomalyThresholds({ minDeletions: meta.thresholds.minDeletions!.default, factor: meta.thresholds.factor!.default }, ['minDeletions'], sensitivity);
  },
  async evaluate(activities, ctx) {
    const views = await runDailyAnomaly(activities, ctx, spec);
    return views.filter((v) => v.alert.crossed.length > 0).map(toDraft);
  },
};

function toDraft(view: DayAlertView): AlertDraft {
  const figures = view.alert.metrics[METRIC]!;
  const who = view.username ?? view.userId;
  const owners = Object.fromEntries(topNotes(view.alert, 'owner'));
  const others = owners['other people'] ?? 0;
  const fromRecords = others + (owners['own'] ?? 0);
  const mostlyOthers = fromRecords > 0 && others * 2 >= fromRecords;
  const high = figures.observed >= 2 * figures.threshold || mostlyOthers;
  const day = isoDay(view.alert.day);
  return {
    ...draftBase(meta.id, view),
    severity: high ? 'high' : meta.severity,
    count: figures.observed,
    title: `${who} deleted ${fmtCount(figures.observed)} files on ${day}` + (others > 0 ? ` (${fmtCount(others)} of them other people's)` : '') + `; ${baselineSentence(figures, 'deletions')}`,
    description:
      `${who} deleted ${fmtCount(figures.observed)} files (ContentDocument) on ${day} UTC, the first above the threshold at ${new Date(view.alert.firstAtMs).toISOString()}; ` +
      `${baselineSentence(figures, 'deletions')}.`,
    evidence: {
      day,
      deletions: figuresEvidence(figures),
      fileOwners: owners,
      via: Object.fromEntries(topNotes(view.alert, 'via')),
      apiClients: Object.fromEntries(topNotes(view.alert, 'client')),
      sourceIps: Object.fromEntries(topNotes(view.alert, 'ip')),
      fileTypes: Object.fromEntries(topNotes(view.alert, 'fileType')),
    },
  };
}
