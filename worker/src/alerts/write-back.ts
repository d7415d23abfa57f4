/**
 * Alerts → `Warden_Alert__c`, upserted on `Alert_Key__c` through sObject collections (≤ 200 per
 * call, priority "write-back"). Status and Classification are never sent: admins own them.
 */
import { OrgWardenError } from '../errors';
import type { OrgClient, SaveError, SaveResult } from '../salesforce/org-client';
import type { Alert } from './alert';

export const ALERT_OBJECT = 'Warden_Alert__c';
export const ALERT_KEY_FIELD = 'Alert_Key__c';

const SEVERITY_LABEL = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/** JSON type of each value write-back sends; the offline package tests check every field exists and accepts it. */
export type WireType = 'string' | 'number' | 'datetime' | 'reference';

export const ALERT_RECORD_FIELDS: Readonly<Record<string, WireType>> = {
  Name: 'string',
  Alert_Key__c: 'string',
  Policy_Id__c: 'string',
  Policy_Name__c: 'string',
  Severity__c: 'string',
  User__c: 'reference',
  Username__c: 'string',
  Source_IP__c: 'string',
  Country__c: 'string',
  First_Occurrence__c: 'datetime',
  Last_Occurrence__c: 'datetime',
  Event_Count__c: 'number',
  Description__c: 'string',
  Evidence__c: 'string',
  MITRE_Technique__c: 'string',
};

// Field lengths from force-app/main/default/objects/Warden_Alert__c/fields (package.test.ts checks them).
const LENGTH = { name: 80, policyName: 255, username: 255, ip: 45, country: 80, description: 32_768, evidence: 131_072, mitre: 40 };

export function toAlertRecord(alert: Alert): Record<string, unknown> {
  return {
    Name: truncate(alert.title, LENGTH.name),
    Alert_Key__c: alert.key,
    Policy_Id__c: alert.policy,
    Policy_Name__c: truncate(alert.policyName, LENGTH.policyName),
    Severity__c: SEVERITY_LABEL[alert.severity],
    User__c: alert.userId && /^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(alert.userId) ? alert.userId : null,
    Username__c: alert.username && truncate(alert.username, LENGTH.username),
    Source_IP__c: alert.ip && truncate(alert.ip, LENGTH.ip),
    Country__c: alert.country && truncate(alert.country, LENGTH.country),
    First_Occurrence__c: alert.occurredAt,
    Last_Occurrence__c: alert.lastSeenAt,
    Event_Count__c: alert.count,
    Description__c: truncate(alert.description, LENGTH.description),
    Evidence__c: truncate(JSON.stringify(alert.evidence, null, 1), LENGTH.evidence),
    MITRE_Technique__c: truncate(alert.mitre.join(', '), LENGTH.mitre),
  };
}

export interface WriteBackResult {
  written: number;
  failed: Array<{ key: string; errors: SaveError[] }>;
}

/**
 * Never throws for Salesforce errors: a call that fails (package not installed, no access …)
 * marks every alert of the batch failed with Salesforce's errorCode, so the caller still has
 * the alerts to print and knows not to advance its cursor.
 */
export async function writeAlerts(client: OrgClient, alerts: readonly Alert[]): Promise<WriteBackResult> {
  if (alerts.length === 0) return { written: 0, failed: [] };
  let results: SaveResult[];
  try {
    results = await client.upsertCollection(ALERT_OBJECT, ALERT_KEY_FIELD, alerts.map(toAlertRecord), 'write-back');
  } catch (err) {
    if (!(err instanceof OrgWardenError) || err.code === 'SF_REQUEST_LIMIT') throw err;
    const error: SaveError = { statusCode: String(err.data.errorCode ?? err.code), message: err.message, fields: [] };
    return { written: 0, failed: alerts.map((alert) => ({ key: alert.key, errors: [error] })) };
  }
  const failed: WriteBackResult['failed'] = [];
  results.forEach((result, i) => {
    if (!result.success) failed.push({ key: alerts[i]!.key, errors: result.errors });
  });
  return { written: alerts.length - failed.length, failed };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
