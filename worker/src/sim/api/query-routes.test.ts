import { Connection } from 'jsforce';
import { ALICE, baseFiles, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

const MANY = 2500;
let s: StartedSim;

beforeAll(async () => {
  const logins = Array.from({ length: MANY }, (_, i) => ({
    UserId: ALICE, SourceIp: `198.51.100.${i % 250}`, Status: 'Success', LoginType: 'Application',
    LoginTime: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  }));
  s = await startSim(baseFiles({ 'records/LoginHistory.json': logins }));
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

// Before now: the token's own sign-in (a LoginHistory row at now) is not one of the MANY.
const SOQL = 'SELECT Id, SourceIp, LoginTime FROM LoginHistory WHERE LoginTime < 2024-01-08T00:00:00Z ORDER BY LoginTime';

describe('query paging', () => {
  it('returns 2000 rows, then the rest through nextRecordsUrl, totalSize always the whole result', async () => {
    const first = await s.conn.query(SOQL);
    expect(first).toMatchObject({ totalSize: MANY, done: false });
    expect(first.records).toHaveLength(2000);
    const locator = String(first.nextRecordsUrl).split('/').pop();
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g[a-zA-Z0-9]{15}-2000$/);
    const second = await s.conn.queryMore(String(locator));
    expect(second).toMatchObject({ totalSize: MANY, done: true });
    expect(second.records).toHaveLength(MANY - 2000);
    expect(second.records[0]).toMatchObject({ attributes: { type: 'LoginHistory' }, SourceIp: '198.51.100.0' });
  });

  it('leaves nextRecordsUrl out once done (raw response)', async () => {
    const q = encodeURIComponent('SELECT Id FROM User');
    const body = (await (await rawFetch(`${s.url}/services/data/v62.0/query?q=${q}`, { token: s.token })).json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['totalSize', 'done', 'records']);
    expect(body['done']).toBe(true);
  });

  it('honours Sforce-Query-Options batchSize on every page', async () => {
    s.sim.clearRequestLog();
    const headers = { 'Sforce-Query-Options': 'batchSize=500' };
    const all = await s.conn.query(SOQL, { autoFetch: true, maxFetch: 10_000, headers } as never);
    expect(all.records).toHaveLength(MANY);
    const calls = s.sim.requestLog.filter((e) => e.path.includes('/query'));
    expect(calls).toHaveLength(5);
    for (const call of calls) expect(call.headers['sforce-query-options']).toBe('batchSize=500');
  });

  it('serves a locator to any API version (jsforce rebuilds the URL with its own version)', async () => {
    const first = await s.conn.query(SOQL);
    const older = new Connection({ instanceUrl: s.url, accessToken: s.token, version: '55.0' });
    const next = await older.queryMore(String(first.nextRecordsUrl).split('/').pop() as string);
    expect(next.records).toHaveLength(MANY - 2000);
  });

  it('expires a locator after 15 minutes idle: 400 INVALID_QUERY_LOCATOR', async () => {
    const first = await s.conn.query(SOQL);
    s.sim.clock.advance(16 * 60_000);
    try {
      await expect(s.conn.queryMore(String(first.nextRecordsUrl).split('/').pop() as string)).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
      await expect(s.conn.queryMore('01gNOTALOCATOR')).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    } finally {
      s.sim.clock.advance(-16 * 60_000);
    }
  });
});

describe('query results', () => {
  it('answers COUNT() with totalSize and no records', async () => {
    expect(await s.conn.query('SELECT COUNT() FROM User')).toEqual({ totalSize: 3, done: true, records: [] });
  });

  it('shows soft-deleted rows to queryAll only', async () => {
    const created = await s.conn.sobject('Warden_Alert__c').create({ Name: 'to delete', Alert_Key__c: 'k-del' });
    await s.conn.sobject('Warden_Alert__c').destroy(String(created.id));
    const soql = `SELECT Id, IsDeleted FROM Warden_Alert__c WHERE Alert_Key__c = 'k-del'`;
    expect((await s.conn.query(soql)).totalSize).toBe(0);
    const all = await s.conn.query(soql, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
    expect(s.sim.requestLog.at(-1)?.path).toMatch(/^\/services\/data\/v62\.0\/queryAll\?q=/);
  });

  it('only shows records whose time has come on the simulated clock', async () => {
    const soql = `SELECT Id FROM EventLogFile WHERE EventType = 'API'`;
    const now = s.sim.clock.now();
    s.sim.setNow(new Date('2024-01-07T12:00:00Z')); // before the hourly files are published
    try {
      expect((await s.conn.query(soql)).totalSize).toBe(0);
      s.sim.setNow(new Date('2024-01-08T00:00:00Z'));
      expect((await s.conn.query(soql)).totalSize).toBe(2);
    } finally {
      s.sim.setNow(now);
    }
  });

  it('shows EventLogFile.LogFile as the blob URL in the request version', async () => {
    const conn = new Connection({ instanceUrl: s.url, accessToken: s.token, version: '58.0' });
    const result = await conn.query<{ Id: string; LogFile: string }>(`SELECT Id, LogFile FROM EventLogFile WHERE Interval = 'Daily'`);
    const [file] = result.records;
    expect(file?.LogFile).toBe(`/services/data/v58.0/sobjects/EventLogFile/${file?.Id}/LogFile`);
  });

  it('turns SOQL errors into 400s with the engine error code', async () => {
    await expect(s.conn.query('SELECT Id FRM User')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(s.conn.query('SELECT Nope FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    const res = await rawFetch(`${s.url}/services/data/v62.0/query`, { token: s.token });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' }]);
  });
});
