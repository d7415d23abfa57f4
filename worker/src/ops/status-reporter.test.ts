/**
 * Warden_Status__c in a simulated org, as an admin would read it: the stream's state moves with
 * passes and failures (counted across processes through Redis), errors arrive without secrets,
 * the worker record rides along in the same collection call, and a clean stop says so.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Alert } from '../alerts/alert';
import { OrgWardenError } from '../errors';
import { silentLogger } from '../logger';
import type { PassResult } from '../pipeline/stream-pass';
import { connect, type Connected } from '../salesforce/connect';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { RedisQuotaStore } from '../salesforce/quota-store';
import { connectRedis } from '../state/redis';
import { RedisStateStore } from '../state/state-store';
import { loginsStream } from '../streams/login-history';
import { StatusReporter } from './status-reporter';
import { StatusStore, stagePageCounts } from './status-store';

const ACME = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'acme');
const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const WORKER = { host: 'worker-1.example', pid: 4242, version: '0.1.0' };
const QUEUE = { waiting: 3, active: 1, delayed: 2, failed: 0 };

let redis: Redis;
let connected: Connected;
let reporter: StatusReporter;

interface StatusRow {
  Status_Key__c: string;
  Kind__c: string;
  State__c: string;
  State_Reason__c: string;
  Consecutive_Failures__c: number | null;
  Records_Last_Pass__c: number | null;
  Records_Total__c: number | null;
  Records_Skipped__c: number | null;
  Cursor__c: string | null;
  Lag_Minutes__c: number | null;
  Last_Error__c: string | null;
  Last_Success__c: string | null;
  API_Calls_Used__c: number | null;
  API_Calls_Limit__c: number | null;
  API_Calls_Reserve__c: number | null;
  Queue_Waiting__c: number | null;
  Heartbeat__c: string | null;
  Worker_PID__c: number | null;
}

async function statusRows(): Promise<Record<string, StatusRow>> {
  const fields = 'Status_Key__c, Kind__c, State__c, State_Reason__c, Consecutive_Failures__c, Records_Last_Pass__c, Records_Total__c, Records_Skipped__c, Cursor__c, Lag_Minutes__c, Last_Error__c, Last_Success__c, API_Calls_Used__c, API_Calls_Limit__c, API_Calls_Reserve__c, Queue_Waiting__c, Heartbeat__c, Worker_PID__c';
  const rows: StatusRow[] = [];
  for await (const page of connected.client.queryPages<StatusRow>(`SELECT ${fields} FROM Warden_Status__c`, { priority: 'ingest' })) rows.push(...page);
  return Object.fromEntries(rows.map((row) => [row.Status_Key__c, row]));
}

function pass(records: number): PassResult {
  const alert = { policy: 'failed-logins' } as Alert;
  return { stream: 'logins', records, skipped: 1, duplicates: 0, apiCalls: 2, statuses: [], alerts: [alert], writeBack: { written: 1, failed: [] } };
}

beforeAll(async () => {
  redis = await connectRedis('redis://127.0.0.1:6379', 'producer');
  const log = silentLogger();
  const params = { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 };
  connected = await connect({ kind: 'sim', dir: ACME }, { log, governorFor: (orgId) => new QuotaGovernor(new RedisQuotaStore(redis, orgId, KEY_PREFIX), params, log) });
  await connected.client.request('ingest', { method: 'GET', url: '/limits' });
  reporter = new StatusReporter({
    store: new StatusStore(redis, KEY_PREFIX),
    log,
    worker: WORKER,
    flushDelayMs: 5,
    heartbeat: { everyMs: 15 * 60_000, orgs: ['acme'], clientFor: async () => connected.client, queueDepths: async () => QUEUE },
  });
});

afterAll(async () => {
  await connected.close();
  const keys = await redis.keys(`${KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

/** What a pass's pages commit with their cursors (stream-pass.ts): the totals the record reports. */
async function commitPage(records: number, skipped: number, alertsByPolicy: Record<string, number>) {
  const batch = new RedisStateStore(redis, KEY_PREFIX, connected.client.orgId).begin();
  stagePageCounts(batch, 'logins', { records, skipped, alertsByPolicy });
  await batch.commit();
}

