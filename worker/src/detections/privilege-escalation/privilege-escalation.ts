import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { isoDay } from '../shared/admin-novelty';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity, Severity } from '../types';
import { classify, RELEVANT_ACTIONS, type Finding, type FindingKind } from './grant-findings';

const meta: PolicyMeta = {
  id: 'privilege-escalation',
  name: 'Admin-level access granted or security control removed',
  severity: 'high',
  mitre: ['T1098', 'T1098.003', 'T1556.006', 'T1562.007'],
  description:
    'Setup audit trail entries that hand out admin-level access (Modify All Data, View All Data, Manage Users, Author Apex) or remove ' +
    'a control that protects it: a profile change or a new user that leaves the target with admin-level permissions, a permission set ' +
    'assigned to a user who holds admin-level permissions through a permission set, org-wide MFA or identity verification turned off, ' +
    'an admin\'s MFA method removed by someone else, a profile\'s login IP ranges changed, a trusted IP range added, a new connected app ' +
    'given OAuth scopes (or opened to self-authorization) by the same user within a day, a client-credentials app set to run as an admin. ' +
    'Decided from the audit `Action` code and the user directory (who holds which admin-level permission, through which profile or ' +
    'permission set), never from the localized Display text. One alert per acting user and UTC day, listing every finding.',
  knownGaps: [
    'The audit code of a permission enabled on a permission set or profile (PermSetEnableUserPerm, profilePermChanged*) does not say which permission: enabling Modify All Data on a set, or disabling "MFA for User Interface Logins" on one, is only context here (an alert at high sensitivity).',
    'Which permission set was assigned is not in the code either: an assignment counts when the target now holds admin-level permissions through a permission set. The directory is the users stream\'s latest snapshot, so access granted and removed between two snapshots is missed, and an assignment of an ordinary set to someone who holds an admin-level set anyway is reported.',
    'Targets named only by full name in the audit entry (profile changes, new users) are resolved through the user directory; an ambiguous name leaves the target unknown and the entry unreported.',
    'The login IP range code is the same for a range added and a range deleted; the OAuth scopes given to a connected app are not in the code (review them in Setup).',
    'Grants made through the Metadata API, change sets or packages (a profile deployed with Modify All Data) do not appear as these entries.',
  ],
  falsePositives: [
    'An admin onboarding another admin, or a break-glass procedure: the alert is right, close it with the change ticket.',
    'Routine user management (new users with standard profiles, ordinary permission sets) stays quiet: nothing admin-level is granted.',
    'Network changes after an office move (login IP ranges, trusted ranges).',
  ],
  runbook: [
    'Read the findings in the evidence: who acted, on which user, and which admin-level permissions the target holds now and through what.',
    'Confirm with the acting user out of band and with a change ticket; a grant nobody can explain is an incident.',
    'If not confirmed: remove the admin-level permission set or profile from the target, freeze both the acting and the target user, end their sessions.',
    'Restore removed controls: MFA requirements, login IP ranges, trusted IP ranges, the connected app\'s Permitted Users and scopes.',
    'Review what the target did with the access since the grant (audit trail, API and report events) and the actor\'s sign-ins (IP, country, MFA).',
  ],
  dataSources: ['audit', 'users'],
  // SetupAuditTrail is the only record of grants; the users stream's directory is read through the environment.
  sources: ['SetupAuditTrail'],
  thresholds: {
    appScopeWindowHours: { default: 24, min: 1, max: 168, description: 'OAuth scopes or self-authorization set within this many hours after the same user created a connected app make a "new app with scopes" finding' },
  },
  sensitivity: {
    low: 'only admin-level grants and MFA turned off org-wide',
    medium: 'grants, removed or weakened controls (MFA methods of admins, login IP ranges, trusted IP ranges), new connected apps given scopes, apps running as admins',
    high: 'also context entries on their own (severity low): permissions changed on any set or profile, sets assigned to existing admins, scopes changed on existing apps, apps created without scopes',
  },
};

/** Findings that alert on their own (besides app follow-ups linked to a new app); at high sensitivity every finding does. */
const ALERTING = {
  low: new Set<FindingKind>(['admin-grant', 'admin-set-assigned', 'mfa-disabled']),
  medium: new Set<FindingKind>(['admin-grant', 'admin-set-assigned', 'mfa-disabled', 'mfa-method-removed', 'login-ip-range-changed', 'trusted-ip-added', 'app-runs-as-admin']),
} as const;
const HIGH_SEVERITY: ReadonlySet<FindingKind> = new Set(['admin-grant', 'admin-set-assigned', 'mfa-disabled']);
const APP_FOLLOW_UPS: ReadonlySet<FindingKind> = new Set(['app-scopes-changed', 'app-self-authorize']);

interface ActorState {
  findings: Finding[];
}

const HOUR_MS = 3_600_000;
const STATE_TTL_SECONDS = 9 * 86_400;

