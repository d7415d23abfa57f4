/**
 * Salesforce's own Threat Detection findings for the data group's anomaly policies
 * (ReportAnomalyEventStore → report-anomaly, ApiAnomalyEventStore → api-anomaly). The auth
 * group's shared/auth-threat-events.ts reads a finding (score out of 100, severity, evidence);
 * here it becomes a signal of the user's day alert (shared/data-daily-anomaly.ts), so an analyst
 * sees OrgWarden's baseline figures and Salesforce's verdict on one alert, not two alerts about
 * one export.
 */
import type { Activity } from '../../activity/activity';
import type { Severity } from '../types';
import { threatEvidence, threatSeverity } from './auth-threat-events';
import type { Signal } from './data-daily-anomaly';

export interface ThreatFinding {
  store: string;
  eventIdentifier: string;
  at: string;
  scoreOutOf100?: number;
  rawScore?: number;
  summary?: string;
  rows?: number;
  ip?: string;
  severity: Severity;
}

/** The finding of a `threat` activity from one of `stores`, as a day-alert signal (one per finding). */
export function threatSignal(activity: Activity, stores: ReadonlySet<string>): Signal | undefined {
  if (activity.kind !== 'threat' || !stores.has(activity.source)) return undefined;
  const evidence = threatEvidence(activity);
  return { key: `threat:${String(evidence['eventIdentifier'])}`, data: { ...evidence, severity: threatSeverity(activity) } };
}

/** The findings kept on a day alert, highest score first. */
export function findingsOf(signals: Record<string, Record<string, unknown>>): ThreatFinding[] {
  return Object.entries(signals)
    .filter(([key]) => key.startsWith('threat:'))
    .map(([, data]) => data as unknown as ThreatFinding)
    .sort((a, b) => (b.scoreOutOf100 ?? 0) - (a.scoreOutOf100 ?? 0));
}

/** "Salesforce Threat Detection: <summary> (score 91/100)" */
export function findingSentence(finding: ThreatFinding, what: string): string {
  const score = finding.scoreOutOf100 === undefined ? '' : ` (score ${finding.scoreOutOf100}/100)`;
  return `Salesforce Threat Detection: ${finding.summary ?? what}${score}`;
}
