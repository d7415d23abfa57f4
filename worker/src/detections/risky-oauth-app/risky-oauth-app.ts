import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import type { UserStates } from '../../enrichment/user-state';
import { privilegedAt } from '../shared/admin-directory';
import { isoDay } from '../shared/admin-novelty';
import type { AlertDraft, Policy, PolicyMeta, Sensitivity, Severity } from '../types';
import { appOf, isEstablished, knownToUser, noteUser, pruneInventory, usersBefore as usersBeforeGrants, type AppInventory, type AppRecord } from './app-inventory';
import { lookAlikeOf, nameKey, WELL_KNOWN_APPS, type LookAlike } from './app-names';

const meta: PolicyMeta = {
  id: 'risky-oauth-app',
  name: 'Risky connected-app (OAuth) grant',
  severity: 'medium',
  mitre: ['T1528', 'T1550.001', 'T1566.002'],
  description:
    'New OAuth grants (OauthToken rows) of a connected app the org has not been using for a while — not one of the well-known apps, ' +
    'not first seen at least `knownAfterDays` before by `minKnownUsers` users, and not an app the grantor already used — when the ' +
    'grant is risky: the app\'s name imitates a well-known app or one of the org\'s own (a typo within 1–3 edits, look-alike ' +
    'characters, a brand with a word added), many users approve it within the burst window (consent phishing), or an admin-level ' +
    'user approves it. The org\'s app inventory also learns from OAuth sign-ins (LoginHistory.Application), so apps in daily use are ' +
    'known even though their grants are older than the first snapshot. One alert per app and UTC day, naming the most privileged grantor.',
  knownGaps: [
    'OauthToken does not say which OAuth scopes were granted (full, api, refresh_token, web): the scope of a grant is not judged. Scopes set on connected apps created in the org are in the audit trail (privilege-escalation).',
    'An attacker app named exactly like a well-known app (the same text) is taken for it: OauthToken carries the name, not the publisher.',
    'A rare app approved by one standard user is only reported at high sensitivity; its API use is for api-anomaly and suspicious-ip.',
    'Grants older than the oauth stream\'s first snapshot are the org\'s standing state and are not evaluated.',
    'Admin-level grantors come from the user directory, which says who is privileged now: it is trusted for grants less than a day older than its snapshot (always when the worker runs; in a backfill or a scan older grants are judged on name and burst only).',
  ],
  falsePositives: [
    'Apps the org has used for months (grants or OAuth sign-ins by several users) stay quiet, as do the well-known apps (Salesforce mobile, Outlook, Slack, Data Loader …) and re-approvals by users who already use the app.',
    'A company-wide rollout of a new app (many users approving within the hour): the alert names the app; once it is established it stays quiet. Announce rollouts to the security team.',
    'An admin evaluating a new tool.',
    'A new version of an org app named with a different number ("Sync 2" → "Sync 3") is not a look-alike.',
  ],
  runbook: [
    'Read the evidence: the app\'s name and what it imitates, how many users approved it and how fast, whether admins are among them.',
    'Check the app in Setup > Connected Apps OAuth Usage: publisher, scopes, callback URL. Unknown publisher + look-alike name = consent phishing.',
    'If malicious: block the app (Connected Apps OAuth Usage > Block), revoke its tokens for every user (governance: revoke OAuth grants for the app), and reset the sessions of the grantors.',
    'Review what the app read with the tokens (API / RestApi events with the app\'s name or connected app id, report exports) and from which IPs.',
    'Restrict connected app access to admin-approved apps ("API Access Control") so users cannot approve unknown apps.',
  ],
  dataSources: ['oauth', 'logins'],
  // OauthToken rows are the grants; LoginHistory only teaches which apps the org signs in with (never counted as grants).
  sources: ['OauthToken', 'LoginHistory'],
  thresholds: {
    burstUsers: { default: 5, min: 2, max: 10_000, description: 'distinct users approving one not-yet-established app within the burst window' },
    burstWindowMinutes: { default: 60, min: 1, max: 1440, description: 'burst window' },
    knownAfterDays: { default: 14, min: 1, max: 365, description: 'an app is established once first seen at least this many days before a grant…' },
    minKnownUsers: { default: 3, min: 1, max: 10_000, description: '…by at least this many users' },
    privilegedGrantor: { default: 1, min: 0, max: 1, description: '1: an admin-level user approving a not-yet-established app alerts on its own' },
    anyNewApp: { default: 0, min: 0, max: 1, description: '1: any grant of a not-yet-established app alerts (severity low)' },
  },
  sensitivity: {
    low: 'look-alike names, or 10+ users within the hour; an admin approving a new app only adds to those',
    medium: 'look-alike names, 5+ users within the hour, or an admin-level grantor',
    high: 'also 3+ users within the hour, and any grant of an app that is not established (severity low)',
  },
};

