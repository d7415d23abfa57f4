/**
 * The exactly-once oracle: what a run leaves behind that a user can see — the stream counters in
 * Redis (what /metrics reports), the `Warden_Status__c` records and the `Warden_Alert__c`
 * records in the org — compared with a clean baseline run of the same org.
 *
 * Why these catch doubles and losses: `recordsTotal` grows in the same Redis MULTI as each page's
 * cursor, so a page processed twice counts twice and a page lost counts never; alert counts are
 * detection state (failed-logins counts each failure once), so a replayed page inflates them.
 */
import type { Redis } from 'ioredis';
import { StatusStore, type StreamCounters } from '../../worker/src/ops/status-store';
import type { OrgSimulator } from '../../worker/src/sim';
import { orgKey } from '../../worker/src/state/redis-keys';
import { STREAM_NAMES, type StreamName } from '../../worker/src/streams/stream';

/** Streams that read each record once; `users` and `oauth` re-read the org's current state every poll. */
export const EVENT_STREAMS: readonly StreamName[] = ['logins', 'audit', 'eventlogs', 'files', 'realtime'];
export const SNAPSHOT_STREAMS: readonly StreamName[] = ['users', 'oauth'];

export interface AlertFact {
  key: string;
  count: number;
  severity: string;
}

export interface Observation {
  counters: Record<StreamName, StreamCounters>;
  /** `Records_Total__c` of each stream's `Warden_Status__c` record in the org. */
  orgRecordsTotal: Partial<Record<StreamName, number>>;
  /** Every Warden_Alert__c, sorted by key (a key twice would show here twice). */
  alerts: AlertFact[];
  /**
   * Sign-ins of the worker itself that the logins stream read. Every token the worker obtains is
   * a LoginHistory row (as in Salesforce); how many there are depends on the scenario (a JWT
   * re-grant is one more), so the logins comparison leaves them out. They are the rows the
   * simulator wrote while the test ran, and the ones read are in the logins cursor's de-dup window.
   */
  ownSignInsRead: number;
}

export async function observe(sim: OrgSimulator, redis: Redis, keyPrefix: string, orgId: string): Promise<Observation> {
  const store = new StatusStore(redis, keyPrefix);
  const counters = {} as Record<StreamName, StreamCounters>;
  for (const stream of STREAM_NAMES) counters[stream] = await store.read(orgId, stream);
  const orgRecordsTotal: Partial<Record<StreamName, number>> = {};
  for (const record of sim.store.all('Warden_Status__c')) {
    const match = /^stream:(\w+)$/.exec(String(record.Status_Key__c));
    if (match) orgRecordsTotal[match[1] as StreamName] = Number(record.Records_Total__c);
  }
  const alerts = sim.store
    .all('Warden_Alert__c')
    .map((record) => ({ key: String(record.Alert_Key__c), count: Number(record.Event_Count__c), severity: String(record.Severity__c) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return { counters, orgRecordsTotal, alerts, ownSignInsRead: await ownSignInsRead(sim, redis, keyPrefix, orgId) };
}

async function ownSignInsRead(sim: OrgSimulator, redis: Redis, keyPrefix: string, orgId: string): Promise<number> {
  const cursor = JSON.parse((await redis.get(orgKey(keyPrefix, orgId, 'cursor:logins:LoginHistory'))) ?? '{"seen":{}}') as { seen: Record<string, number> };
  // The generator's sign-ins come from real addresses; the simulator's token endpoint records 127.0.0.1.
  const own = sim.store.all('LoginHistory').filter((row) => row.SourceIp === '127.0.0.1');
  return own.filter((row) => String(row.Id).slice(0, 15) in cursor.seen || String(row.Id) in cursor.seen).length;
}

/** Per-stream figures worth printing in a failure message and in the suite's report. */
export function summary(o: Observation): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const stream of STREAM_NAMES) out[stream] = o.counters[stream].recordsTotal;
  out.ownSignInsRead = o.ownSignInsRead;
  out.alerts = o.alerts.map((a) => `${a.count}/${a.severity}`).join(' ');
  return out;
}

/**
 * Every activity processed once: the same distinct records per event stream as the baseline
 * (the worker's own sign-ins aside), the same snapshot sizes, the org's status records agreeing
 * with Redis, and the same alerts — each key exactly once, with the same count and severity.
 */
export function expectExactlyOnce(run: Observation, baseline: Observation): void {
  const figures = (o: Observation) => ({
    ...Object.fromEntries(EVENT_STREAMS.map((s) => [s, o.counters[s].recordsTotal - (s === 'logins' ? o.ownSignInsRead : 0)])),
    ...Object.fromEntries(SNAPSHOT_STREAMS.map((s) => [`${s} (last snapshot)`, o.counters[s].recordsLast])),
    skipped: EVENT_STREAMS.reduce((sum, s) => sum + o.counters[s].skippedTotal, 0),
  });
  expect(figures(run)).toEqual(figures(baseline));
  for (const stream of EVENT_STREAMS) expect({ stream, org: run.orgRecordsTotal[stream] }).toEqual({ stream, org: run.counters[stream].recordsTotal });
  const keys = run.alerts.map((a) => a.key);
  expect(keys).toEqual([...new Set(keys)]);
  expect(run.alerts).toEqual(baseline.alerts);
}
