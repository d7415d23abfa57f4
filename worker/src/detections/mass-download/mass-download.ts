import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';
import { emptyChannel, isIdle, step, type BurstParams, type ChannelState, type DownloadEvent, type OpenBurst } from './download-burst';

const meta: PolicyMeta = {
  id: 'mass-download',
  name: 'Mass download',
  severity: 'medium',
  mitre: ['T1530', 'T1567'],
  description:
    'Template: one user downloads or exports at least `minEvents` files and reports within `windowMinutes` (default 10 in 30 minutes): ' +
    'files downloaded in the browser (event logs ContentTransfer VersionDownloadAction, DocumentAttachmentDownloads) and report exports ' +
    '(ReportExport). Files downloaded through the API (ContentTransfer VersionDownloadApi) are counted apart against ' +
    '`minApiDownloads` (default 100 in the window): desktop sync clients pull a few files every few minutes all day through the API, ' +
    'which would trip the browser threshold daily, while a script emptying the file store pulls hundreds. This default replaces the ' +
    'usual excludeUsers entry for sync users; excludeUsers remains for a sync service account whose full re-syncs are routine. One alert ' +
    'per burst: later events of the same burst update its count; severity high at three times the threshold.',
  knownGaps: [
    'A fixed threshold: a slow download below 10 per 30 minutes is not raised here (unusual-mass-download compares each day with the user\'s baseline).',
    'API downloads below 100 per window (a throttled script) are not raised here.',
    'Needs Event Monitoring (ContentTransfer, DocumentAttachmentDownloads, ReportExport event logs).',
    'Record data read through the API or reports run without export are not downloads here (api-anomaly, report-anomaly).',
  ],
  falsePositives: [
    'Desktop sync clients (Files Connect, sync apps) download through the API in small batches all day: held to the API threshold, so they stay quiet; a new client\'s first full sync can alert once.',
    'A user preparing a proposal or audit pack downloads a dozen files within minutes: the evidence lists what was downloaded and from where, for a quick check with the user.',
  ],
  runbook: [
    'Read the evidence: how many files and reports in how many minutes, from which IPs, and which reports were exported.',
    'Confirm with the user; check whether they are leaving the company and whether the IP is one of their usual networks.',
    'If unexpected, freeze the user and end their sessions, and review their shares and public links (unusual-file-share).',
    'If the user is a sync or backup service account, add it to excludeUsers for this policy.',
  ],
  dataSources: ['eventlogs'],
  sources: ['ELF:ContentTransfer', 'ELF:DocumentAttachmentDownloads', 'ELF:ReportExport'],
  thresholds: {
    minEvents: { default: 10, min: 2, max: 100_000, description: 'browser downloads plus report exports within the window that raise an alert' },
    windowMinutes: { default: 30, min: 1, max: 1440, description: 'sliding window, and the quiet gap that closes a burst' },
    minApiDownloads: { default: 100, min: 2, max: 1_000_000, description: 'API file downloads within the window that raise an alert' },
  },
  sensitivity: {
    low: 'suppresses bursts below 20 downloads/exports (200 API downloads) in the window',
    medium: 'suppresses bursts below 10 downloads/exports (100 API downloads) in the window',
    high: 'suppresses only bursts below 5 downloads/exports (50 API downloads) in the window',
  },
};

type Channel = 'interactive' | 'api';

interface UserState {
  interactive: ChannelState;
  api: ChannelState;
}

const STATE_TTL_SECONDS = 2 * 24 * 3600;

function eventOf(activity: Activity): { channel: Channel; event: DownloadEvent } | undefined {
  const base = { t: activity.timeMs, ...(activity.ip ? { ip: activity.ip } : {}) };
  if (activity.kind === 'report.export') return { channel: 'interactive', event: { ...base, what: 'export', ...(activity.recordId ? { report: activity.recordId } : {}) } };
  if (activity.kind !== 'file.download') return undefined;
  if (activity.operation === 'VersionDownloadApi') return { channel: 'api', event: { ...base, what: 'api-file' } };
  return { channel: 'interactive', event: { ...base, what: activity.source === 'ELF:DocumentAttachmentDownloads' ? 'attachment' : 'file' } };
}

