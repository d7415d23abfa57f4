/**
 * Salesforce's own Threat Detection findings (Real-Time Event Monitoring, Shield; Activity kind
 * `threat`) as OrgWarden alerts. Each store maps to the policy that covers the same behaviour, so
 * an analyst finds Salesforce's verdict where OrgWarden's own detection of it would be:
 *
 * - SessionHijackingEventStore → `session-hijacking` (merged there into the session's alert);
 * - CredentialStuffingEventStore → `password-spray`: Salesforce raises it for a *successful*
 *   sign-in that belongs to a credential-stuffing attack — many accounts tried from one source,
 *   the many-accounts attack password-spray watches (T1110.003/.004), not one account's failures
 *   (failed-logins);
 * - ReportAnomalyEventStore → `report-anomaly`, ApiAnomalyEventStore → `api-anomaly` (data group).
 *
 * Scores: SessionHijacking and CredentialStuffing use 0–1 (CredentialStuffing is "always 1");
 * Report/API anomaly rows are documented as 0–100 but fractions are seen too. A score of at most 1
 * is read as a fraction; every finding is reported out of 100 (the raw value is kept).
 */
import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import type { AlertDraft, Severity } from '../types';

export const THREAT_STORE_POLICY: Readonly<Record<string, string>> = {
  SessionHijackingEventStore: 'session-hijacking',
  CredentialStuffingEventStore: 'password-spray',
  ReportAnomalyEventStore: 'report-anomaly',
  ApiAnomalyEventStore: 'api-anomaly',
};

const WHAT: Readonly<Record<string, string>> = {
  SessionHijackingEventStore: 'session hijacking',
  CredentialStuffingEventStore: 'credential stuffing (successful sign-in)',
  ReportAnomalyEventStore: 'report anomaly',
  ApiAnomalyEventStore: 'API anomaly',
};

/** At or above this score (out of 100) a finding is high severity; below `MEDIUM_SCORE`, low. */
export const HIGH_SCORE = 75;
export const MEDIUM_SCORE = 40;

export function threatScoreOutOf100(score: number | undefined): number | undefined {
  if (score === undefined || !Number.isFinite(score) || score < 0) return undefined;
  return Math.round((score <= 1 ? score * 100 : Math.min(score, 100)) * 10) / 10;
}

/** A credential-stuffing finding is a successful sign-in of the attack: high whatever its (constant) score. */
export function threatSeverity(activity: Activity): Severity {
  if (activity.source === 'CredentialStuffingEventStore') return 'high';
  const score = threatScoreOutOf100(activity.score);
  if (score === undefined) return 'medium';
  return score >= HIGH_SCORE ? 'high' : score >= MEDIUM_SCORE ? 'medium' : 'low';
}

/** The finding as alert evidence (Salesforce's fields as they came). */
export function threatEvidence(activity: Activity): Record<string, unknown> {
  const score = threatScoreOutOf100(activity.score);
  return {
    store: activity.source,
    eventIdentifier: activity.requestId ?? activity.id,
    at: isoUtc(activity.timeMs),
    ...(score === undefined ? {} : { scoreOutOf100: score, rawScore: activity.score }),
    ...(activity.summary ? { summary: activity.summary } : {}),
    ...(activity.ip ? { ip: activity.ip } : {}),
    ...(activity.isp ? { isp: activity.isp } : {}),
    ...(activity.geo?.countryIso ? { country: activity.geo.countryIso } : {}),
    ...(activity.sessionKey ? { sessionKey: activity.sessionKey } : {}),
    ...(activity.operation ? { operation: activity.operation } : {}),
    ...(activity.rows === undefined ? {} : { rows: activity.rows }),
  };
}

/**
 * A Threat Detection finding as an alert of `policy` (default: the store's policy). One alert per
 * finding: the bucket is the user (or address) and Salesforce's EventIdentifier, so a finding read
 * again by a later poll updates its alert. Undefined for an activity that is not a finding.
 */
export function threatEventAlert(activity: Activity, policy = THREAT_STORE_POLICY[activity.source]): AlertDraft | undefined {
  if (activity.kind !== 'threat' || !policy) return undefined;
  const subject = activity.userId ?? activity.ip ?? 'org';
  const who = activity.username ?? activity.userId ?? activity.ip ?? 'an unknown user';
  const what = WHAT[activity.source] ?? activity.eventType ?? activity.source;
  const score = threatScoreOutOf100(activity.score);
  return {
    policy,
    severity: threatSeverity(activity),
    bucket: `${subject}:${activity.source}:${activity.requestId ?? activity.id}`,
    subject,
    ...(activity.userId ? { userId: activity.userId } : {}),
    ...(activity.username ? { username: activity.username } : {}),
    occurredAtMs: activity.timeMs,
    lastSeenAtMs: activity.timeMs,
    ...(activity.ip ? { ip: activity.ip } : {}),
    ...(activity.geo?.countryIso ? { country: activity.geo.countryIso } : {}),
    count: 1,
    title: `Salesforce Threat Detection: ${what} for ${who}${score === undefined ? '' : ` (score ${score}/100)`}`,
    description:
      `Salesforce Threat Detection reported ${what} for ${who} at ${isoUtc(activity.timeMs)}` +
      (activity.ip ? ` from ${activity.ip}${activity.geo?.countryIso ? ` (${activity.geo.countryIso})` : ''}` : '') +
      (activity.summary ? `: ${activity.summary}` : '.'),
    evidence: { salesforceFinding: threatEvidence(activity) },
  };
}