const SENSITIVITY_THRESHOLDS: Record<Sensitivity, Record<string, number>> = {
  low: { burstUsers: 10, burstWindowMinutes: 60, knownAfterDays: 14, minKnownUsers: 3, privilegedGrantor: 0, anyNewApp: 0 },
  medium: { burstUsers: 5, burstWindowMinutes: 60, knownAfterDays: 14, minKnownUsers: 3, privilegedGrantor: 1, anyNewApp: 0 },
  high: { burstUsers: 3, burstWindowMinutes: 60, knownAfterDays: 14, minKnownUsers: 3, privilegedGrantor: 1, anyNewApp: 1 },
};

const INVENTORY_KEY = 'apps';
const STATE_TTL_SECONDS = 200 * 86_400;
const WELL_KNOWN_KEYS = new Set(WELL_KNOWN_APPS.map(nameKey));

export const riskyOauthApp: Policy = {
  meta,
  thresholdsFor(sensitivity: Sensitivity): Record<string, number> {
    return { ...SENSITIVITY_THRESHOLDS[sensitivity] };
  },
  async evaluate(activities, ctx) {
    if (activities.length === 0) return [];
    const th = ctx.settings.thresholds;
    const inventory = (await ctx.state.getMany<AppInventory>([INVENTORY_KEY])).get(INVENTORY_KEY) ?? { apps: {} };
    const touched = new Map<string, { app: AppRecord; last: Activity; lookAlike?: LookAlike }>();
    let changed = false;
    for (const a of activities) {
      if (a.kind === 'oauth.grant' && a.appName && a.userId) {
        changed = true;
        const verdict = judgeGrant(inventory, a, ctx.env.users, th);
        if (verdict) touched.set(`${nameKey(a.appName)}:${isoDay(a.timeMs)}`, verdict);
      } else if (a.source === 'LoginHistory' && a.kind === 'login.success' && a.application && a.userId) {
        const seen = appOf(inventory, a.application, a.timeMs);
        const newUser = noteUser(seen.app, a.userId, a.timeMs);
        if (seen.changed || newUser) changed = true;
      }
    }
    const alerts: AlertDraft[] = [];
    for (const [bucket, { app, last, lookAlike }] of touched) {
      const draft = assess(bucket, app, last, lookAlike, ctx.env.users, th);
      if (draft) alerts.push(draft);
    }
    // A page of sign-ins with apps and users already known changes nothing: no write.
    if (changed) await ctx.state.setMany(new Map([[INVENTORY_KEY, pruneInventory(inventory, activities[activities.length - 1]!.timeMs)]]), STATE_TTL_SECONDS);
    return alerts;
  },
};

/** Records the grant; answers the app to assess when it is not an established, well-known or already-used app. */
function judgeGrant(inventory: AppInventory, a: Activity, users: UserStates | undefined, th: Record<string, number>): { app: AppRecord; last: Activity; lookAlike?: LookAlike } | undefined {
  const { app } = appOf(inventory, a.appName!, a.timeMs);
  const quiet = WELL_KNOWN_KEYS.has(nameKey(a.appName!)) || isEstablished(app, a.timeMs, { knownAfterDays: th.knownAfterDays!, minKnownUsers: th.minKnownUsers! }) || knownToUser(app, a.userId!, a.timeMs);
  noteUser(app, a.userId!, a.timeMs);
  if (quiet) return undefined;
  if (!app.grants.some((g) => g.u === a.userId && g.t === a.timeMs)) app.grants.push({ u: a.userId!, t: a.timeMs, p: privilegedAt(users, a.userId!, a.timeMs) === true });
  const references = [...WELL_KNOWN_APPS, ...Object.values(inventory.apps).filter((other) => other !== app && isEstablished(other, a.timeMs, { knownAfterDays: th.knownAfterDays!, minKnownUsers: th.minKnownUsers! })).map((other) => other.name)];
  const lookAlike = lookAlikeOf(a.appName!, references);
  return { app, last: a, ...(lookAlike ? { lookAlike } : {}) };
}

type Grant = AppRecord['grants'][number];

interface DayRisk {
  grants: Grant[];
  privileged: Grant[];
  burst: number;
  reasons: string[];
  severity: Severity;
}

