import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import { Profiles } from '../baseline/profiles';
import { isLoginAsEntry } from '../shared/admin-audit-codes';
import { beginWithOrg, isoDay, ORG_PROFILE_KEY } from '../shared/admin-novelty';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity, Severity } from '../types';
import { assessDay, recordChange, type AdminDayThresholds, type DayAssessment } from './admin-day';

const meta: PolicyMeta = {
  id: 'unusual-admin-activity',
  name: 'Unusual setup (admin) activity',
  severity: 'medium',
  mitre: ['T1078.004', 'T1098', 'T1556', 'T1562.001'],
  description:
    'Setup audit trail changes that do not fit the user\'s own history of the last 30 days: changes in high-risk setup areas ' +
    '(password and session policies, MFA and identity verification, network access and login IP ranges, connected apps, SSO, ' +
    'certificates, transaction security, named credentials, permission definitions, Apex, packages, sharing defaults, data export) ' +
    'the user had not touched in 30 days; or a day far above the user\'s usual number of changes when those changes are in areas new to ' +
    'them or at hours they never work. One alert per user and UTC day, updated as the day\'s changes arrive. Areas are decided from the ' +
    'audit `Action` code (language-independent), never from the Display text. Users who never made setup changes have a baseline of ' +
    'zero once the org\'s audit trail has been watched for 7 days (learning period).',
  knownGaps: [
    'Salesforce does not publish its audit Action codes: an unknown code is classified by its Section (English names only) or counted as an ordinary change, so a high-risk change under a new code can be missed.',
    'Changes made through the Metadata API, change sets or packages appear as one deployment entry (or none), not as the individual settings they change.',
    'An attacker who works in the areas and hours the admin always uses, at a normal volume, is not raised here (see privilege-escalation for the grants themselves).',
    'Hours are compared in UTC against the user\'s own hours; an admin who travels across time zones looks like working at new hours.',
    'Changes made while logged in as another user are attributed to that user (CreatedById); the admin is in the evidence (DelegateUser).',
  ],
  falsePositives: [
    'Admins\' routine setup work stays quiet: a batch of routine changes (user management every Monday, an onboarding day) in the areas and hours the admin always works in is not an alert, whatever its size.',
    'An admin taking over a new area (a project on SSO, a certificate renewal once a year) alerts once; later changes in that area are part of the baseline for 30 days.',
    'A new admin (or a non-admin given setup rights) alerts on their first high-risk changes once the org has been watched for 7 days.',
    'Permission definitions (permissions enabled on sets and profiles, new permission sets) count as a high-risk area: an admin who edits them once a month alerts once a month; list routine deployment users in excludeUsers.',
  ],
  runbook: [
    'Read the evidence: which high-risk areas were new to the user, how many changes, the baseline (usual and highest day) and the action codes.',
    'Confirm with the user (out of band, not by replying to anything in the org) that they made these changes, and with their manager or a change ticket that they were planned.',
    'If not confirmed: freeze the user, end their sessions, and review every change of the day in Setup > View Setup Audit Trail; revert security settings (password and session policies, IP ranges, connected app policies, transaction security policies).',
    'Check the user\'s sign-ins around the first unusual change (LoginHistory: IP, country, MFA) for signs the account was taken over.',
    'Set the alert Classification once resolved so the policy can be tuned (excludeUsers for deployment users, thresholds).',
  ],
  dataSources: ['audit'],
  // SetupAuditTrail is the only record of setup changes; Login-As entries are unusual-impersonation's.
  sources: ['SetupAuditTrail'],
  thresholds: {
    minNewRiskyChanges: { default: 1, min: 1, max: 100, description: 'changes in high-risk areas new to the user (30 days) that make a day unusual on their own' },
    minChanges: { default: 10, min: 1, max: 10_000, description: 'a volume spike needs at least this many changes in the day, whatever the baseline' },
    volumeFactor: { default: 3, min: 1, max: 100, description: 'a volume spike is this many times the user\'s normal high (highest day, or mean + 3σ)' },
    minUnusualChanges: { default: 3, min: 0, max: 1000, description: 'a volume spike alerts when at least this many of its changes are in areas new to the user or at hours they never work (0: any spike)' },
  },
  sensitivity: {
    low: 'needs 3 changes in new high-risk areas, or a spike of 20+ changes and 4× the normal high with 5 unusual changes',
    medium: 'one change in a new high-risk area, or a spike of 10+ changes and 3× the normal high with 3 changes in new areas or at unusual hours',
    high: 'one change in a new high-risk area, or any spike of 5+ changes and 2× the normal high (volume alone, severity low)',
  },
};

const SENSITIVITY_THRESHOLDS: Record<Sensitivity, AdminDayThresholds> = {
  low: { minNewRiskyChanges: 3, minChanges: 20, volumeFactor: 4, minUnusualChanges: 5 },
  medium: { minNewRiskyChanges: 1, minChanges: 10, volumeFactor: 3, minUnusualChanges: 3 },
  high: { minNewRiskyChanges: 1, minChanges: 5, volumeFactor: 2, minUnusualChanges: 0 },
};

