/**
 * Event log files appear when Salesforce would publish them: hourly ones 3–6 h after their hour,
 * later Sequences of an hour after the earlier one, daily ones the next day; hourly and daily
 * files of the same events side by side; nothing for a period without events.
 */
import { alertPackageDir, baseFiles, ORG_JSON, removeTempDirs, startSim, writeFiles, type FixtureFiles, type StartedSim } from '../__tests__/sim-test-kit';
import { FixtureError, OrgSimulator } from '../index';
import { dateTimeMs } from '../sf-datetime';

const HOUR = 3_600_000;
const API_HEADER = '"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ROWS_PROCESSED"\n';
const LOGIN_HEADER = '"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","LOGIN_STATUS"\n';

/** The test kit's org without its own event log files, plus `files`. */
function orgWith(files: FixtureFiles): FixtureFiles {
  const base = Object.fromEntries(Object.entries(baseFiles()).filter(([rel]) => !rel.startsWith('eventlogs/')));
  return { ...base, ...files };
}

const FILES = orgWith({
  'eventlogs/API/2024-01-08T05.csv': `${API_HEADER}"API","20240108051500.000","5a","0055g00000Alice","10"\n`,
  'eventlogs/API/2024-01-08T05.2.csv': `${API_HEADER}"API","20240108055900.000","5b","0055g00000Alice","3"\n`,
  'eventlogs/API/2024-01-08T09.csv': `${API_HEADER}"API","20240108090100.000","9a","0055g00000Alice","1"\n`,
  'eventlogs/Login/2024-01-07.csv': `${LOGIN_HEADER}"Login","20240107100500.000","L1","0055g00000Alice","LOGIN_NO_ERROR"\n"Login","20240107170000.000","L2","0055g00000Alice","LOGIN_NO_ERROR"\n`,
  'eventlogs/Login/2024-01-07T10.csv': `${LOGIN_HEADER}"Login","20240107100500.000","L1","0055g00000Alice","LOGIN_NO_ERROR"\n`,
  'eventlogs/Logout/2024-01-07.csv': '"EVENT_TYPE","TIMESTAMP","USER_ID"\n',
});

interface Elf {
  Id: string;
  EventType: string;
  Interval: string;
  LogDate: string;
  Sequence: number;
  CreatedDate: string;
}

const FIELDS = 'Id, EventType, Interval, LogDate, Sequence, CreatedDate';
const ms = (value: string): number => dateTimeMs(value) as number;

async function elf(s: StartedSim, where: string): Promise<Elf[]> {
  return (await s.conn.query<Elf>(`SELECT ${FIELDS} FROM EventLogFile WHERE ${where} ORDER BY CreatedDate`)).records;
}

let s: StartedSim;
beforeAll(async () => {
  s = await startSim(FILES, { realNowMs: () => 0, tokenTtlMs: 400 * 24 * HOUR });
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});
afterEach(() => s.sim.setNow(new Date(ORG_JSON.now)));

describe('hourly files and their late Sequences', () => {
  it('publishes an hourly file 3–6 h after its hour ends, at the same time on every load', async () => {
    const [file] = await elf(s, "EventType = 'API'");
    expect(file).toMatchObject({ Interval: 'Hourly', Sequence: 1, LogDate: '2024-01-08T05:00:00.000+0000' });
    const created = ms(String(file?.CreatedDate));
    expect(created).toBeGreaterThanOrEqual(Date.parse('2024-01-08T09:00:00Z'));
    expect(created).toBeLessThan(Date.parse('2024-01-08T12:00:00Z'));
    const again = await OrgSimulator.load(writeFiles(FILES), { packageDir: alertPackageDir() });
    expect(again.store.get(String(file?.Id))?.['CreatedDate']).toBe(file?.CreatedDate);
  });

  it('gives a poller on CreatedDate only the new files: the late Sequence and the next hour', async () => {
    const seen = await elf(s, "EventType = 'API'");
    const lastPoll = seen.at(-1)?.CreatedDate as string;
    s.sim.setNow(new Date('2024-01-08T19:00:00Z'));
    const fresh = await elf(s, `EventType = 'API' AND CreatedDate > ${lastPoll.replace('.000+0000', 'Z')}`);
    expect(fresh.map((f) => [f.LogDate, f.Sequence]).sort()).toEqual([
      ['2024-01-08T05:00:00.000+0000', 2],
      ['2024-01-08T09:00:00.000+0000', 1],
    ]);
    const late = fresh.find((f) => f.Sequence === 2) as Elf;
    expect(ms(late.CreatedDate) - ms(lastPoll)).toBe(6 * HOUR);
  });

  it('does not serve a late Sequence before it is published', async () => {
    const late = (await s.conn.query<Elf>(`SELECT Id FROM EventLogFile WHERE Sequence = 2`)).records;
    expect(late).toEqual([]);
  });
});