/** The day's grants of the app and what makes them risky: look-alike, burst, privileged grantor (or any, at high sensitivity). */
function riskOf(app: AppRecord, day: string, lookAlike: LookAlike | undefined, th: Record<string, number>): DayRisk | undefined {
  const grants = app.grants.filter((g) => isoDay(g.t) === day).sort((x, y) => x.t - y.t);
  if (grants.length === 0) return undefined;
  const burst = largestBurst(app.grants, th.burstWindowMinutes! * 60_000, day);
  const isBurst = burst >= th.burstUsers!;
  const privileged = grants.filter((g) => g.p);
  const reasons = [
    ...(lookAlike ? ['look-alike name'] : []),
    ...(isBurst ? [`${burst} users within ${th.burstWindowMinutes} min`] : []),
    ...(privileged.length && (th.privilegedGrantor || lookAlike || isBurst) ? ['approved by an admin-level user'] : []),
  ];
  if (reasons.length === 0 && !th.anyNewApp) return undefined;
  const signals = Number(Boolean(lookAlike)) + Number(isBurst) + Number(privileged.length > 0);
  const severity: Severity = reasons.length === 0 ? 'low' : signals >= 2 ? 'high' : 'medium';
  return { grants, privileged, burst, reasons, severity };
}

function assess(bucket: string, app: AppRecord, last: Activity, lookAlike: LookAlike | undefined, users: UserStates | undefined, th: Record<string, number>): AlertDraft | undefined {
  const risk = riskOf(app, isoDay(last.timeMs), lookAlike, th);
  return risk ? toAlert(bucket, app, risk, lookAlike, users, th) : undefined;
}

function toAlert(bucket: string, app: AppRecord, risk: DayRisk, lookAlike: LookAlike | undefined, users: UserStates | undefined, th: Record<string, number>): AlertDraft {
  const { grants, privileged } = risk;
  const first = grants[0]!;
  const lastGrant = grants[grants.length - 1]!;
  // The alert is the app's; it names the grantor whose token is worth most to an attacker.
  const subject = privileged[0] ?? first;
  const name = (id: string): string => users?.get(id)?.username ?? id;
  const grantors = [...new Set(grants.map((g) => g.u))];
  const why = risk.reasons.length ? risk.reasons.join(', ') : 'an app the org has not been using';
  const usersBefore = usersBeforeGrants(app, first.t);
  return {
    policy: meta.id,
    severity: risk.severity,
    bucket: `app:${bucket}`,
    subject: `app:${nameKey(app.name)}`,
    userId: subject.u,
    username: name(subject.u),
    occurredAtMs: first.t,
    lastSeenAtMs: lastGrant.t,
    count: grantors.length,
    title: `Connected app "${app.name}" approved by ${grantors.length} user(s) on ${isoDay(first.t)}: ${why}${lookAlike ? ` (imitates "${lookAlike.reference}")` : ''}`,
    description:
      `${grantors.length} user(s) approved the connected app "${app.name}" between ${isoUtc(first.t)} and ${isoUtc(lastGrant.t)}. ` +
      `The org first saw this app at ${isoUtc(app.firstSeenMs)}, used by ${usersBefore} user(s) before these grants. Why it is risky: ${why}.`,
    evidence: {
      app: app.name,
      ...(lookAlike ? { lookAlikeOf: lookAlike.reference, similarity: lookAlike.kind, edits: lookAlike.edits } : {}),
      grants: grants.length,
      largestBurst: { users: risk.burst, windowMinutes: th.burstWindowMinutes },
      grantors: grantors.slice(0, 25).map((u) => ({ user: name(u), privileged: privileged.some((g) => g.u === u) })),
      privilegedGrantors: [...new Set(privileged.map((g) => name(g.u)))],
      appFirstSeenAt: isoUtc(app.firstSeenMs),
      usersBeforeTheseGrants: usersBefore,
      firstGrantAt: isoUtc(first.t),
      lastGrantAt: isoUtc(lastGrant.t),
    },
  };
}

/** The most distinct users approving within a window of `windowMs` that ends with a grant of `day`. */
function largestBurst(grants: readonly Grant[], windowMs: number, day: string): number {
  const sorted = [...grants].sort((a, b) => a.t - b.t);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]!.t - sorted[j]!.t > windowMs) j += 1;
    if (isoDay(sorted[i]!.t) === day) best = Math.max(best, new Set(sorted.slice(j, i + 1).map((g) => g.u)).size);
  }
  return best;
}
