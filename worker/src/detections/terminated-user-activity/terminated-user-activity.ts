import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import type { DirectoryUser, UserStates } from '../../enrichment/user-state';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta } from '../types';
import { isLeaverCandidate, offboardedAt, type Reason } from './account-status';
import { addToTally, emptyLeaverState, isImpersonated, isInFlight, noteLoginAs, noteOwn, pruneLeaver, type EventTally, type LeaverState } from './leaver-state';

const meta: PolicyMeta = {
  id: 'terminated-user-activity',
  name: 'Activity by a terminated, deactivated or frozen user',
  severity: 'high',
  mitre: ['T1078', 'T1078.004'],
  description:
    'Raises activity by a person after their account should have stopped working: after their termination time in the ' +
    'terminated-users file (HR / IdP feed, config `terminatedUsersFile`) plus `graceMinutes`, or after the account was ' +
    'deactivated or frozen (users stream: the audit trail\'s change time, else the record\'s LastModifiedDate). Counted: ' +
    'successful sign-ins (LoginHistory, API and OAuth included), setup changes the user made themself, and the user\'s ' +
    'requests in the event logs (pages, API, reports and exports, downloads, searches, shares, Login-As). Not counted: ' +
    'failed sign-ins (the block working), logouts, requests whose client address is "Salesforce.com IP" (Salesforce running scheduled ' +
    'reports, Apex jobs and flows as their owner), an admin\'s work while logged in as the user (Login-As: the audit trail\'s ' +
    'DelegateUser, the Login-As session, or requests within 2 hours of a Login-As into the account without a sign-in of the ' +
    'person since), Salesforce\'s automation users, ' +
    'and, up to 12 hours, requests of a session the user had already opened before the change — its session key was seen ' +
    'before, or the user has not signed in since the change (freezing does not end open sessions; the person finishing ' +
    'their day). One alert per user and offboarding event (the termination, deactivation or ' +
    'freeze), updated with every later activity: its count, last-seen time and what was done.',
  knownGaps: [
    'Needs the users stream\'s directory (and the terminated-users file for HR terminations): before the first users pass, nothing is raised.',
    'Without Event Monitoring only sign-ins and setup changes are seen: an already open session or an OAuth token used without a new sign-in is invisible.',
    'A session opened before the change keeps working silently for up to 12 hours (sensitivity high raises it); end the user\'s sessions when offboarding.',
    'A deactivation without an audit-trail entry is dated by LastModifiedDate, an upper bound: activity between the real deactivation and that time is missed.',
    'A request within 12 hours of the change is taken for an already open session when its session was seen before the change or the user has not signed in since: an access token issued before the change and used by someone else in that time is not raised.',
    'Terminated-users rows that name no user of the org (typos, other usernames) are reported by the users stream, not here.',
  ],
  falsePositives: [
    'The HR termination time is earlier than the person\'s real last working minute (a date written as midnight): raise `graceMinutes`.',
    'A rehired or re-activated person: the reactivation in the audit trail ends the alerting; a stale terminated-users row must be removed from the file.',
    'An integration or service account sharing a leaver\'s e-mail address matched by the terminated-users file: fix the file (match by username) or exclude the account.',
    'Support staff logging in as a departed user to reassign their records: recognised by the Login-As (audit trail or event log) and not raised; a Login-As whose event log row arrives after the session\'s rows and without an audit-trail entry is not recognised.',
  ],
  runbook: [
    'Read the evidence: why the account should have been unusable (termination, deactivation or freeze, and since when), what was done after, from which addresses.',
    'Freeze (or deactivate) the account now, end all its sessions (Session Management) and revoke its OAuth tokens (Connected Apps OAuth Usage).',
    'Review what was accessed after the termination time: reports exported, files downloaded or shared, setup changes; involve HR / legal for a departed employee.',
    'Find why offboarding missed the account (HR feed not applied, freeze without ending sessions, a shared credential) and fix the process.',
  ],
  dataSources: ['users', 'logins', 'audit', 'eventlogs'],
  // Each event once: sign-ins from LoginHistory (not the event log Login row nor LoginEvent),
  // requests from the event logs (not the real-time ApiEvent/ReportEvent copies), file actions from
  // their event log types (not the files stream's records).
  sources: [
    'LoginHistory', 'SetupAuditTrail', 'ELF:URI', 'ELF:LightningPageView', 'ELF:API', 'ELF:RestApi', 'ELF:BulkApi', 'ELF:Report',
    'ELF:ReportExport', 'ELF:ContentTransfer', 'ELF:DocumentAttachmentDownloads', 'ELF:Search', 'ELF:ContentDistribution',
    'ELF:ContentDocumentLink', 'ELF:LoginAs',
  ],
  thresholds: {
    graceMinutes: { default: 0, min: 0, max: 2880, description: 'minutes after the HR termination time before activity counts (deactivation and freeze have none)' },
  },
  sensitivity: {
    low: 'only new successful sign-ins after the termination, deactivation or freeze',
    medium: 'sign-ins and every user-initiated request, except in sessions already open at the change (up to 12 hours)',
    high: 'also requests in sessions that were already open at the change',
  },
};

