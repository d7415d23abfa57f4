/**
 * Two `orgwarden run` workers sharing one Redis (same key prefix) against one org whose other apps
 * use most of the daily API allocation, and keep calling while the workers run. The quota
 * governor's figure and calls in flight are shared through Redis, so together the workers stop at
 * the line above the 10% reserve — the org's own usage figure, polled throughout, never shows
 * less than the reserve left — and finish by themselves once the rolling window frees calls.
 * Both do work, and every activity is processed once (no duplicate alert), judged against a
 * clean run of the same org (test/helpers/exactly-once-oracle.ts), made side by side with the
 * scenario (which mostly waits: a held job is handed back after 30 s and retried a minute later).
 */
import { StatusStore } from '../../worker/src/ops/status-store';
import { PRIORITY_HEADROOM_PERCENT } from '../../worker/src/salesforce/quota-policy';
import { ApiUsageWatch } from '../helpers/api-usage-watch';
import { BIG_FILE_ROWS } from '../helpers/exactly-once-org';
import { expectExactlyOnce, summary } from '../helpers/exactly-once-oracle';
import { useBaselineOrg, withScenario } from '../helpers/exactly-once-run';
import { type WorkerProcess } from '../helpers/worker-process';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(180_000);

/** A small allocation, so the run (about 1,600 calls) cannot fit in what other apps leave. */
const MAX = 20_000;
const RESERVE = MAX * 0.1;
/** Where event log calls stop: the reserve plus their headroom. */
const EVENTLOGS_STOP = Math.ceil((MAX * (10 + PRIORITY_HEADROOM_PERCENT.eventlogs)) / 100);
/** Other apps leave this much above that line at the start … */
const LEFT_ABOVE_STOP = 700;
/** … and make this many more calls while the workers run (fewer than the headroom, so they alone cannot reach the reserve). */
const OTHER_APPS_LATER = 300;

const shared = useBaselineOrg();

/** Stream passes a worker finished with records in them. */
const passesWithRecords = (worker: WorkerProcess) => worker.logs.filter((l) => l.msg === 'stream pass done' && Number(l.records) > 0).map((l) => String(l.stream));

it('baseline: one worker, the whole allocation free, reads every stream once', async () => {
  const baseline = await shared.baseline;
  console.log('baseline', summary(baseline));
  expect(baseline.counters.eventlogs.recordsTotal).toBeGreaterThan(BIG_FILE_ROWS);
  expect(baseline.alerts.length).toBeGreaterThanOrEqual(5);
});

it.concurrent('two workers on one Redis never take the org below the reserve, both work, and every activity counts once', async () => {
  await withScenario(shared.org, {}, async (scenario) => {
    const { sim } = scenario;
    sim.setApiUsage(MAX - EVENTLOGS_STOP - LEFT_ABOVE_STOP, MAX);
    const watch = new ApiUsageWatch(sim).start();
    // Both workers are up before either takes a job (the queue is paused while they boot).
    await scenario.pauseQueue();
    const workers = [scenario.startWorker(), scenario.startWorker()];
    await Promise.all(workers.map((worker) => worker.waitForLog('the worker to start', (l) => l.msg === 'worker running', 60_000)));
    await scenario.resumeQueue();

    // The other apps go on calling, a few at a time, while the workers read.
    let otherCalls = 0;
    const otherApps = setInterval(() => {
      if (otherCalls < OTHER_APPS_LATER) otherCalls += sim.burstOtherAppCalls(10);
    }, 100);
    try {
      const status = new StatusStore(scenario.redis, scenario.keyPrefix);
      const held = await waitFor('the event log stream to be held back at the reserve', async () => (await status.read(scenario.org.orgId, 'eventlogs')).heldSinceMs, { timeoutMs: 120_000, everyMs: 100 });
      expect(await scenario.caughtUp()).toBe(false);
      const heldRemaining = watch.sample();
      // Held where the governor stops event log calls: at the line, never below the reserve.
      expect(watch.lowestRemaining).toBeGreaterThanOrEqual(RESERVE);
      expect(watch.lowestRemaining).toBeLessThanOrEqual(EVENTLOGS_STOP);

      // The rolling 24 h window frees calls (other apps' calls of yesterday age out): the workers
      // find out by themselves (a probe call a minute after their last figure) and finish.
      clearInterval(otherApps);
      sim.setApiUsage(MAX / 2, MAX);
      const freedAt = Date.now();
      await scenario.waitUntilCaughtUp(150_000).catch((err) => {
        for (const worker of workers) console.log(worker.pid, worker.logs.filter((l) => (l.level ?? 0) >= 40 || l.msg === 'stream pass done').map((l) => JSON.stringify(l).slice(0, 300)).join('\n'));
        throw err;
      });
      watch.stop();
      const resumedAfterMs = Date.now() - freedAt;
      const run = await scenario.finish();
      const work = workers.map(passesWithRecords);
      console.log('two workers', { otherCalls, heldRemaining, lowestRemaining: watch.lowestRemaining, samples: watch.samples, heldForMs: freedAt - held, resumedAfterMs, work }, summary(run));
      expect(otherCalls).toBe(OTHER_APPS_LATER);
      expect(watch.lowestRemaining).toBeGreaterThanOrEqual(RESERVE);
      for (const passes of work) expect(passes.length).toBeGreaterThanOrEqual(1);
      expectExactlyOnce(run, await shared.baseline);
    } finally {
      clearInterval(otherApps);
      watch.stop();
    }
  });
});
