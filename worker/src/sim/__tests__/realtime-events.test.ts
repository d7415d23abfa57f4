/**
 * Real-Time Event Monitoring storage through jsforce: what a monitor polling LoginEvent and the
 * Threat Detection stores would meet — the licence, the index rules of big objects, the empty
 * ids, late storage, six months of data, and read-only objects.
 */
import { ALICE, ADMIN, baseFiles, ORG_JSON, rawFetch, removeTempDirs, startSim, type StartedSim } from './sim-test-kit';

const DAY = 24 * 3_600_000;

// LoginEvent rows as the REST API returns them (big objects answer the empty id), newest last.
const LOGIN_EVENTS = [
  { attributes: { type: 'LoginEvent' }, Id: '000000000000000AAA', EventDate: '2024-01-07T08:00:00.412+0000', CreatedDate: '2024-01-07T08:00:03.000+0000', EventIdentifier: 'c1a0e5d2-0000-4000-a000-000000000001', UserId: ALICE, Username: 'alice@example.com', SourceIp: '192.0.2.10', Status: 'Success', LoginType: 'Application', LoginKey: 'kKkKkKkKkKkKkKk1' },
  { attributes: { type: 'LoginEvent' }, Id: '000000000000000AAA', EventDate: '2024-01-07T09:00:00.000+0000', EventIdentifier: 'c1a0e5d2-0000-4000-a000-000000000002', UserId: ALICE, Username: 'alice@example.com', SourceIp: '198.51.100.7', Status: 'Invalid Password', LoginType: 'Application' },
  { attributes: { type: 'LoginEvent' }, Id: '000000000000000AAA', EventDate: '2024-01-08T11:59:58.000+0000', CreatedDate: '2024-01-08T12:00:05.000+0000', EventIdentifier: 'c1a0e5d2-0000-4000-a000-000000000003', UserId: ADMIN, Username: 'admin@example.com', SourceIp: '203.0.113.5', Status: 'Success', LoginType: 'Remote Access 2.0' },
];
const HIJACK = { EventDate: '2024-01-07T10:00:00.000+0000', CreatedDate: '2024-01-07T10:06:00.000+0000', EventIdentifier: 'c1a0e5d2-0000-4000-a000-0000000000ff', UserId: ALICE, Username: 'alice@example.com', SourceIp: '203.0.113.77', CurrentIp: '203.0.113.77', PreviousIp: '192.0.2.10', Score: 0.97 };

function files(eventMonitoring: string) {
  return baseFiles({
    'org.json': { ...ORG_JSON, eventMonitoring },
    'records/LoginEvent.json': LOGIN_EVENTS,
    'records/SessionHijackingEventStore.json': [HIJACK],
  });
}

interface LoginEventRow {
  Id: string;
  EventDate: string;
  EventIdentifier: string;
  SourceIp: string;
}

afterAll(removeTempDirs);

