/**
 * Exactly-once at the page boundary: a pass that dies after writing its alerts but before
 * committing its state is replayed from the old state — the same alert, the same count,
 * one record — and a committed pass is never replayed.
 */
import { join } from 'node:path';
import { parseConfig } from '../config';
import { createPolicyRunner } from '../detections/run-policies';
import { UserDirectory } from '../enrichment/user-directory';
import { silentLogger } from '../logger';
import { connect, type Connected } from '../salesforce/connect';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { MemoryQuotaStore } from '../salesforce/quota-store';
import { MemoryStateStore, type StateBatch, type StateStore } from '../state/state-store';
import { loginsStream } from '../streams/login-history';
import { runStreamPass, type PassDeps } from './stream-pass';

const ACME = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'acme');
const UNTIL = Date.parse('2026-11-20T18:00:00Z');

/** A batch of `inner` whose commit goes through `commit` (which calls the real one, or not). */
function withCommit(inner: MemoryStateStore, commit: (real: () => Promise<void>) => Promise<void>): StateBatch {
  const batch = inner.begin();
  return {
    get: batch.get.bind(batch),
    stage: batch.stage.bind(batch),
    count: batch.count.bind(batch),
    scoped: batch.scoped.bind(batch),
    commit: () => commit(() => batch.commit()),
  };
}

/** A store whose next commit dies, as a worker killed between write-back and commit would. */
class CrashingOnce implements StateStore {
  crashNext = true;
  constructor(readonly inner: MemoryStateStore) {}
  begin(): StateBatch {
    return withCommit(this.inner, async (real) => {
      if (this.crashNext) {
        this.crashNext = false;
        throw new Error('killed before commit');
      }
      await real();
    });
  }
}

let connected: Connected;

beforeAll(async () => {
  const log = silentLogger();
  connected = await connect({ kind: 'sim', dir: ACME }, { log, governorFor: () => new QuotaGovernor(new MemoryQuotaStore(), { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, log) });
  await connected.client.request('ingest', { method: 'GET', url: '/limits' });
});

afterAll(() => connected.close());

async function alertRecords() {
  const rows: Array<{ Alert_Key__c: string; Event_Count__c: number }> = [];
  for await (const page of connected.client.queryPages<{ Alert_Key__c: string; Event_Count__c: number }>('SELECT Alert_Key__c, Event_Count__c FROM Warden_Alert__c', { priority: 'ingest' })) rows.push(...page);
  return rows;
}

it('replays a page whose commit never happened, without counting anything twice', async () => {
  const store = new CrashingOnce(new MemoryStateStore());
  const deps: PassDeps = { client: connected.client, policies: createPolicyRunner(parseConfig({})), enrichers: [new UserDirectory(connected.client)], state: store, log: silentLogger() };

  await expect(runStreamPass(loginsStream, deps, { untilMs: UNTIL })).rejects.toThrow('killed before commit');
  // The alert reached the org, but neither the cursor nor the burst state was saved.
  expect(await alertRecords()).toEqual([expect.objectContaining({ Event_Count__c: 14 })]);
  expect(store.inner.values.size).toBe(0);
  expect(store.inner.counters.size).toBe(0);

  const replay = await runStreamPass(loginsStream, deps, { untilMs: UNTIL });
  expect(replay.records).toBe(77);
  expect(replay.alerts).toEqual([expect.objectContaining({ count: 14, severity: 'high' })]);
  expect(await alertRecords()).toEqual([expect.objectContaining({ Event_Count__c: 14 })]);
  // The stream's totals moved with the cursor: the page that was never committed is not in them.
  expect(store.inner.counters.get('status:logins')?.get('recordsTotal')).toBe(77);

  // Committed: the next poll starts from the cursor and finds nothing new to count.
  const next = await runStreamPass(loginsStream, deps, { untilMs: UNTIL });
  expect(next).toMatchObject({ records: 0, alerts: [] });
});

/** A store whose commits take a while to land, as a busy Redis's do. */
class SlowCommits implements StateStore {
  constructor(readonly inner: MemoryStateStore) {}
  begin(): StateBatch {
    return withCommit(this.inner, async (real) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await real();
    });
  }
}

it('reports a source failing after a page only once that page has committed: a retry starts after it', async () => {
  const store = new SlowCommits(new MemoryStateStore());
  const deps: PassDeps = { client: connected.client, policies: createPolicyRunner(parseConfig({})), enrichers: [], state: store, log: silentLogger() };
  const failing = {
    ...loginsStream,
    sources: [
      {
        id: 'Failing',
        resumeFrom: () => 0,
        async *pages() {
          yield { activities: [], records: 3, skipped: 0, duplicates: 0, cursor: { page: 1 } };
          throw new Error('download cut');
        },
      },
    ],
  };
  await expect(runStreamPass(failing, deps, { untilMs: UNTIL })).rejects.toThrow('download cut');
  expect(store.inner.values.get('cursor:logins:Failing')).toBe('{"page":1}');
  expect(store.inner.counters.get('status:logins')?.get('recordsTotal')).toBe(3);
});
