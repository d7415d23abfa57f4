/**
 * Salesforce's file rules through the simulator (jsforce + OrgClient): a late Sequence repeating
 * rows, hourly and daily files of the same events, orgs with and without Event Monitoring.
 */
import { removeTempDirs } from '../../../sim/__tests__/sim-test-kit';
import { API_HEADER, apiRows, csv, openSimOrg, pass, requestIds, type SimOrg } from './elf-test-kit';

jest.setTimeout(20_000);

const LOGIN_HEADER = ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'USER_ID', 'LOGIN_STATUS', 'TIMESTAMP_DERIVED', 'USER_ID_DERIVED', 'SOURCE_IP'];
const login = (n: number, status = 'LOGIN_NO_ERROR') => ['Login', `2024010609${String(n).padStart(2, '0')}00.000`, `l${n}`, '0055g00000Alice', status, `2024-01-06T09:${String(n).padStart(2, '0')}:00.000Z`, '0055g00000AliceAAA', '198.51.100.7'];

let org: SimOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});
afterAll(() => removeTempDirs());

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `a${from + i}`);

describe('late Sequences', () => {
  const files = {
    'eventlogs/API/2024-01-07T10.csv': csv(API_HEADER, apiRows(1, 5)),
    // The late batch repeats a4 and a5 (Salesforce says it should not; consumers de-duplicate anyway).
    'eventlogs/API/2024-01-07T10.2.csv': csv(API_HEADER, apiRows(4, 7)),
  };
  const created = { 'API/2024-01-07T10.csv': '2024-01-07T14:00:00Z', 'API/2024-01-07T10.2.csv': '2024-01-08T02:00:00Z' };

  it('reads each row once when the late Sequence arrives in a later poll', async () => {
    org = await openSimOrg(files, {}, created);
    org.sim.setNow(new Date('2024-01-07T20:00:00Z'));
    const first = await pass(org, '2024-01-07T20:00:00Z');
    expect(requestIds(first.activities)).toEqual(ids(1, 5));

    org.sim.setNow(new Date('2024-01-08T12:00:00Z'));
    const second = await pass(org, '2024-01-08T12:00:00Z');
    expect(requestIds(second.activities)).toEqual(['a6', 'a7']);
    expect(second.result).toMatchObject({ records: 2, duplicates: 2, skipped: 0 });
    // Listing, the earlier Sequence's keys (query + download), the late file.
    expect(second.result.apiCalls).toBe(4);

    const third = await pass(org, '2024-01-08T13:00:00Z');
    expect(third.result).toMatchObject({ records: 0, duplicates: 0, apiCalls: 1 });
  });

  it('reads each row once when both Sequences come in the same poll', async () => {
    org = await openSimOrg(files, {}, created);
    const { result, activities } = await pass(org, '2024-01-08T12:00:00Z');
    expect(requestIds(activities)).toEqual(ids(1, 7));
    expect(result).toMatchObject({ records: 7, duplicates: 2 });
  });
});

describe('hourly and daily files', () => {
  it('a Shield org: hourly files only, the daily file of the same events is never read', async () => {
    org = await openSimOrg({
      'eventlogs/API/2024-01-07T10.csv': csv(API_HEADER, apiRows(1, 5)),
      'eventlogs/API/2024-01-07T11.csv': csv(API_HEADER, apiRows(3601, 3603)),
      'eventlogs/API/2024-01-07.csv': csv(API_HEADER, [...apiRows(1, 5), ...apiRows(3601, 3603)]),
    });
    const { result, activities } = await pass(org, '2024-01-08T12:00:00Z');
    expect(result).toMatchObject({ records: 8, duplicates: 0 });
    expect(new Set(requestIds(activities)).size).toBe(8);
    expect(result.apiCalls).toBe(3); // listing + two hourly downloads: the daily file is not downloaded
  });

  it('a Shield org, daily file first: the day waits until its hourly files can no longer appear', async () => {
    // Only a daily file for Jan 6 (the type had no hourly file that day), in an org that has hourly files.
    org = await openSimOrg({
      'eventlogs/API/2024-01-07T10.csv': csv(API_HEADER, apiRows(1, 2)),
      'eventlogs/Login/2024-01-06.csv': csv(LOGIN_HEADER, [login(1), login(2, 'LOGIN_ERROR_INVALID_PASSWORD')]),
    });
    const first = await pass(org, '2024-01-08T12:00:00Z');
    expect(requestIds(first.activities)).toEqual(['a1', 'a2']);

    // 72 h after Jan 6 ends no hourly Login file of that day can appear any more: the daily file is read.
    org.sim.setNow(new Date('2024-01-10T01:00:00Z'));
    const later = await pass(org, '2024-01-10T01:00:00Z');
    expect(later.activities.map((a) => [a.requestId, a.kind])).toEqual([['l1', 'login.success'], ['l2', 'login.failure']]);
    expect((await pass(org, '2024-01-10T02:00:00Z')).result.records).toBe(0);
  });

  it('a free org (no Event Monitoring): the daily files are read', async () => {
    org = await openSimOrg({ 'eventlogs/Login/2024-01-07.csv': csv(LOGIN_HEADER, [login(1), login(2), login(3, 'LOGIN_ERROR_INVALID_PASSWORD')].map((r) => r.map((v) => v.replace('20240106', '20240107').replace('2024-01-06', '2024-01-07')))) }, { eventMonitoring: 'free' });
    const { result, activities } = await pass(org, '2024-01-08T12:00:00Z');
    expect(result).toMatchObject({ records: 3, skipped: 0 });
    expect(activities.map((a) => a.kind)).toEqual(['login.success', 'login.success', 'login.failure']);
    expect(result.statuses).toEqual([expect.objectContaining({ source: 'EventLogFile', state: 'ok', detail: expect.stringMatching(/^daily files/) })]);
  });

  it('an org without EventLogFile access: the stream is skipped cleanly', async () => {
    org = await openSimOrg({}, { eventMonitoring: 'none' });
    const { result } = await pass(org, '2024-01-08T12:00:00Z');
    expect(result).toMatchObject({ records: 0, skipped: 0 });
    expect(result.statuses).toEqual([expect.objectContaining({ source: 'EventLogFile', state: 'not-available' })]);
  });

  it('a scan window: only rows inside it are read, whichever file carries them', async () => {
    org = await openSimOrg({ 'eventlogs/API/2024-01-07T10.csv': csv(API_HEADER, apiRows(1, 5)) });
    const { activities } = await pass(org, '2024-01-07T10:00:04Z', undefined, undefined, '2024-01-07T10:00:02Z');
    expect(requestIds(activities)).toEqual(['a2', 'a3']);
  });
});