export const unusualAdminActivity: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    return { ...SENSITIVITY_THRESHOLDS[sensitivity] };
  },
  async evaluate(activities, ctx) {
    if (activities.length === 0) return [];
    const thresholds = ctx.settings.thresholds as unknown as AdminDayThresholds;
    const byUser = setupChangesByUser(activities);
    const profiles = await Profiles.load(ctx.state, '', [ORG_PROFILE_KEY, ...[...byUser.keys()].map(userKey)]);
    // The org has been watched since its first audit entry, whoever made it.
    const org = profiles.get(ORG_PROFILE_KEY, activities[0]!.timeMs);
    const alerts = new Map<string, AlertDraft>();
    for (const [userId, changes] of byUser) {
      const profile = beginWithOrg(profiles.get(userKey(userId), changes[0]!.timeMs), org);
      const days = new Map<string, Activity>();
      for (const change of changes) {
        recordChange(profile, { timeMs: change.timeMs, action: change.operation, section: change.section });
        days.set(isoDay(change.timeMs), change);
      }
      for (const [day, last] of days) {
        const assessment = assessDay(profile, last.timeMs, thresholds);
        if (assessment.alert) alerts.set(`${userId}:${day}`, toAlert(userId, day, last, assessment, ctx.settings.sensitivity));
      }
    }
    await profiles.save(activities[activities.length - 1]!.timeMs);
    return [...alerts.values()];
  },
};

const userKey = (userId: string): string => `user:${userId}`;

function setupChangesByUser(activities: readonly Activity[]): Map<string, Activity[]> {
  const byUser = new Map<string, Activity[]>();
  for (const a of activities) {
    if (!a.userId || a.kind !== 'admin.change' || isLoginAsEntry(a.operation)) continue;
    const list = byUser.get(a.userId) ?? [];
    list.push(a);
    byUser.set(a.userId, list);
  }
  return byUser;
}

/** High: several new high-risk areas, or one with a spike or at odd hours; low: a spike in usual areas and hours (high sensitivity only). */
function severityOf(a: DayAssessment): Severity {
  const risky = a.newRiskyChanges > 0;
  if (a.newRiskyChanges >= 3 || (risky && (a.volumeAnomaly || a.offHourChanges >= 3))) return 'high';
  return risky || a.newAreaChanges > 0 || a.offHourChanges > 0 ? 'medium' : 'low';
}

function toAlert(userId: string, day: string, last: Activity, a: DayAssessment, sensitivity: Sensitivity): AlertDraft {
  const who = last.username ?? userId;
  const risky = Object.entries(a.newRiskyAreas).sort((x, y) => y[1] - x[1]);
  const usualHigh = Math.max(a.baseline.max, Math.round(a.baseline.mean + 3 * a.baseline.stddev));
  const volume = a.volumeAnomaly ? `, far above their usual ${usualHigh} a day` : '';
  const why = risky.length
    ? `${a.newRiskyChanges} in high-risk areas new to them (${risky.map(([area]) => area).join(', ')})`
    : `${a.newAreaChanges} in areas new to them and ${a.offHourChanges} at hours they never work`;
  return {
    policy: meta.id,
    severity: severityOf(a),
    bucket: `${userId}:${day}`,
    subject: userId,
    userId,
    ...(last.username ? { username: last.username } : {}),
    occurredAtMs: a.firstUnusualAtMs,
    lastSeenAtMs: a.lastAtMs,
    count: a.changes,
    title: `${who}: ${a.changes} setup changes on ${day}${volume}; ${why}`,
    description:
      `${who} made ${a.changes} setup changes between ${isoUtc(a.firstAtMs)} and ${isoUtc(a.lastAtMs)}. ` +
      `In the 30 days before (${a.baseline.days} days of history) they made ${a.baseline.mean.toFixed(1)} a day on average, at most ${a.baseline.max}. ` +
      `${why[0]!.toUpperCase()}${why.slice(1)}.`,
    evidence: {
      day,
      changes: a.changes,
      baseline: { days: a.baseline.days, meanPerDay: Number(a.baseline.mean.toFixed(2)), maxPerDay: a.baseline.max, spikeThreshold: a.volumeThreshold },
      volumeAnomaly: a.volumeAnomaly,
      newHighRiskAreas: Object.fromEntries(risky),
      changesInNewAreas: a.newAreaChanges,
      changesAtUnusualHours: a.offHourChanges,
      unusualActions: a.unusualActions,
      firstChangeAt: isoUtc(a.firstAtMs),
      firstUnusualChangeAt: isoUtc(a.firstUnusualAtMs),
      lastChangeAt: isoUtc(a.lastAtMs),
      ...(last.delegateUser ? { delegateUser: last.delegateUser } : {}),
      sensitivity,
    },
  };
}
