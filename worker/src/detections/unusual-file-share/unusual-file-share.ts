import type { Activity } from '../../activity/activity';
import { runDailyAnomaly, topNotes, type DailyAnomalySpec, type DayAlertView, type MeasureSink } from '../shared/data-daily-anomaly';
import { baselineSentence, dayAnomalyThresholds, draftBase, figuresEvidence, fmtCount, isoDay } from '../shared/data-day-alert';
import { isOutsider, recipientOf } from '../shared/data-recipients';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta, Sensitivity } from '../types';

const meta: PolicyMeta = {
  id: 'unusual-file-share',
  name: 'Unusual external file sharing',
  severity: 'medium',
  mitre: ['T1567', 'T1537'],
  description:
    'A user opens far more files to the outside in a UTC day than they normally do: public links (ContentDistribution) plus shares ' +
    'with external users (partner, customer and guest users of the directory), at least `minShares` (default 10) and `factor` times ' +
    'their normal high over the last 30 days. Shares with colleagues, groups and libraries are internal and not counted. The share ' +
    'records (files stream) and the event log rows (ContentDistribution, ContentDocumentLink) report the same shares: the day count ' +
    'is the larger of the two, so each share is counted once. No alert during a user\'s first 7 days of history (sign-ins count as ' +
    'history). One alert per user and day. Severity rises to high at twice the threshold, or when the public links have neither a ' +
    'password nor an expiry date.',
  knownGaps: [
    'Files only: records shared through sharing rules, Experience Cloud or e-mail attachments are not seen.',
    'The share record names the file\'s owner, not who shared it; without event logs, a share made by a collaborator counts for the owner.',
    'Recipients are told apart with the user directory (users stream): before its first pass only public links are counted; a recipient created since its last pass counts when their e-mail domain is not one of the org\'s own.',
    'Counts per UTC day: a few links a day over weeks stays below the threshold.',
  ],
  falsePositives: [
    'Marketing and partner managers who publish collateral every day: their daily links are their baseline, so only a day far above it alerts.',
    'A launch day with an unusual number of published brochures: the evidence lists link settings and recipient domains, which makes this quick to confirm.',
  ],
  runbook: [
    'Read the evidence: links and external shares today versus the user\'s usual day, link settings (password, expiry) and recipient domains.',
    'Open the user\'s public links (ContentDistribution, Setup → Files or a report on Content Deliveries) and external shares; check what the files contain.',
    'If unexpected, delete the public links or set them to expire, remove the external shares, then freeze the user and end their sessions.',
    'Check the same user\'s downloads and exports (unusual-mass-download) around the same time.',
  ],
  dataSources: ['files', 'eventlogs'],
  // LoginHistory only starts the user's history.
  sources: ['ContentDistribution', 'ContentDocumentLink', 'ELF:ContentDistribution', 'ELF:ContentDocumentLink', 'LoginHistory'],
  thresholds: {
    minShares: { default: 10, min: 1, max: 100_000, description: 'public links plus external shares in a UTC day below which no alert is raised' },
    factor: { default: 3, min: 1, max: 50, description: 'how many times the user\'s normal high the day must reach' },
  },
  sensitivity: {
    low: 'suppresses days below 20 links/shares or below 4× the user\'s normal high',
    medium: 'suppresses days below 10 links/shares or below 3× the user\'s normal high',
    high: 'suppresses only days below 5 links/shares or below 2× the user\'s normal high',
  },
};

const METRIC = 'shares';
const PRESENCE = new Set(['LoginHistory']);

function measure(activity: Activity, ctx: DetectionContext, out: MeasureSink): void {
  if (activity.kind !== 'file.share' || !activity.share) return;
  const channel = activity.source.startsWith('ELF:') ? 'eventlogs' : 'records';
  if (activity.share.kind === 'public-link') {
    const open = activity.share.passwordRequired === false && activity.share.expiresAtMs === undefined && channel === 'records';
    out.count(METRIC, 1).channel(channel)
      .note('ip', activity.ip).note('country', activity.geo?.countryIso).note('kind', 'public link').note('openLink', open ? 'no password, no expiry' : undefined);
    return;
  }
  const recipient = recipientOf(activity, ctx.env);
  if (!recipient || !isOutsider(recipient, ctx.env)) return;
  out.count(METRIC, 1).channel(channel).note('ip', activity.ip).note('country', activity.geo?.countryIso).note('kind', 'external user').note('recipientDomain', recipient.domain);
}

const spec: DailyAnomalySpec = {
  presenceSources: PRESENCE,
  measure,
  rule: (_metric, ctx) => ({ minCount: ctx.settings.thresholds.minShares!, factor: ctx.settings.thresholds.factor! }),
};

export const unusualFileShare: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity) {
    return dayAnomalyThresholds({ minShares: meta.thresholds.minShares!.default, factor: meta.thresholds.factor!.default }, ['minShares'], sensitivity);
  },
  async evaluate(activities, ctx) {
    const views = await runDailyAnomaly(activities, ctx, spec);
    return views.filter((v) => v.alert.crossed.length > 0).map(toDraft);
  },
};

function toDraft(view: DayAlertView): AlertDraft {
  const figures = view.alert.metrics[METRIC]!;
  const who = view.username ?? view.userId;
  const kinds = Object.fromEntries(topNotes(view.alert, 'kind'));
  const openLinks = Object.fromEntries(topNotes(view.alert, 'openLink'))['no password, no expiry'] ?? 0;
  const links = kinds['public link'] ?? 0;
  const high = figures.observed >= 2 * figures.threshold || (links > 0 && openLinks * 2 >= links);
  const day = isoDay(view.alert.day);
  const parts = [links ? `${fmtCount(links)} public links` : '', kinds['external user'] ? `${fmtCount(kinds['external user'])} external shares` : ''].filter(Boolean).join(' and ');
  return {
    ...draftBase(meta.id, view),
    severity: high ? 'high' : meta.severity,
    count: figures.observed,
    title: `${who} shared ${fmtCount(figures.observed)} files outside the org on ${day}` + (parts ? ` (${parts})` : '') + `; ${baselineSentence(figures, 'shares')}`,
    description:
      `${who} created ${fmtCount(figures.observed)} public links or external shares on ${day} UTC, the first above the threshold at ${new Date(view.alert.firstAtMs).toISOString()}; ` +
      `${baselineSentence(figures, 'shares')}.` + (openLinks ? ` ${fmtCount(openLinks)} public links have no password and no expiry date.` : ''),
    evidence: {
      day,
      shares: figuresEvidence(figures),
      byKind: kinds,
      linksWithoutPasswordOrExpiry: openLinks,
      recipientDomains: Object.fromEntries(topNotes(view.alert, 'recipientDomain')),
      sourceIps: Object.fromEntries(topNotes(view.alert, 'ip')),
    },
  };
}