export const massDownload: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity) {
    const scale = sensitivity === 'low' ? 2 : sensitivity === 'high' ? 0.5 : 1;
    return {
      minEvents: Math.max(2, Math.round(meta.thresholds.minEvents!.default * scale)),
      windowMinutes: meta.thresholds.windowMinutes!.default,
      minApiDownloads: Math.max(2, Math.round(meta.thresholds.minApiDownloads!.default * scale)),
    };
  },
  async evaluate(activities, ctx) {
    const windowMs = ctx.settings.thresholds.windowMinutes! * 60_000;
    const params: Record<Channel, BurstParams> = {
      interactive: { minEvents: ctx.settings.thresholds.minEvents!, windowMs },
      api: { minEvents: ctx.settings.thresholds.minApiDownloads!, windowMs },
    };
    const byUser = new Map<string, Activity[]>();
    for (const a of activities) {
      if (!a.userId || !eventOf(a)) continue;
      const list = byUser.get(a.userId);
      if (list) list.push(a);
      else byUser.set(a.userId, [a]);
    }
    if (byUser.size === 0) return [];
    const stored = await ctx.state.getMany<UserState>([...byUser.keys()]);
    const changed = new Map<string, unknown>();
    const alerts = new Map<string, AlertDraft>();
    for (const [userId, list] of byUser) {
      const state = stored.get(userId) ?? { interactive: emptyChannel(), api: emptyChannel() };
      for (const activity of list) {
        const { channel, event } = eventOf(activity)!;
        if (!step(state[channel], event, params[channel])) continue;
        const draft = toAlert(state[channel].burst!, channel, activity, params[channel]);
        alerts.set(draft.bucket, draft);
      }
      const newest = list[list.length - 1]!.timeMs;
      const idle = isIdle(state.interactive, newest, params.interactive) && isIdle(state.api, newest, params.api);
      changed.set(userId, idle ? undefined : state);
    }
    await ctx.state.setMany(changed, STATE_TTL_SECONDS);
    return [...alerts.values()];
  },
};

const LABELS: Record<string, string> = { file: 'files downloaded', attachment: 'attachments downloaded', export: 'reports exported', 'api-file': 'files downloaded through the API' };

function toAlert(burst: OpenBurst, channel: Channel, activity: Activity, params: BurstParams): AlertDraft {
  const who = activity.username ?? activity.userId!;
  const minutes = Math.max(1, Math.round((burst.lastAtMs - burst.firstAtMs) / 60_000));
  const ips = Object.entries(burst.ips).sort((a, b) => b[1] - a[1]);
  const what = Object.entries(burst.byWhat).map(([k, n]) => `${n} ${LABELS[k] ?? k}`).join(', ');
  return {
    policy: meta.id,
    severity: burst.count >= 3 * params.minEvents ? 'high' : meta.severity,
    bucket: `${activity.userId}:${channel}:${isoUtc(burst.keyAtMs)}`,
    subject: activity.userId!,
    userId: activity.userId!,
    ...(activity.username ? { username: activity.username } : {}),
    occurredAtMs: burst.firstAtMs,
    lastSeenAtMs: burst.lastAtMs,
    ...(ips[0] ? { ip: ips[0][0] } : {}),
    ...(activity.geo?.countryIso ? { country: activity.geo.countryIso } : {}),
    count: burst.count,
    title: `${who}: ${burst.count} downloads/exports in ${minutes} min (${what})`,
    description:
      `${who} made ${burst.count} downloads or exports between ${isoUtc(burst.firstAtMs)} and ${isoUtc(burst.lastAtMs)} (${what}); ` +
      `the threshold is ${params.minEvents} within ${params.windowMs / 60_000} minutes` + (channel === 'api' ? ' for API downloads.' : '.'),
    evidence: {
      channel,
      count: burst.count,
      byKind: burst.byWhat,
      firstAt: isoUtc(burst.firstAtMs),
      lastAt: isoUtc(burst.lastAtMs),
      sourceIps: Object.fromEntries(ips.slice(0, 10)),
      reportsExported: burst.reports,
      threshold: { minEvents: params.minEvents, windowMinutes: params.windowMs / 60_000 },
    },
  };
}
