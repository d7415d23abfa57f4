/**
 * Replays real, published Salesforce data (testdata/samples, Apache-2.0, see PROVENANCE.md)
 * through the simulator and checks jsforce sees exactly what Salesforce returned.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from 'jsforce';
import { ADMIN, ORG_JSON, removeTempDirs, startSim, type StartedSim } from './sim-test-kit';

const SAMPLES = path.join(__dirname, '..', 'testdata', 'samples');
const loginHistory = JSON.parse(readFileSync(path.join(SAMPLES, 'cribl-loginhistory.json'), 'utf8')) as Array<Record<string, unknown>>;
const loginCsv = readFileSync(path.join(SAMPLES, 'newrelic-login_logs_sample.csv'));
const auditTrail = JSON.parse(readFileSync(path.join(SAMPLES, 'cribl-setupaudittrail.json'), 'utf8')) as Array<Record<string, unknown>>;

let s: StartedSim;
let conn: Connection;

beforeAll(async () => {
  s = await startSim({
    'org.json': { ...ORG_JSON, now: '2025-10-03T00:00:00Z' },
    'records/User.json': [{ Id: ADMIN, Username: 'admin@example.com', LastName: 'Admin', Email: 'admin@example.com', IsActive: true }],
    'records/LoginHistory.json': loginHistory,
    'records/SetupAuditTrail.json': auditTrail,
    'eventlogs/Login/2025-10-01T11.csv': loginCsv.toString('utf8'),
  });
  conn = new Connection({ instanceUrl: s.url, accessToken: s.token, version: '64.0' });
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

const FIELDS = ['Id', 'LoginTime', 'UserId', 'LoginType', 'Status', 'Platform', 'SourceIp', 'CountryIso', 'Browser', 'Application', 'ClientVersion', 'ApiVersion', 'LoginUrl'];

it('serves the Cribl LoginHistory records with the same fields and values', async () => {
  // Rows before now: the test token's own sign-in (at now) is the simulator's, not Cribl's.
  const result = await conn.query<Record<string, unknown>>(`SELECT ${FIELDS.join(', ')} FROM LoginHistory WHERE LoginTime < 2025-10-03T00:00:00Z`, { autoFetch: true });
  expect(result.totalSize).toBe(100);
  const byId = new Map(result.records.map((r) => [r['Id'], r]));
  for (const original of loginHistory) {
    const served = byId.get(original['Id']);
    expect(served?.['attributes']).toEqual({ type: 'LoginHistory', url: `/services/data/v64.0/sobjects/LoginHistory/${String(original['Id'])}` });
    const { attributes: _a, ...fields } = original;
    const { attributes: _b, ...servedFields } = served ?? {};
    expect(servedFields).toEqual(fields);
  }
});

it('publishes the New Relic Login CSV as an hourly EventLogFile and serves its bytes unchanged', async () => {
  const files = await conn.query<Record<string, unknown>>(`SELECT Id, EventType, Interval, Sequence, LogDate, LogFileLength, LogFileFieldNames, LogFile FROM EventLogFile`);
  expect(files.records).toHaveLength(1);
  const [file] = files.records;
  const header = loginCsv.toString('utf8').split('\n')[0]?.replace(/"/g, '');
  expect(file).toMatchObject({ EventType: 'Login', Interval: 'Hourly', Sequence: 1, LogDate: '2025-10-01T11:00:00.000+0000', LogFileLength: 4027, LogFileFieldNames: header });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    conn.request(String(file?.['LogFile'])).stream().on('data', (c: Buffer) => chunks.push(Buffer.from(c))).on('end', () => resolve()).on('error', reject);
  });
  expect(Buffer.concat(chunks).equals(loginCsv)).toBe(true);
});

it('serves the Cribl SetupAuditTrail records with the same fields and values', async () => {
  const fields = ['Id', 'CreatedById', 'DelegateUser', 'Action', 'Display', 'Section', 'CreatedDate'];
  const result = await conn.query<Record<string, unknown>>(`SELECT ${fields.join(', ')} FROM SetupAuditTrail ORDER BY CreatedDate, Id`, { autoFetch: true });
  expect(result.totalSize).toBe(auditTrail.length);
  const byId = new Map(result.records.map((r) => [r['Id'], r]));
  for (const { attributes: _a, ...original } of auditTrail) {
    const { attributes: _b, ...served } = byId.get(original['Id']) ?? {};
    expect(served).toEqual(original);
  }
});

describe('the 2015 API, BulkApi and RestApi files of Salesforce\'s own Logstash plugin (MIT)', () => {
  const files = {
    API: readFileSync(path.join(SAMPLES, 'logstash-api-2015-07-26.csv')),
    BulkApi: readFileSync(path.join(SAMPLES, 'logstash-bulkapi-2015-07-26.csv')),
    RestApi: readFileSync(path.join(SAMPLES, 'logstash-restapi-2015-07-26.csv')),
  };
  let old: StartedSim;
  let oldConn: Connection;

  beforeAll(async () => {
    old = await startSim({
      'org.json': { ...ORG_JSON, eventMonitoring: 'shield', now: '2015-07-27T12:00:00Z' },
      'records/User.json': [{ Id: ADMIN, Username: 'admin@example.com', LastName: 'Admin', Email: 'admin@example.com', IsActive: true }],
      ...Object.fromEntries(Object.entries(files).map(([type, csv]) => [`eventlogs/${type}/2015-07-26.csv`, csv.toString('utf8')])),
    });
    oldConn = new Connection({ instanceUrl: old.url, accessToken: old.token, version: '62.0' });
  });
  afterAll(() => old.sim.stop());

  it.each(Object.keys(files))('publishes %s as a daily file with its header as field names, and serves the bytes unchanged (triple quotes included)', async (type) => {
    const csv = files[type as keyof typeof files];
    const result = await oldConn.query<Record<string, unknown>>(`SELECT Id, Interval, Sequence, LogDate, LogFileLength, LogFileFieldNames, LogFile FROM EventLogFile WHERE EventType = '${type}'`);
    expect(result.records).toHaveLength(1);
    const [file] = result.records;
    expect(file).toMatchObject({
      Interval: 'Daily',
      Sequence: 0,
      LogDate: '2015-07-26T00:00:00.000+0000',
      LogFileLength: csv.length,
      LogFileFieldNames: csv.toString('utf8').split('\n')[0]?.replace(/"/g, ''),
    });
    const body = await oldConn.request<string>(String(file?.['LogFile']));
    expect(Buffer.from(body).equals(csv)).toBe(true);
  });
});
