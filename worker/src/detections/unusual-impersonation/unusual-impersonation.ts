import type { Activity } from '../../activity/activity';
import { to18 } from '../../activity/elf/sf-id';
import { isoUtc } from '../../activity/sf-datetime';
import type { UserStates } from '../../enrichment/user-state';
import { Profiles } from '../baseline/profiles';
import { LOGIN_AS_START_CODES } from '../shared/admin-audit-codes';
import { privilegedAt } from '../shared/admin-directory';
import { isoDay } from '../shared/admin-novelty';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity } from '../types';
import { assessLoginAsDay, judgeSource, recordLoginAs, type LoginAsAssessment, type LoginAsEvent, type LoginAsThresholds } from './login-as-day';

const SOURCES = ['SetupAuditTrail', 'ELF:LoginAs', 'LoginAsEvent'];

const meta: PolicyMeta = {
  id: 'unusual-impersonation',
  name: 'Unusual Login-As (impersonation)',
  severity: 'medium',
  mitre: ['T1078.004', 'T1550'],
  description:
    'An admin logging in as other users in a way that does not fit their own last 30 days: as a privileged user (admin-level ' +
    'permissions) they had not logged in as before, for the first time at all (no Login-As in the window, once the org has been ' +
    'watched for 7 days), more Login-As sessions in a day than their normal high, or more new targets in a day than they normally ' +
    'pick. Read from the setup audit trail (suOrgAdminLogin / suNetworkAdminLogin), event log LoginAs rows and real-time LoginAsEvent; ' +
    'each Login-As counts once whichever of them report it (the day\'s count is the highest of the sources\' counts; targets are a ' +
    'set). Each source is judged against its own history (how long the org has been watched through it, the admin\'s counts and ' +
    'targets as it reported them), so the result does not depend on which stream\'s pages arrive first; the day alerts with every ' +
    'reason any source found. One alert per admin and UTC day.',
  knownGaps: [
    'Login-As by Salesforce support or a package publisher (granted login access) is not in these sources as an org admin\'s Login-As.',
    'What the admin did inside the impersonated session is not evaluated here (the session\'s own events carry its session key).',
    'A target named only by full name in the audit trail is resolved through the user directory; until the event log row or LoginAsEvent arrives, an ambiguous name leaves the target unknown (it counts, but not as a new or privileged target).',
    'A source watched for less than 7 days gives no verdict: on a new deployment the audit trail (7-day backfill) and real-time events (1 day) are still learning, so the first week is judged from event logs alone (30 days with Event Monitoring); a target last used before a source\'s own history began counts as new for that source.',
    'An admin who routinely impersonates many users at a steady rate can add one unusual target a day without standing out.',
    'Privileged = admin-level permissions in the users stream\'s latest snapshot (Modify All Data, View All Data, Manage Users, Author Apex). The snapshot says who is privileged now, so it is only trusted for Login-As less than a day older than it: always when the worker runs, but in a backfill or a scan older Login-As are judged without the privileged-target signal (a user promoted since would look privileged).',
  ],
  falsePositives: [
    'Support staff\'s routine Login-As (a few standard users a day, mostly new ones) stays quiet: it is their baseline, for the number of sessions and for the rate of new targets.',
    'An admin who starts using Login-As (a new support lead, a new admin) alerts once on their first day.',
    'An admin testing a privileged integration or test user by logging in as it alerts the first time (privileged target); repeats within 30 days stay quiet at medium sensitivity.',
  ],
  runbook: [
    'Read the evidence: the targets (privileged ones flagged), how many Login-As sessions against the admin\'s usual day, the source IPs.',
    'Ask the admin (out of band) why they logged in as these users; support work has a case or ticket behind it.',
    'If unexplained: freeze the admin, end their sessions and the impersonated sessions, and review what was done in those sessions (event logs with the session keys, audit trail entries with DelegateUser = the admin).',
    'If privileged users were impersonated, review setup changes and data exports made during those sessions; rotate any secrets they could read.',
    'Consider restricting "Administrators Can Log in as Any User" and the Login-As permission to the people who need it.',
  ],
  dataSources: ['audit', 'eventlogs', 'realtime', 'users'],
  sources: SOURCES,
  thresholds: {
    minLoginAs: { default: 5, min: 1, max: 1000, description: 'a day with more Login-As than usual needs at least this many' },
    minNewTargets: { default: 3, min: 1, max: 1000, description: 'a day with more new targets than usual needs at least this many' },
    volumeFactor: { default: 2, min: 1, max: 100, description: 'a day stands out at this many times the admin\'s normal high (highest day, or mean + 3σ)' },
    firstUse: { default: 1, min: 0, max: 1, description: '1: an admin\'s first Login-As in 30 days alerts' },
    repeatPrivilegedTargets: { default: 0, min: 0, max: 1, description: '1: a privileged target alerts even when the admin logged in as them before in 30 days' },
  },
  sensitivity: {
    low: 'privileged targets new to the admin; days of 10+ Login-As or 10+ new targets at 4× the normal high; first use does not alert',
    medium: 'privileged targets new to the admin, first use, days of 5+ Login-As or 3+ new targets at 2× the normal high',
    high: 'any privileged target (even a repeat), first use, days of 3+ Login-As or 2+ new targets at 1.5× the normal high',
  },
};

