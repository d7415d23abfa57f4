/**
 * The org as a client sees it at the simulated "now": records whose creation time (the object's
 * `visibleFrom` field: LoginTime for LoginHistory, CreatedDate for most objects, an event log
 * file's publication time) is still in the future do not exist yet, and event log files are purged
 * after their retention — from query, queryAll and LogFile download alike (404).
 *
 * Retention, REST API Developer Guide "Using Event Monitoring": "Log files are available for 30
 * days after their CreatedDate in orgs with Event Monitoring licenses, after which they're
 * automatically deleted. In all Developer Edition orgs, log files are available for 1 day"; the
 * free event types are "free for all customers with a 24-hour data retention period" (Object
 * Reference, "CSP Violation Event Type").
 *
 * Objects with a `retention` (the Real-Time Event Monitoring stores) lose records older than it:
 * Security Implementation Guide, "Real-Time Event Monitoring Data Storage": big objects store
 * data "for up to six months", and each storage object's row there says "Data is stored for up
 * to 6 months" (the Threat Detection stores too).
 */
import type { SimClock } from './clock';
import type { RecordStore } from './record-store';
import type { SObjectDef, SimRecord } from './schema/types';
import { dateTimeMs } from './sf-datetime';

const DAY_MS = 24 * 3_600_000;

/** The instant `months` calendar months (UTC) before `ms`. */
function monthsBefore(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

function retained(def: SObjectDef, record: SimRecord, nowMs: number): boolean {
  if (!def.retention) return true;
  const at = dateTimeMs(record[def.retention.field]);
  return at === undefined || at > monthsBefore(nowMs, def.retention.months);
}

export class OrgView {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: SimClock,
    /** How long event log files stay after their CreatedDate. */
    private readonly eventLogRetentionMs = 30 * DAY_MS,
  ) {}

  static retentionFor(eventMonitoring: 'shield' | 'free' | 'none'): number {
    return eventMonitoring === 'shield' ? 30 * DAY_MS : DAY_MS;
  }

  isVisible(def: SObjectDef, record: SimRecord, nowMs: number = this.clock.nowMs()): boolean {
    if (!retained(def, record, nowMs)) return false;
    if (!def.visibleFrom) return true;
    const from = dateTimeMs(record[def.visibleFrom]);
    if (from === undefined) return true;
    if (from > nowMs) return false;
    return def.name !== 'EventLogFile' || from > nowMs - this.eventLogRetentionMs;
  }

  /** Records of a type that exist now, soft-deleted ones included (queryAll shows them). */
  records(sobject: string): SimRecord[] {
    const def = this.store.schema.get(sobject);
    if (!def) return [];
    const now = this.clock.nowMs();
    return this.store.all(def.name).filter((r) => this.isVisible(def, r, now));
  }

  /** A record that exists now, with its type. */
  getEntry(id: string): { def: SObjectDef; record: SimRecord } | undefined {
    const entry = this.store.getEntry(id);
    const def = entry && this.store.schema.get(entry.sobject);
    return def && entry && this.isVisible(def, entry.record) ? { def, record: entry.record } : undefined;
  }

  get(id: string): SimRecord | undefined {
    return this.getEntry(id)?.record;
  }
}