describe('daily files', () => {
  it('publishes a daily file (Sequence 0) in the early hours of the next day', async () => {
    const [daily] = await elf(s, "Interval = 'Daily' AND EventType = 'Login'");
    expect(daily).toMatchObject({ Sequence: 0, LogDate: '2024-01-07T00:00:00.000+0000' });
    const created = ms(String(daily?.CreatedDate));
    expect(created).toBeGreaterThanOrEqual(Date.parse('2024-01-08T02:00:00Z'));
    expect(created).toBeLessThan(Date.parse('2024-01-08T04:00:00Z'));
  });

  it('serves hourly and daily files of the same events side by side', async () => {
    const both = await elf(s, "EventType = 'Login' AND Sequence >= 0");
    expect(both.map((f) => f.Interval).sort()).toEqual(['Daily', 'Hourly']);
    expect((await elf(s, "EventType = 'Login' AND Interval = 'Hourly'")).map((f) => f.LogDate)).toEqual(['2024-01-07T10:00:00.000+0000']);
  });

  it('publishes nothing for a day without events, and says so', async () => {
    expect(await elf(s, "EventType = 'Logout'")).toEqual([]);
    expect(s.sim.warnings).toContainEqual(expect.stringContaining('eventlogs/Logout/2024-01-07.csv'));
  });
});

describe('configurable publication', () => {
  const config = { hourlyDelayHours: { min: 1, max: 1 }, lateSequenceDelayHours: 2, createdDates: { 'Login/2024-01-07.csv': '2024-01-08T00:30:00Z' } };

  it('takes delays and pinned CreatedDates from org.json', async () => {
    const t = await startSim({ ...FILES, 'org.json': { ...ORG_JSON, eventLogPublication: config } }, { realNowMs: () => 0, tokenTtlMs: 400 * 24 * HOUR });
    try {
      t.sim.setNow(new Date('2024-01-09T00:00:00Z'));
      const created = (await elf(t, 'Sequence >= 0')).map((f) => `${f.EventType} ${f.LogDate.slice(0, 13)} ${f.Sequence} ${f.CreatedDate}`);
      expect(created).toEqual(
        expect.arrayContaining([
          'Login 2024-01-07T00 0 2024-01-08T00:30:00.000+0000',
          'API 2024-01-08T05 1 2024-01-08T07:00:00.000+0000',
          'API 2024-01-08T05 2 2024-01-08T09:00:00.000+0000',
          'API 2024-01-08T09 1 2024-01-08T11:00:00.000+0000',
        ]),
      );
    } finally {
      await t.sim.stop();
    }
  });

  it('lets simulator options override org.json field by field', async () => {
    const dir = writeFiles({ ...FILES, 'org.json': { ...ORG_JSON, eventLogPublication: config } });
    const sim = await OrgSimulator.load(dir, { packageDir: alertPackageDir(), eventLogPublication: { hourlyDelayHours: { min: 4, max: 4 } } });
    const created = sim.store.all('EventLogFile').map((r) => `${String(r['LogDate']).slice(0, 13)}.${String(r['Sequence'])} ${String(r['CreatedDate'])}`);
    expect(created).toContain('2024-01-08T05.2 2024-01-08T12:00:00.000+0000');
    expect(created).toContain('2024-01-07T00.0 2024-01-08T00:30:00.000+0000');
  });

  it('refuses pins Salesforce could not produce: before the period ends, or out of Sequence order', async () => {
    const pins = { 'API/2024-01-08T09.csv': '2024-01-08T09:59:00Z', 'API/2024-01-08T05.2.csv': '2024-01-08T06:30:00Z', 'API/2024-01-08T05.csv': '2024-01-08T07:00:00Z' };
    const dir = writeFiles({ ...FILES, 'org.json': { ...ORG_JSON, eventLogPublication: { createdDates: pins } } });
    const error = await OrgSimulator.load(dir, { packageDir: alertPackageDir() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as FixtureError).message).toMatch(/API\/2024-01-08T09\.csv.*not a datetime at or after the end/);
    expect((error as FixtureError).message).toMatch(/API\/2024-01-08T05\.2\.csv.*not after the lower Sequence/);
  });
});
