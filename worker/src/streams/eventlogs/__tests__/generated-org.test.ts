/**
 * Over orgs written by `orgwarden sim generate` (16 event types, hourly + daily files, late
 * Sequences): every published row is read exactly once, from the hourly files in a Shield org
 * and from the daily files in a free one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSfDateTime } from '../../../activity/sf-datetime';
import { generateTemp, removeGenerated } from '../../../sim/generate/__tests__/generated-org';
import { openSimDir, pass, type SimOrg } from './elf-test-kit';

jest.setTimeout(60_000);

interface FileRecord {
  EventType: string;
  Interval: string;
  LogDate: string;
  Sequence: number;
}

let org: SimOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});
afterAll(() => removeGenerated());

/** The fixture file an EventLogFile record was made from. */
function fileOf(dir: string, f: FileRecord): string {
  const iso = new Date(parseSfDateTime(f.LogDate)).toISOString();
  const name = f.Interval === 'Daily' ? iso.slice(0, 10) : `${iso.slice(0, 13)}${f.Sequence > 1 ? `.${f.Sequence}` : ''}`;
  return path.join(dir, 'eventlogs', f.EventType, `${name}.csv`);
}

/** Rows of the published files of one interval (the generator writes no multi-line values). */
async function publishedRows(dir: string, interval: 'Hourly' | 'Daily'): Promise<number> {
  let rows = 0;
  for await (const page of org!.client.queryPages<FileRecord>(`SELECT EventType, Interval, LogDate, Sequence FROM EventLogFile WHERE Interval = '${interval}'`, { priority: 'eventlogs' })) {
    for (const f of page) rows += readFileSync(fileOf(dir, f), 'utf8').split('\n').filter((l) => l.length > 0).length - 1;
  }
  return rows;
}

it('a Shield org: every row of the published hourly files once, no daily row on top', async () => {
  const { dir } = generateTemp({ users: '25', days: '9', seed: 'elf-shield' });
  org = await openSimDir(dir);
  const now = new Date(org.sim.clock.now()).toISOString();
  const { result, activities } = await pass(org, now);
  expect(result).toMatchObject({ records: await publishedRows(dir, 'Hourly'), skipped: 0, duplicates: 0 });
  const keys = activities.map((a) => `${a.eventType}|${a.requestId}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(new Set(activities.map((a) => a.eventType)).size).toBe(15);
});

it('a free org: the daily files of the free types', async () => {
  const { dir } = generateTemp({ users: '25', days: '9', seed: 'elf-free', eventMonitoring: 'free' });
  org = await openSimDir(dir);
  const { result, activities } = await pass(org, new Date(org.sim.clock.now()).toISOString());
  const daily = await publishedRows(dir, 'Daily');
  expect(daily).toBeGreaterThan(0);
  expect(result).toMatchObject({ records: daily, skipped: 0 });
  expect(new Set(activities.map((a) => a.eventType))).toEqual(new Set(['Login', 'Logout']));
});
