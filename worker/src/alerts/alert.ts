/**
 * The alert as OrgWarden publishes it: the JSON line of DESIGN §4.4 (a stable contract) and the
 * `Warden_Alert__c` record it is written back as.
 */
import { createHash } from 'node:crypto';
import { isoUtc } from '../activity/sf-datetime';
import type { AlertDraft, PolicyMeta, Severity } from '../detections/types';

export interface Alert {
  policy: string;
  severity: Severity;
  userId: string | null;
  username: string | null;
  occurredAt: string;
  lastSeenAt: string;
  ip: string | null;
  country: string | null;
  count: number;
  key: string;
  title: string;
  evidence: Record<string, unknown>;
  /** Not part of the JSON line; written to the record. */
  policyName: string;
  description: string;
  mitre: string[];
}

const KEY_MAX = 255;

/**
 * `Alert_Key__c`: policy + subject + time bucket. The same burst, re-read by a later poll or
 * a second scan, gets the same key, so write-back updates one record instead of adding another.
 */
export function alertKey(policy: string, bucket: string): string {
  const readable = `${policy}:${bucket}`;
  if (readable.length <= KEY_MAX) return readable;
  return `${policy}:sha256:${createHash('sha256').update(bucket).digest('hex')}`;
}

export function toAlert(draft: AlertDraft, meta: PolicyMeta): Alert {
  return {
    policy: draft.policy,
    severity: draft.severity,
    userId: draft.userId ?? null,
    username: draft.username ?? null,
    occurredAt: isoUtc(draft.occurredAtMs),
    lastSeenAt: isoUtc(draft.lastSeenAtMs),
    ip: draft.ip ?? null,
    country: draft.country ?? null,
    count: draft.count,
    key: alertKey(draft.policy, draft.bucket),
    title: draft.title,
    evidence: draft.evidence,
    policyName: meta.name,
    description: draft.description,
    mitre: meta.mitre,
  };
}

/** One line of the alert stream (DESIGN §4.4), fields in contract order. */
export function alertJsonLine(alert: Alert): string {
  const { policy, severity, userId, username, occurredAt, lastSeenAt, ip, country, count, key, title, evidence } = alert;
  return JSON.stringify({ policy, severity, userId, username, occurredAt, lastSeenAt, ip, country, count, key, title, evidence });
}

/** Several drafts for one key within a pass (a burst growing page after page): the latest wins. */
export class AlertSet {
  private readonly byKey = new Map<string, Alert>();

  add(alert: Alert): void {
    this.byKey.set(alert.key, alert);
  }

  get size(): number {
    return this.byKey.size;
  }

  values(): Alert[] {
    return [...this.byKey.values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.key.localeCompare(b.key));
  }
}
