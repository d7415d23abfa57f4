/**
 * Exactly once (DESIGN §5) through what Salesforce throws at a monitor: 503 storms, sessions that
 * end under a JWT-authenticated worker, and other apps using the org's API allocation up. The
 * worker gets through each by itself (retries, re-authentication, waiting at the reserve), and
 * every activity was processed once — none lost, none twice, no duplicate alert — judged against
 * a clean run of the same org (test/helpers/exactly-once-oracle.ts).
 *
 * The quota scenario mostly waits for the worker's own timing (a held job is handed back after
 * 30 s and retried a minute later, when a probe call finds the allocation free again), so it runs
 * side by side (`it.concurrent`) with the baseline and the other scenarios, which run one after
 * the other: each scenario has its own simulator, key prefix and workers.
 */
import { StatusStore } from '../../worker/src/ops/status-store';
import { ApiUsageWatch } from '../helpers/api-usage-watch';
import { BIG_FILE_ROWS } from '../helpers/exactly-once-org';
import { expectExactlyOnce, summary } from '../helpers/exactly-once-oracle';
import { useBaselineOrg, withScenario, type Scenario } from '../helpers/exactly-once-run';
import { type LogLine, type WorkerProcess } from '../helpers/worker-process';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(180_000);

const shared = useBaselineOrg();

const tokenRequests = (scenario: Scenario) => scenario.sim.requestLog.filter((e) => e.path.startsWith('/services/oauth2/token')).length;
const logged = (worker: WorkerProcess, msg: string) => worker.logs.filter((l: LogLine) => l.msg === msg);

async function caughtUpOrExplain(scenario: Scenario, worker: WorkerProcess, timeoutMs: number): Promise<void> {
  await scenario.waitUntilCaughtUp(timeoutMs).catch((err) => {
    console.log(worker.logs.filter((l) => (l.level ?? 0) >= 40 || l.msg === 'stream pass done').map((l) => JSON.stringify(l).slice(0, 400)).join('\n'));
    throw err;
  });
}

it('baseline: one worker, no faults, reads every stream once', async () => {
  const baseline = await shared.baseline;
  console.log('baseline', summary(baseline));
  expect(baseline.counters.eventlogs.recordsTotal).toBeGreaterThan(BIG_FILE_ROWS);
  expect(baseline.alerts.length).toBeGreaterThanOrEqual(5);
});

it('503 storms on queries, log file downloads and alert write-back: retried until the totals equal the baseline', async () => {
  await withScenario(shared.org, {}, async (scenario) => {
    const rules = scenario.sim.faults.add(
      // Overloaded pods: three queries in a row answer 503 SERVER_UNAVAILABLE (jsforce retries a GET itself).
      { id: 'query-storm', kind: 'http-error', status: 503, route: ['query', 'query-more'], after: 5, times: 3 },
      // Salesforce Edge's own 503 page (HTML) on a query a little later, and app server failures
      // (500 UNKNOWN_EXCEPTION) on the event log listing.
      { id: 'edge-503', kind: 'http-error', status: 503, body: 'html', route: 'query', after: 25, times: 1 },
      { id: 'listing-500', kind: 'http-error', status: 500, route: 'query', path: 'FROM%20EventLogFile', times: 2 },
      // An app server failure on the busy hour's file, and later three 503s in a row on one download
      // (the worker's own download retries, inside the pass).
      { id: 'busy-file-500', kind: 'http-error', status: 500, route: 'log-file', path: scenario.bigFileId(), times: 1 },
      { id: 'download-storm', kind: 'http-error', status: 503, route: 'log-file', after: 400, times: 3 },
      // The first alert write-back answers 503: that job fails and is retried (30 s later) while the
      // other streams go on, so its pages meet the detections after theirs.
      { id: 'write-back-503', kind: 'http-error', status: 503, route: 'composite', path: 'Warden_Alert__c', times: 1 },
    );
    const worker = scenario.startWorker();
    await caughtUpOrExplain(scenario, worker, 150_000);
    const fired = Object.fromEntries(scenario.sim.faults.rules.map((r) => [r.id, r.fired]));
    const errors = scenario.sim.requestLog.filter((e) => (e.status ?? 0) >= 500).length;
    const run = await scenario.finish();
    console.log('503 storm', fired, { errors, downloadRetries: logged(worker, 'log file download interrupted: retrying').length }, summary(run));
    // The storm happened as configured and the worker rode it out: every failed call was tried
    // again (downloads by the pass itself), and only the job whose alerts could not be written
    // failed, once (its retry wrote them).
    expect(fired).toEqual(Object.fromEntries(rules.map((id) => [id, id === 'query-storm' || id === 'download-storm' ? 3 : id === 'listing-500' ? 2 : 1])));
    expect(errors).toBe(11);
    expect(logged(worker, 'log file download interrupted: retrying')).toHaveLength(4);
    expect(logged(worker, 'ingest job failed').map((l) => String((l['err'] as { message?: string } | undefined)?.message))).toEqual([
      expect.stringContaining('could not be written to Warden_Alert__c'),
    ]);
    expectExactlyOnce(run, await shared.baseline);
  });
});

