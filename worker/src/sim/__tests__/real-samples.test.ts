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

let s: StartedSim;
let conn: Connection;

beforeAll(async () => {
  s = await startSim({
    'org.json': { ...ORG_JSON, now: '2025-10-03T00:00:00Z' },
    'records/User.json': [{ Id: ADMIN, Username: 'admin@example.com', LastName: 'Admin', Email: 'admin@example.com', IsActive: true }],
    'records/LoginHistory.json': loginHistory,
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
  const result = await conn.query<Record<string, unknown>>(`SELECT ${FIELDS.join(', ')} FROM LoginHistory`, { autoFetch: true });
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