const SENSITIVITY_THRESHOLDS: Record<Sensitivity, LoginAsThresholds> = {
  low: { minLoginAs: 10, minNewTargets: 10, volumeFactor: 4, firstUse: 0, repeatPrivilegedTargets: 0 },
  medium: { minLoginAs: 5, minNewTargets: 3, volumeFactor: 2, firstUse: 1, repeatPrivilegedTargets: 0 },
  high: { minLoginAs: 3, minNewTargets: 2, volumeFactor: 1.5, firstUse: 1, repeatPrivilegedTargets: 1 },
};

export const unusualImpersonation: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    return { ...SENSITIVITY_THRESHOLDS[sensitivity] };
  },
  async evaluate(activities, ctx) {
    if (activities.length === 0) return [];
    const users = ctx.env.users;
    const byAdmin = new Map<string, Activity[]>();
    // How long the org has been watched through each source: every audit entry, whoever made it,
    // counts for the audit trail; event log LoginAs rows and LoginAsEvents for themselves.
    const earliestBySource = new Map<string, number>();
    for (const a of activities) {
      earliestBySource.set(a.source, Math.min(earliestBySource.get(a.source) ?? a.timeMs, a.timeMs));
      if (!isLoginAs(a)) continue;
      const admin = adminKey(a, users);
      if (!admin) continue;
      const list = byAdmin.get(admin) ?? [];
      list.push(a);
      byAdmin.set(admin, list);
    }
    const profiles = await Profiles.load(ctx.state, '', [...[...earliestBySource.keys()].map(orgKey), ...[...byAdmin.keys()].map((k) => `admin:${k}`)]);
    const watchedSince = new Map([...earliestBySource].map(([source, timeMs]) => [source, profiles.get(orgKey(source), timeMs).firstDay] as const));
    const thresholds = ctx.settings.thresholds as unknown as LoginAsThresholds;
    const alerts = new Map<string, AlertDraft>();
    for (const [admin, events] of byAdmin) {
      events.sort((a, b) => a.timeMs - b.timeMs);
      const profile = profiles.get(`admin:${admin}`, events[0]!.timeMs);
      const judged = new Map<string, Activity>();
      const days = new Map<string, Activity>();
      for (const a of events) {
        recordLoginAs(profile, toEvent(a, users));
        judged.set(`${a.source}|${isoDay(a.timeMs)}`, a);
        days.set(isoDay(a.timeMs), a);
      }
      for (const last of judged.values()) judgeSource(profile, last.source, watchedSince.get(last.source)!, SOURCES.indexOf(last.source), last.timeMs, thresholds);
      for (const [day, last] of days) {
        const assessment = assessLoginAsDay(profile, last.timeMs);
        if (assessment.alert && assessment.changed) alerts.set(`${admin}:${day}`, toAlert(admin, day, last, assessment, users));
      }
    }
    await profiles.save(activities.reduce((latest, a) => Math.max(latest, a.timeMs), 0));
    return [...alerts.values()];
  },
};

/** The org's profile as seen through one source (only its first day is used: how long that source has been watched). */
const orgKey = (source: string): string => `org@${source}`;

function isLoginAs(a: Activity): boolean {
  if (a.source === 'SetupAuditTrail') return a.operation !== undefined && LOGIN_AS_START_CODES.has(a.operation);
  return a.kind === 'login-as';
}

