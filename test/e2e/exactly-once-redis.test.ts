/**
 * Exactly once (DESIGN §5) across a Redis restart: the Redis holding the queue, the cursors and
 * the detection state is killed with SIGKILL while the worker is inside an event log file, then
 * started again on the same port from its append-only file. The same worker process — never
 * restarted — reconnects and finishes by itself, and every activity was processed once: none
 * lost, none twice, no duplicate alert, judged against a clean run of the same org
 * (test/helpers/exactly-once-oracle.ts).
 */
import { BIG_FILE_ROWS } from '../helpers/exactly-once-org';
import { expectExactlyOnce, summary } from '../helpers/exactly-once-oracle';
import { useBaselineOrg, withScenario, type ElfCursor } from '../helpers/exactly-once-run';
import { RedisServer } from '../helpers/redis-server';
import { killAllWorkers } from '../helpers/worker-process';

jest.setTimeout(180_000);

// The clean run goes on the shared Redis, side by side with the scenario on a Redis of its own.
const shared = useBaselineOrg();
let redisServer: RedisServer | undefined;

afterAll(async () => {
  await killAllWorkers();
  await redisServer?.remove();
});

it('baseline: one worker, no faults, reads every stream once', async () => {
  const baseline = await shared.baseline;
  console.log('baseline', summary(baseline));
  expect(baseline.counters.eventlogs.recordsTotal).toBeGreaterThan(BIG_FILE_ROWS);
  expect(baseline.alerts.length).toBeGreaterThanOrEqual(5);
});

it.concurrent('Redis killed inside an event log file and restarted from its AOF: the same worker recovers by itself', async () => {
  redisServer = await RedisServer.start();
  const redis = redisServer;
  await withScenario(shared.org, { redisUrl: redis.url }, async (scenario) => {
    // The busy hour's file trickles in, so the worker is still downloading it after its first page.
    scenario.slowBusyFile();
    const worker = scenario.startWorker();
    const midFile = await scenario.midBusyFile(120_000);
    expect(midFile.unitsDone).toBeLessThan(BIG_FILE_ROWS);

    const committed = await scenario.cursor<ElfCursor>('eventlogs:EventLogFile');
    await redis.kill();
    const killedAt = Date.now();
    // The download goes on; the pass meets the dead Redis when it commits the next page, and fails
    // (its failure cannot even be recorded: the status update is the first thing to say so).
    const metDeadRedis = await worker.waitForLog('the pass to fail on the dead Redis', (l) => l.msg === 'could not update the status records' && Number(l.time) >= killedAt, 60_000);
    scenario.sim.faults.clear();
    await redis.restart();
    const restartedAt = Date.now();

    // What was committed survived: the append-only file had it.
    expect(await scenario.cursor<ElfCursor>('eventlogs:EventLogFile')).toEqual(committed);

    await scenario.waitUntilCaughtUp(150_000).catch((err) => {
      console.log(worker.logs.filter((l) => (l.level ?? 0) >= 40 || l.stream === 'eventlogs').map((l) => JSON.stringify(l).slice(0, 400)).join('\n'));
      throw err;
    });
    const caughtUpAfterMs = Date.now() - restartedAt;
    // Once Redis was back, BullMQ recorded the failed attempt and retried the job (after its backoff),
    // which resumed after the committed page — all in the process that was running all along.
    const failed = worker.logs.filter((l) => l.msg === 'ingest job failed' && (l.data as { stream?: string } | undefined)?.stream === 'eventlogs');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(worker.exited()).toBe(false);
    const run = await scenario.finish();
    console.log('redis restart', { midFile: midFile.unitsDone, downMs: restartedAt - killedAt, failedAfterKillMs: Number(metDeadRedis.time) - killedAt, caughtUpAfterMs }, summary(run));
    expectExactlyOnce(run, await shared.baseline);
  });
});