const STATE_TTL_SECONDS = 35 * 24 * 3600;

interface Item {
  activity: Activity;
  /** The person's own request, or an admin's Login-As into the account. */
  own: boolean;
}

export const terminatedUserActivity: Policy = {
  meta,
  thresholdsFor(): Record<string, number> {
    return { graceMinutes: meta.thresholds.graceMinutes!.default };
  },
  async evaluate(activities, ctx) {
    const users = ctx.env.users;
    if (!users) return [];
    const byUser = leaversIn(activities, users);
    if (byUser.size === 0) return [];
    const stored = await ctx.state.getMany<LeaverState>([...byUser.keys()].map(keyOf));
    const changed = new Map<string, unknown>();
    const alerts = new Map<string, AlertDraft>();
    for (const [userId, { user, items }] of byUser) {
      const state = stored.get(keyOf(userId)) ?? emptyLeaverState();
      const touched = new Set<string>();
      for (const { activity, own } of items) {
        if (!own) noteLoginAs(state, activity);
        else {
          const event = countRequest(state, activity, user, users, ctx);
          if (event) touched.add(event);
        }
      }
      for (const event of touched) {
        const draft = toAlert(user, state.events[event]!);
        alerts.set(draft.bucket, draft);
      }
      pruneLeaver(state, latestOf(items));
      changed.set(keyOf(userId), state);
    }
    await ctx.state.setMany(changed, STATE_TTL_SECONDS);
    return [...alerts.values()];
  },
};

const keyOf = (userId: string) => `u:${userId}`;

/** The latest time of a user's rows (a loop: a spread of thousands of rows into Math.max copies them all). */
function latestOf(items: readonly Item[]): number {
  let latest = -Infinity;
  for (const { activity } of items) latest = Math.max(latest, activity.timeMs);
  return latest;
}

/** The page's requests of people the directory has offboarded (or will), and admins' Login-As into their accounts. */
function leaversIn(activities: readonly Activity[], users: UserStates): Map<string, LeaverRows> {
  const byUser = new Map<string, LeaverRows>();
  // Each user reference is looked up in the directory once per page: null for someone who is not a leaver.
  const byRef = new Map<string, LeaverRows | null>();
  const rowsOf = (ref: string): LeaverRows | null => {
    let rows = byRef.get(ref);
    if (rows === undefined) {
      const user = byUser.get(ref)?.user ?? users.get(ref);
      if (isLeaverCandidate(user)) {
        rows = byUser.get(user.id) ?? { user, items: [] };
        byUser.set(user.id, rows);
      } else rows = null;
      byRef.set(ref, rows);
    }
    return rows;
  };
  for (let i = 0; i < activities.length; i += 1) {
    const activity = activities[i]!;
    // The admin's own Login-As counts for the admin, and marks the target's account as in an admin's hands.
    if (activity.kind === 'login-as' && activity.target?.userId) rowsOf(activity.target.userId)?.items.push({ activity, own: false });
    if (activity.userId && isCounted(activity)) rowsOf(activity.userId)?.items.push({ activity, own: true });
  }
  return byUser;
}

interface LeaverRows {
  user: DirectoryUser;
  items: Item[];
}

/**
 * Event log types without a client address column (Object Reference, EventLogFile supported
 * event types): their rows say nothing about who made the request, so they count as the user's.
 */
const NO_ADDRESS_SOURCES = new Set(['ELF:ContentTransfer', 'ELF:ContentDistribution', 'ELF:ContentDocumentLink', 'ELF:DocumentAttachmentDownloads', 'ELF:Search']);

