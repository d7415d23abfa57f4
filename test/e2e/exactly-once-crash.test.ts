/**
 * Exactly once (DESIGN §5) across crashes: a worker killed with SIGKILL in the middle of an event
 * log file, and a Redis that is killed and restarted from its append-only file. Afterwards every
 * activity was processed once — none lost, none twice, no duplicate alert — judged against a
 * clean run of the same org (test/helpers/exactly-once-oracle.ts).
 */
import { BIG_FILE_ROWS, ELF_PAGE_ROWS, makeExactlyOnceOrg, type ExactlyOnceOrg } from '../helpers/exactly-once-org';
import { expectExactlyOnce, summary, type Observation } from '../helpers/exactly-once-oracle';
import { Scenario } from '../helpers/exactly-once-run';
import { killAllWorkers } from '../helpers/worker-process';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(180_000);

let org: ExactlyOnceOrg;
let baseline: Observation;
let scenario: Scenario | undefined;

beforeAll(() => {
  org = makeExactlyOnceOrg();
});

afterEach(async () => {
  await killAllWorkers();
  await scenario?.cleanup();
  scenario = undefined;
});

afterAll(() => org?.remove());

interface ElfCursor {
  partial?: { file: { id: string; eventType: string; logDateMs: number }; unitsDone: number };
}

it('baseline: one worker, no faults, reads every stream once', async () => {
  scenario = await Scenario.start(org);
  const started = Date.now();
  scenario.startWorker();
  await scenario.waitUntilCaughtUp();
  baseline = await scenario.finish();
  console.log('baseline', Date.now() - started, 'ms', summary(baseline));
  expect(baseline.counters.eventlogs.recordsTotal).toBeGreaterThan(BIG_FILE_ROWS);
  expect(baseline.alerts.length).toBeGreaterThanOrEqual(5);
});

it('kill -9 inside an event log file: the next worker resumes after the last committed page', async () => {
  // The busy hour's file trickles in, so the worker is still downloading it after its first page.
  scenario = await Scenario.start(org);
  scenario.sim.faults.add({ kind: 'slow-body', bytesPerSecond: 400_000, route: 'log-file', path: scenario.bigFileId() });
  const first = scenario.startWorker();
  const midFile = await waitFor('a committed page inside the busy file', async () => {
    const cursor = await scenario!.cursor<ElfCursor>('eventlogs:EventLogFile');
    return cursor?.partial && cursor.partial.unitsDone >= ELF_PAGE_ROWS ? cursor.partial : undefined;
  }, { timeoutMs: 60_000, everyMs: 20 });
  await first.kill();
  expect(midFile.unitsDone).toBeLessThan(BIG_FILE_ROWS);
  scenario.sim.faults.clear();

  const second = scenario.startWorker();
  const started = Date.now();
  // BullMQ finds the dead worker's job stalled (its job lock, 30 s, ran out) and runs it again.
  await scenario.waitUntilCaughtUp(120_000).catch((err) => {
    console.log(second.logs.filter((l) => JSON.stringify(l).includes('eventlogs') || (l.level ?? 0) >= 40).map((l) => JSON.stringify(l).slice(0, 400)).join('\n'));
    throw err;
  });
  console.log('resumed in', Date.now() - started, 'ms');
  const resumed = await second.waitForLog('the resumed pass', (l) => l.msg === 'stream pass done' && l.stream === 'eventlogs');
  const run = await scenario.finish();
  console.log('kill-9', { midFile: midFile.unitsDone, resumed: resumed.records }, summary(run));
  expectExactlyOnce(run, baseline);
});