export const privilegeEscalation: Policy = {
  meta,
  thresholdsFor(): Record<string, number> {
    return { appScopeWindowHours: meta.thresholds.appScopeWindowHours!.default };
  },
  async evaluate(activities, ctx) {
    const relevant = activities.filter((a) => a.userId && a.kind === 'admin.change' && RELEVANT_ACTIONS.has(a.operation?.toLowerCase() ?? ''));
    if (relevant.length === 0) return [];
    const windowMs = ctx.settings.thresholds.appScopeWindowHours! * HOUR_MS;
    const keepMs = Math.max(2 * 24 * HOUR_MS, windowMs);
    const actors = [...new Set(relevant.map((a) => a.userId!))];
    const stored = await ctx.state.getMany<ActorState>(actors);
    const changed = new Map<string, ActorState | undefined>();
    const touched = new Map<string, Activity>();
    for (const activity of relevant) {
      const finding = classify(activity, ctx.env.users);
      if (!finding) continue;
      const state = changed.get(activity.userId!) ?? stored.get(activity.userId!) ?? { findings: [] };
      if (!state.findings.some((f) => f.auditId === finding.auditId)) state.findings.push(finding);
      changed.set(activity.userId!, state);
      touched.set(`${activity.userId}:${isoDay(activity.timeMs)}`, activity);
    }
    const alerts: AlertDraft[] = [];
    for (const [key, last] of touched) {
      const state = changed.get(last.userId!)!;
      const draft = assess(key, last, state.findings, windowMs, ctx.settings.sensitivity);
      if (draft) alerts.push(draft);
    }
    const newest = relevant[relevant.length - 1]!.timeMs;
    for (const [actor, state] of changed) {
      state!.findings = state!.findings.filter((f) => newest - f.atMs <= keepMs).sort((a, b) => a.atMs - b.atMs);
      changed.set(actor, state!.findings.length ? state : undefined);
    }
    await ctx.state.setMany(changed, STATE_TTL_SECONDS);
    return alerts;
  },
};

type Weight = 'strong' | 'ordinary' | 'context';

/** How much a finding weighs: admin-level grants are strong; app follow-ups count when they follow a new app of the same user. */
function weightOf(f: Finding, findings: readonly Finding[], windowMs: number): Weight {
  if (HIGH_SEVERITY.has(f.kind)) return 'strong';
  if (ALERTING.medium.has(f.kind)) return 'ordinary';
  const followsNewApp = APP_FOLLOW_UPS.has(f.kind) && findings.some((app) => app.kind === 'new-connected-app' && app.atMs <= f.atMs && f.atMs - app.atMs <= windowMs);
  return followsNewApp ? 'ordinary' : 'context';
}

function assess(key: string, last: Activity, findings: readonly Finding[], windowMs: number, sensitivity: Sensitivity): AlertDraft | undefined {
  const day = isoDay(last.timeMs);
  const ofDay = findings.filter((f) => isoDay(f.atMs) === day).map((f) => ({ f, weight: weightOf(f, findings, windowMs) }));
  const isCounted = ({ f, weight }: { f: Finding; weight: Weight }): boolean =>
    sensitivity === 'low' ? ALERTING.low.has(f.kind) : weight !== 'context' || sensitivity === 'high';
  const counted = ofDay.filter(isCounted);
  if (counted.length === 0) return undefined;
  const context = ofDay.filter((entry) => !isCounted(entry)).map((entry) => entry.f);
  const kinds = new Set(counted.map(({ f }) => f.kind));
  const weights = new Set(counted.map(({ weight }) => weight));
  const severity: Severity = weights.has('strong') || (weights.has('ordinary') && kinds.size >= 2) ? 'high' : weights.has('ordinary') ? 'medium' : 'low';
  const who = last.username ?? last.userId!;
  const list = counted.map(({ f }) => f);
  const summary = [...kinds].map((kind) => SUMMARY[kind](list.filter((f) => f.kind === kind))).join('; ');
  return {
    policy: meta.id,
    severity,
    bucket: key,
    subject: last.userId!,
    userId: last.userId!,
    ...(last.username ? { username: last.username } : {}),
    occurredAtMs: list[0]!.atMs,
    lastSeenAtMs: list[list.length - 1]!.atMs,
    count: list.length,
    title: `${who}: ${summary}`,
    description: `On ${day} ${who} ${summary}. ${list.length} finding(s) from the setup audit trail${context.length ? `, and ${context.length} related change(s) in the evidence` : ''}.`,
    evidence: {
      day,
      findings: list.map(evidenceOf),
      ...(context.length ? { relatedChanges: context.map(evidenceOf) } : {}),
      sensitivity,
    },
  };
}

function targetName(f: Finding): string {
  return f.target?.username ?? f.target?.id ?? 'an unresolved user';
}

const SUMMARY: Record<FindingKind, (fs: readonly Finding[]) => string> = {
  'admin-grant': (fs) => `left ${fs.map((f) => `${targetName(f)} with ${f.target?.via.join(' + ') ?? 'admin-level access'}`).join(', ')} (profile change / new user)`,
  'admin-set-assigned': (fs) => `assigned a permission set to ${fs.map((f) => `${targetName(f)}, who now holds ${f.target?.via.join(' + ')}`).join(', ')}`,
  'set-assigned-to-admin': (fs) => `assigned a permission set to admin ${fs.map(targetName).join(', ')}`,
  'mfa-disabled': () => 'turned off an org-wide MFA / identity verification requirement',
  'mfa-method-removed': (fs) => `removed the MFA method of admin ${fs.map(targetName).join(', ')}`,
  'login-ip-range-changed': (fs) => `changed profile login IP ranges (${fs.length}×, added or deleted)`,
  'trusted-ip-added': (fs) => `added ${fs.length} trusted IP range(s)`,
  'new-connected-app': (fs) => `created ${fs.length} connected app(s)`,
  'app-scopes-changed': () => 'set OAuth scopes on a connected app',
  'app-self-authorize': () => 'let all users self-authorize a connected app',
  'app-runs-as-admin': (fs) => `set a client-credentials app to run as ${fs.map(targetName).join(', ')}`,
  'permission-changed': (fs) => `changed ${fs.length} user permission(s) on permission sets or profiles`,
};

function evidenceOf(f: Finding): Record<string, unknown> {
  return {
    kind: f.kind,
    at: isoUtc(f.atMs),
    action: f.action,
    auditId: f.auditId,
    ...(f.target ? { target: f.target.username ?? f.target.id ?? null, targetId: f.target.id ?? null, targetHolds: f.target.via } : {}),
  };
}