it('sessions end under a JWT-authenticated worker: it signs in again by itself and the result equals the baseline', async () => {
  await withScenario(shared.org, { auth: 'jwt' }, async (scenario) => {
    // Every session ends as the 31st request arrives (during the quick streams) …
    scenario.sim.faults.add({ id: 'sessions-end', kind: 'expire-session', scope: 'all', after: 30, times: 1 });
    scenario.slowBusyFile(1_000_000);
    const worker = scenario.startWorker();
    // … and again while the worker is inside the busy hour's file (an admin ending sessions).
    await scenario.midBusyFile(120_000);
    expect(scenario.sim.faults.rules.find((r) => r.id === 'sessions-end')?.fired).toBe(1);
    expect(scenario.sim.faults.expireSessions()).toBeGreaterThanOrEqual(1);
    scenario.sim.faults.clear();
    await caughtUpOrExplain(scenario, worker, 120_000);
    const grants = tokenRequests(scenario);
    const invalidSession = scenario.sim.requestLog.filter((e) => e.status === 401).length;
    const run = await scenario.finish();
    console.log('token expiry', { grants, invalidSession }, summary(run));
    // One JWT grant at start, one after each end of session (concurrent 401s share a refresh).
    expect(grants).toBeGreaterThanOrEqual(3);
    expect(invalidSession).toBeGreaterThanOrEqual(2);
    expect(logged(worker, 'ingest job failed')).toEqual([]);
    expectExactlyOnce(run, await shared.baseline);
  });
});

it.concurrent('other apps use the allocation up mid-run: the worker waits at the reserve, never below, and finishes once it frees', async () => {
  await withScenario(shared.org, {}, async (scenario) => {
    const { max } = scenario.sim.apiUsage;
    const reserve = Math.ceil(max * 0.1);
    scenario.slowBusyFile(1_000_000);
    const worker = scenario.startWorker();
    await scenario.midBusyFile(120_000);

    // Other apps take the org to 300 calls above the reserve: below where the worker's event log,
    // ingest and write-back calls stop (2%, 1%, 0.5% of max above it).
    scenario.sim.setApiUsage(max - reserve - 300);
    const exhaustedAt = Date.now();
    scenario.sim.faults.clear();
    const watch = new ApiUsageWatch(scenario.sim).start();
    try {
      // The worker stops, and after waiting in vain hands its job back: the stream shows as held.
      const status = new StatusStore(scenario.redis, scenario.keyPrefix);
      const held = await waitFor('the event log stream to be held back at the reserve', async () => (await status.read(scenario.org.orgId, 'eventlogs')).heldSinceMs, { timeoutMs: 90_000, everyMs: 100 });
      expect(await scenario.caughtUp()).toBe(false);
      const heldRemaining = watch.sample();
      expect(watch.lowestRemaining).toBeGreaterThanOrEqual(reserve);

      // The rolling window frees calls: the worker finds out by itself (a probe call) and finishes.
      scenario.sim.setApiUsage(30_000);
      const freedAt = Date.now();
      await caughtUpOrExplain(scenario, worker, 150_000);
      const resumedAfterMs = Date.now() - freedAt;
      expect((await status.read(scenario.org.orgId, 'eventlogs')).heldSinceMs).toBeUndefined();
      const run = await scenario.finish();
      console.log('quota', { reserve, heldRemaining, lowestRemaining: watch.lowestRemaining, heldAfterMs: held - exhaustedAt, resumedAfterMs }, summary(run));
      expect(logged(worker, 'API allocation at the reserve: job delayed').length).toBeGreaterThanOrEqual(1);
      expectExactlyOnce(run, await shared.baseline);
    } finally {
      watch.stop();
    }
  });
});