describe('Real-Time Event Monitoring with Shield', () => {
  let s: StartedSim;
  beforeAll(async () => {
    s = await startSim(files('shield'), { realNowMs: () => 0, tokenTtlMs: 400 * DAY });
  });
  afterAll(() => s.sim.stop());

  it('answers a LoginEvent query by EventDate with the sign-ins stored by now, newest first, ids empty', async () => {
    const { records } = await s.conn.query<LoginEventRow>('SELECT Id, EventDate, EventIdentifier, SourceIp FROM LoginEvent WHERE EventDate > 2024-01-07T00:00:00Z');
    // The third sign-in happened at 11:59:58 but is stored at 12:00:05, after the clock (12:00:00).
    expect(records.map((r) => r.SourceIp)).toEqual(['198.51.100.7', '192.0.2.10']);
    expect(records.map((r) => r.Id)).toEqual(['000000000000000AAA', '000000000000000AAA']);
    s.sim.setNow(new Date('2024-01-08T12:00:05Z'));
    const later = await s.conn.query<LoginEventRow>('SELECT EventIdentifier, SourceIp FROM LoginEvent WHERE EventDate > 2024-01-07T00:00:00Z ORDER BY EventDate DESC');
    expect(later.records.map((r) => r.SourceIp)).toEqual(['203.0.113.5', '198.51.100.7', '192.0.2.10']);
  });

  it('refuses filters off the index with the errors Salesforce sends', async () => {
    await expect(s.conn.query("SELECT Id FROM LoginEvent WHERE Status = 'Success'")).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(s.conn.query("SELECT Id FROM LoginEvent WHERE EventIdentifier = 'x'")).rejects.toMatchObject({ errorCode: 'BIG_OBJECT_UNSUPPORTED_OPERATION' });
    await expect(s.conn.query('SELECT Id FROM LoginEvent ORDER BY EventDate ASC')).rejects.toMatchObject({ errorCode: 'BIG_OBJECT_UNSUPPORTED_OPERATION' });
    await expect(s.conn.query('SELECT COUNT() FROM LoginEvent')).rejects.toMatchObject({ errorCode: 'BIG_OBJECT_UNSUPPORTED_OPERATION', message: expect.stringContaining('Aggregate functions not supported') });
  });

  it('serves a Threat Detection store as a standard object: real ids, any filter', async () => {
    const { records } = await s.conn.query<{ Id: string; CurrentIp: string; PreviousIp: string }>(`SELECT Id, CurrentIp, PreviousIp FROM SessionHijackingEventStore WHERE UserId = '${ALICE}' AND Score >= 0.8`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ CurrentIp: '203.0.113.77', PreviousIp: '192.0.2.10' });
    expect(records[0]?.Id).toMatch(/^Z1S[0-9A-Za-z]{15}$/);
  });

  it('keeps six months of events', async () => {
    s.sim.setNow(new Date('2024-07-07T08:30:00Z'));
    const { records } = await s.conn.query<LoginEventRow>('SELECT SourceIp FROM LoginEvent WHERE EventDate < 2024-02-01T00:00:00Z');
    expect(records.map((r) => r.SourceIp)).toEqual(['203.0.113.5', '198.51.100.7']);
    expect((await s.conn.query('SELECT Id FROM SessionHijackingEventStore')).totalSize).toBe(1);
    s.sim.setNow(new Date('2024-07-08T12:00:00Z'));
    expect((await s.conn.query('SELECT Id FROM LoginEvent')).totalSize).toBe(0);
    expect((await s.conn.query('SELECT Id FROM SessionHijackingEventStore')).totalSize).toBe(0);
    s.sim.setNow(new Date('2024-01-08T12:00:00Z'));
  });

  it('is read-only: describe and query, no writes', async () => {
    expect(await s.conn.sobject('LoginEvent').describe()).toMatchObject({ name: 'LoginEvent', queryable: true, createable: false, retrieveable: false });
    await expect(s.conn.sobject('LoginEvent').create({ EventIdentifier: 'x' })).rejects.toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED' });
    const collection = await rawFetch(`${s.url}/services/data/v62.0/composite/sobjects`, {
      method: 'POST', token: s.token, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, records: [{ attributes: { type: 'SessionHijackingEventStore' }, EventIdentifier: 'x' }] }),
    });
    expect(await collection.json()).toEqual([expect.objectContaining({ success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_TYPE_FOR_OPERATION' })] })]);
  });
});

describe('Real-Time Event Monitoring without Shield', () => {
  it('has no such objects: INVALID_TYPE, and the fixture records are set aside with a warning', async () => {
    const s = await startSim(files('free'), { realNowMs: () => 0 });
    try {
      await expect(s.conn.query('SELECT Id FROM LoginEvent WHERE EventDate > 2024-01-01T00:00:00Z')).rejects.toMatchObject({
        errorCode: 'INVALID_TYPE', message: expect.stringContaining("sObject type 'LoginEvent' is not supported"),
      });
      await expect(s.conn.query('SELECT Id FROM SessionHijackingEventStore')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
      expect((await s.conn.describeGlobal()).sobjects.map((o) => o.name)).not.toContain('ApiEvent');
      expect(s.sim.warnings).toEqual(expect.arrayContaining([expect.stringContaining('records/LoginEvent.json ignored')]));
    } finally {
      await s.sim.stop();
    }
  });
});