/** What a person does: not the block working (failures), not session ends, not Salesforce acting for them. */
function isCounted(activity: Activity): boolean {
  if (activity.kind === 'login.failure' || activity.kind === 'logout' || activity.kind === 'threat') return false;
  // Audit entries have no address; one made by an admin logged in as the user is the admin's.
  if (activity.source === 'SetupAuditTrail') return activity.delegateUser === undefined;
  // CLIENT_IP "Salesforce.com IP" (no address): Salesforce itself runs the request for its owner.
  return activity.ip !== undefined || NO_ADDRESS_SOURCES.has(activity.source);
}

/** Counts the person's request when it came after the change and is theirs; returns its offboarding event. */
function countRequest(state: LeaverState, activity: Activity, user: DirectoryUser, users: UserStates, ctx: DetectionContext): string | undefined {
  const sessionFirstSeen = noteOwn(state, activity);
  const off = offboardedAt(users, user, activity.timeMs, ctx.settings.thresholds.graceMinutes! * 60_000);
  if (!off || isImpersonated(state, activity)) return undefined;
  const sensitivity = ctx.settings.sensitivity;
  if (sensitivity === 'low' && activity.kind !== 'login.success') return undefined;
  if (sensitivity !== 'high' && isInFlight(state, activity, off, sessionFirstSeen)) return undefined;
  return addToTally(state, activity, off);
}

const REASON_TEXT: Record<Reason, string> = { terminated: 'HR termination', deactivated: 'deactivation', frozen: 'freeze' };
const KIND_WORDS: Array<[string, string]> = [
  ['login.success', 'sign-in'], ['admin.change', 'setup change'], ['login-as', 'Login-As'], ['report.export', 'report export'],
  ['file.download', 'download'], ['file.share', 'file share'], ['file.delete', 'file deletion'], ['report.run', 'report run'],
  ['api.query', 'API query'], ['api.call', 'API call'], ['search', 'search'], ['page.view', 'page view'],
];

function summary(kinds: Record<string, number>): string {
  const known = KIND_WORDS.filter(([kind]) => kinds[kind]).map(([kind, word]) => `${kinds[kind]} ${word}${kinds[kind] === 1 ? '' : 's'}`);
  const other = Object.entries(kinds).filter(([kind]) => !KIND_WORDS.some(([k]) => k === kind)).reduce((sum, [, n]) => sum + n, 0);
  return [...known, ...(other ? [`${other} other`] : [])].join(', ');
}

function toAlert(user: DirectoryUser, t: EventTally): AlertDraft {
  const ips = Object.entries(t.ips).sort((a, b) => b[1] - a[1]);
  const what = summary(t.kinds);
  const since = `${REASON_TEXT[t.reason]} at ${isoUtc(t.sinceMs)}`;
  return {
    policy: meta.id,
    severity: meta.severity,
    bucket: `${user.id}:${t.reason}:${isoUtc(t.sinceMs)}`,
    subject: user.id,
    userId: user.id,
    username: user.username,
    occurredAtMs: t.firstMs,
    lastSeenAtMs: t.lastMs,
    ...(ips[0] ? { ip: ips[0][0] } : {}),
    count: t.count,
    title: `${user.username} active after ${since}: ${what}`,
    description:
      `${user.username} should not have been able to use Salesforce after the ${since}, yet between ${isoUtc(t.firstMs)} and ` +
      `${isoUtc(t.lastMs)} the account made ${t.count} request(s) (${what}) from ${ips.map(([ip]) => ip).join(', ') || 'no recorded address'}.`,
    evidence: {
      reason: t.reason,
      ...(t.reason === 'terminated' ? { terminatedAt: isoUtc(t.sinceMs), source: 'terminated-users file' } : {}),
      ...(t.reason === 'deactivated' ? { deactivatedAt: isoUtc(t.sinceMs) } : {}),
      ...(t.reason === 'frozen' ? { frozenAt: isoUtc(t.sinceMs) } : {}),
      accountNow: { active: user.active, frozen: user.frozen },
      firstActivityAt: isoUtc(t.firstMs),
      lastActivityAt: isoUtc(t.lastMs),
      activities: t.kinds,
      sourceIps: Object.fromEntries(ips),
    },
  };
}