it('writes the stream and the worker record in one collection call after a pass', async () => {
  const untilMs = connected.client.orgNowMs();
  await commitPage(70, 1, { 'failed-logins': 1 });
  await commitPage(7, 0, {});
  await reporter.passSucceeded('acme', connected.client, loginsStream, pass(77), untilMs);
  await reporter.writer.flush();
  expect(reporter.writer.calls).toBe(1);
  const rows = await statusRows();
  expect(rows['stream:logins']).toMatchObject({
    Kind__c: 'Stream',
    State__c: 'Healthy',
    Consecutive_Failures__c: 0,
    Records_Last_Pass__c: 77,
    Records_Total__c: 77,
    Records_Skipped__c: 1,
    Cursor__c: new Date(untilMs).toISOString(),
    Lag_Minutes__c: 0,
    Heartbeat__c: null,
    Queue_Waiting__c: null,
  });
  const { used, max } = (await connected.client.quota.status()) as { used: number; max: number };
  expect(rows['stream:logins']).toMatchObject({ API_Calls_Limit__c: max, API_Calls_Reserve__c: Math.ceil(max / 10) });
  expect(rows['stream:logins']!.API_Calls_Used__c).toBeLessThanOrEqual(used);
  expect(rows['worker:worker-1.example:4242']).toMatchObject({ Kind__c: 'Worker', State__c: 'Healthy', Queue_Waiting__c: 3, Worker_PID__c: 4242 });
  expect(rows['worker:worker-1.example:4242']!.Heartbeat__c).not.toBeNull();
});

it('turns Degraded, then Failing after three failures in a row, without leaking a session id', async () => {
  const sessionId = connected.simulator!.issueAccessToken();
  const err = new OrgWardenError('SF_UNAVAILABLE', `Salesforce query failed: SERVER_UNAVAILABLE with ${sessionId}`);
  await reporter.passFailed('acme', connected.client, loginsStream, err);
  await reporter.writer.flush();
  expect((await statusRows())['stream:logins']).toMatchObject({ State__c: 'Degraded', Consecutive_Failures__c: 1 });
  await reporter.passFailed('acme', connected.client, loginsStream, err);
  await reporter.passFailed('acme', connected.client, loginsStream, err);
  await reporter.writer.flush();
  const row = (await statusRows())['stream:logins']!;
  expect(row).toMatchObject({ State__c: 'Failing', State_Reason__c: '3 failed attempts in a row', Consecutive_Failures__c: 3, Records_Total__c: 77 });
  expect(row.Last_Error__c).toMatch(/^SF_UNAVAILABLE: Salesforce query failed: SERVER_UNAVAILABLE/);
  expect(row.Last_Error__c).not.toContain(sessionId.split('!')[1]);
});

it('recovers with the next success, adding up the totals and keeping the last error', async () => {
  await commitPage(5, 1, { 'failed-logins': 1 });
  await reporter.passSucceeded('acme', connected.client, loginsStream, pass(5), connected.client.orgNowMs());
  await reporter.writer.flush();
  expect((await statusRows())['stream:logins']).toMatchObject({ State__c: 'Healthy', Consecutive_Failures__c: 0, Records_Last_Pass__c: 5, Records_Total__c: 82, Records_Skipped__c: 2, Last_Error__c: expect.stringContaining('SF_UNAVAILABLE') });
  expect(await new StatusStore(redis, KEY_PREFIX).alertCounts(connected.client.orgId)).toEqual({ 'failed-logins': 2 });
});

it('marks a stream the org does not have as Not available', async () => {
  const missing = new OrgWardenError('SF_API_ERROR', 'Salesforce query failed: INVALID_TYPE: sObject type EventLogFile is not supported', { data: { errorCode: 'INVALID_TYPE' } });
  await reporter.passFailed('acme', connected.client, loginsStream, missing);
  await reporter.writer.flush();
  expect((await statusRows())['stream:logins']).toMatchObject({ State__c: 'Not_Available' });
});

it('says Disabled on the worker record when the worker stops cleanly', async () => {
  await reporter.close();
  expect((await statusRows())['worker:worker-1.example:4242']).toMatchObject({ State__c: 'Disabled', State_Reason__c: 'stopped cleanly' });
});