/** The admin: their directory id, else the 18-character form of the activity's id, else the username. */
function adminKey(a: Activity, users: UserStates | undefined): string | undefined {
  if (a.userId) return users?.get(a.userId)?.id ?? to18(a.userId) ?? a.userId;
  const ref = a.delegateUser ?? a.username;
  if (!ref) return undefined;
  return users?.get(ref)?.id ?? ref.toLowerCase();
}

/**
 * The target as one key whichever source named it: the 15-character id (event logs write 15,
 * the API 18; the 15 are unique), else the lower-cased username.
 */
function targetKey(a: Activity, users: UserStates | undefined): string | undefined {
  const id = a.target?.userId ?? (a.target?.username ? users?.get(a.target.username)?.id : undefined);
  if (id) return id.slice(0, 15);
  return a.target?.username?.toLowerCase();
}

function toEvent(a: Activity, users: UserStates | undefined): LoginAsEvent {
  const target = targetKey(a, users);
  return {
    timeMs: a.timeMs,
    source: a.source,
    ...(target ? { target } : {}),
    // Privilege as the directory knew it at the time (not judged for old activities: see admin-directory).
    privilegedTarget: target !== undefined && privilegedAt(users, target, a.timeMs) === true,
    ...(a.ip ? { ip: a.ip } : {}),
  };
}

const REASON_TEXT: Record<LoginAsAssessment['reasons'][number], (a: LoginAsAssessment) => string> = {
  'privileged-target': (a) => `logged in as ${a.privilegedTargets.length} privileged user(s)`,
  'first-use': () => 'first Login-As in 30 days',
  volume: (a) => `${a.loginAs} Login-As against a usual high of ${a.baseline.max}`,
  'new-targets': (a) => `${a.newTargets.length} new targets against a usual ${a.newTargetsBaseline.max}`,
};

function toAlert(admin: string, day: string, last: Activity, a: LoginAsAssessment, users: UserStates | undefined): AlertDraft {
  const name = (ref: string): string => users?.get(ref)?.username ?? ref;
  const who = (last.userId ? users?.get(last.userId)?.username : undefined) ?? last.username ?? name(admin);
  const severity = a.reasons.includes('privileged-target') || a.reasons.length >= 2 ? 'high' : 'medium';
  const why = a.reasons.map((r) => REASON_TEXT[r](a)).join('; ');
  const userId = admin.startsWith('005') ? admin : undefined;
  return {
    policy: meta.id,
    severity,
    bucket: `${admin}:${day}`,
    subject: admin,
    ...(userId ? { userId } : {}),
    username: who,
    occurredAtMs: a.occurredAtMs,
    lastSeenAtMs: a.lastAtMs,
    ...(a.ips[0] ? { ip: a.ips[a.ips.length - 1] } : {}),
    count: a.loginAs,
    title: `${who}: ${a.loginAs} Login-As on ${day} (${why})`,
    description:
      `${who} logged in as ${a.targets.length || 'unresolved'} user(s) ${a.loginAs} time(s) between ${isoUtc(a.firstAtMs)} and ${isoUtc(a.lastAtMs)}: ${why}. ` +
      `Their usual day in the last 30 (${a.baseline.days} days of history): ${a.baseline.mean.toFixed(1)} Login-As on average, at most ${a.baseline.max}.`,
    evidence: {
      day,
      reasons: a.reasons,
      loginAs: a.loginAs,
      bySource: a.bySource,
      targets: a.targets.slice(0, 25).map((t) => ({ user: name(t), privileged: a.privilegedTargets.includes(t), newToAdmin: a.newTargets.includes(t) })),
      baseline: { days: a.baseline.days, meanPerDay: Number(a.baseline.mean.toFixed(2)), maxPerDay: a.baseline.max, dayThreshold: a.volumeThreshold },
      newTargetsBaseline: { meanPerDay: Number(a.newTargetsBaseline.mean.toFixed(2)), maxPerDay: a.newTargetsBaseline.max, dayThreshold: a.newTargetsThreshold },
      sourceIps: a.ips,
      directoryAsOf: users ? isoUtc(users.snapshot.takenAtMs) : null,
      firstAt: isoUtc(a.firstAtMs),
      lastAt: isoUtc(a.lastAtMs),
    },
  };
}
