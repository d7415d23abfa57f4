/**
 * What the stream survives, through the simulator's seeded faults: damaged CSV rows, a download
 * cut mid-way, an expired session, a 503, and a worker killed between two pages.
 */
import { removeTempDirs } from '../../../sim/__tests__/sim-test-kit';
import { MemoryStateStore, type StateBatch, type StateStore } from '../../../state/state-store';
import type { ElfCursor } from '../log-file-ref';
import { API_HEADER, apiRows, csv, openSimOrg, pass, requestIds, stream, type SimOrg } from './elf-test-kit';

jest.setTimeout(30_000);

const ROWS = 2_000;
const ALL = Array.from({ length: ROWS }, (_, i) => `a${i + 1}`);
const BIG = { 'eventlogs/API/2024-01-07T10.csv': csv(API_HEADER, apiRows(1, ROWS)) };

let org: SimOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});
afterAll(() => removeTempDirs());

/** A store whose n-th commit dies, as a worker killed between two pages would. */
class KilledAtCommit implements StateStore {
  private commits = 0;
  constructor(
    readonly inner: MemoryStateStore,
    private readonly dieAt: number,
  ) {}
  begin(): StateBatch {
    const batch = this.inner.begin();
    return Object.assign(Object.create(batch) as StateBatch, {
      commit: async () => {
        this.commits += 1;
        if (this.commits === this.dieAt) throw new Error('worker killed');
        await batch.commit();
      },
    });
  }
}

it('a corrupt CSV: damaged rows are counted and skipped, every other row is read', async () => {
  org = await openSimOrg(BIG);
  org.sim.faults.configure({ seed: 'damage', rules: [{ kind: 'corrupt-csv', eventTypes: ['API'] }] });
  const { result, activities } = await pass(org, '2024-01-08T12:00:00Z', stream({ pageRows: 300 }));
  const record = org.sim.faults.records.find((r) => r.kind === 'corrupt-csv')!;
  const defects = (record.detail as { defects: Array<{ defect: string; row: number }> }).defects;
  expect(defects.map((d) => d.defect).sort()).toEqual(['broken-quote', 'header-as-data', 'missing-column', 'truncated-last-line', 'unclosed-quote']);
  const damagedRows = new Set(defects.filter((d) => d.defect !== 'header-as-data').map((d) => d.row));
  expect(result.skipped).toBe(damagedRows.size + 1); // + the header repeated as a row
  expect(result.records).toBe(ROWS - damagedRows.size);
  expect(requestIds(activities)).toEqual(ALL.filter((_, i) => !damagedRows.has(i + 1)));
});

it('a download cut mid-way (gzip): retried, no row lost or doubled', async () => {
  org = await openSimOrg(BIG);
  org.sim.faults.add({ kind: 'reset', afterBytes: 60_000, route: 'log-file', times: 1 });
  const { result, activities } = await pass(org, '2024-01-08T12:00:00Z', stream({ pageRows: 200 }));
  expect(org.sim.faults.records.map((r) => r.kind)).toEqual(['reset']);
  expect(requestIds(activities)).toEqual(ALL);
  expect(result).toMatchObject({ records: ROWS, skipped: 0, duplicates: 0, apiCalls: 3 }); // listing + 2 downloads
});

it('an expired session: refreshed the way jsforce does, then the download goes on', async () => {
  org = await openSimOrg(BIG);
  org.sim.faults.add({ kind: 'expire-session', scope: 'all', route: 'log-file', times: 1 });
  const { result } = await pass(org, '2024-01-08T12:00:00Z');
  expect(org.sim.faults.records.map((r) => r.kind)).toEqual(['expire-session']);
  expect(result.records).toBe(ROWS);
});

it('a 503 on the download: retried', async () => {
  org = await openSimOrg(BIG);
  org.sim.faults.add({ kind: 'http-error', status: 503, route: 'log-file', times: 2 });
  const { result } = await pass(org, '2024-01-08T12:00:00Z');
  expect(result).toMatchObject({ records: ROWS, apiCalls: 4 });
});

it('a pass killed after a committed page resumes after it: every row exactly once', async () => {
  org = await openSimOrg(BIG);
  const inner = new MemoryStateStore();
  await expect(pass(org, '2024-01-08T12:00:00Z', stream({ pageRows: 300 }), new KilledAtCommit(inner, 3))).rejects.toThrow('worker killed');
  const cursor = JSON.parse(inner.values.get('cursor:eventlogs:EventLogFile')!) as ElfCursor;
  const done = cursor.partial!.unitsDone;
  expect(done).toBeGreaterThanOrEqual(600);

  const resumed = await pass(org, '2024-01-08T12:30:00Z', stream({ pageRows: 300 }), inner);
  expect(requestIds(resumed.activities)).toEqual(ALL.slice(done));
  expect(resumed.result.records).toBe(ROWS - done);
  const after = JSON.parse(inner.values.get('cursor:eventlogs:EventLogFile')!) as ElfCursor;
  expect(after.partial).toBeUndefined();
  expect((await pass(org, '2024-01-08T13:00:00Z', stream({ pageRows: 300 }), inner)).result.records).toBe(0);
});
