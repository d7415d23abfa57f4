/**
 * A generated org is a valid fixture: the simulator loads it (its loader rejects unknown fields
 * and objects) and serves it to jsforce — the generated sign-ins come back from a LoginHistory
 * query, and the event log files are listed as EventLogFile records.
 */
import { Connection } from 'jsforce';
import { OrgSimulator } from '../../index';
import { generateTemp, readRecords, removeGenerated } from './generated-org';

// jsforce sends every request through a configured proxy, 127.0.0.1 included.
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

afterAll(removeGenerated);

describe('a generated org in the simulator', () => {
  let sim: OrgSimulator;
  let conn: Connection;
  let dir: string;

  beforeAll(async () => {
    dir = generateTemp({ seed: 'sim-load' }).dir;
    sim = await OrgSimulator.load(dir);
    const { url } = await sim.start({ port: 0 });
    conn = new Connection({ instanceUrl: url, accessToken: sim.issueAccessToken(), version: '62.0' });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('loads without warnings', () => {
    expect(sim.warnings).toEqual([]);
  });

  it('returns the generated sign-ins with their LoginGeo through jsforce', async () => {
    const written = readRecords(dir, 'LoginHistory');
    const soql = 'SELECT Id, SourceIp, LoginGeo.CountryIso FROM LoginHistory';
    const all = (await conn.query<{ Id: string; SourceIp: string; LoginGeo: { CountryIso: string } | null }>(soql, { autoFetch: true, maxFetch: 100_000 })).records;
    expect(all.length).toBe(written.length);
    const byId = new Map(written.map((r) => [r['Id'], r]));
    for (const row of all) {
      expect(byId.get(row.Id)?.['SourceIp']).toBe(row.SourceIp);
      expect(row.LoginGeo?.CountryIso).toBe(byId.get(row.Id)?.['CountryIso']);
    }
  });

  it('hides deleted files from query and shows them to queryAll, as the recycle bin does', async () => {
    const deleted = readRecords(dir, 'ContentDocument').filter((d) => d['IsDeleted'] === true);
    expect(deleted.length).toBeGreaterThanOrEqual(60);
    const live = (await conn.query<{ Id: string }>('SELECT Id FROM ContentDocument', { autoFetch: true, maxFetch: 100_000 })).records;
    const all = (await conn.query<{ Id: string; IsDeleted: boolean }>('SELECT Id, IsDeleted FROM ContentDocument', { scanAll: true, autoFetch: true, maxFetch: 100_000 })).records;
    expect(all.length - live.length).toBe(deleted.length);
    expect(all.filter((d) => d.IsDeleted).map((d) => d.Id).sort()).toEqual(deleted.map((d) => String(d['Id'])).sort());
  });

  it('lists hourly and daily event log files and serves their bodies', async () => {
    const soql = "SELECT Id, EventType, Interval FROM EventLogFile WHERE EventType = 'Login'";
    const files = (await conn.query<{ Id: string; EventType: string; Interval: string }>(soql, { autoFetch: true, maxFetch: 10_000 })).records;
    expect(new Set(files.map((f) => f.Interval))).toEqual(new Set(['Daily', 'Hourly']));
    const body = await conn.request<string>(`/services/data/v62.0/sobjects/EventLogFile/${files[0]!.Id}/LogFile`);
    expect(String(body)).toMatch(/^"EVENT_TYPE","TIMESTAMP","REQUEST_ID"/);
  });
});
