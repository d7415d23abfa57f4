/**
 * A generated org is a valid fixture: the simulator loads it (its loader rejects unknown fields
 * and objects) and serves it to jsforce — the generated sign-ins come back from a LoginHistory
 * query and, in real time, from LoginEvent; the event log files are listed as EventLogFile
 * records; each planted threat event agrees with its label.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
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
    const served = (await conn.query<{ Id: string; SourceIp: string; LoginGeo: { CountryIso: string } | null }>(soql, { autoFetch: true, maxFetch: 100_000 })).records;
    // Every OAuth login has its LoginHistory row too: the test connection's own is not a generated one.
    const own = new Set((await conn.query<{ LoginHistoryId: string }>('SELECT LoginHistoryId FROM AuthSession WHERE IsCurrent = true')).records.map((r) => r.LoginHistoryId));
    const all = served.filter((r) => !own.has(r.Id));
    expect(own.size).toBe(1);
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

  it('answers a LoginEvent query by EventDate with the generated sign-ins of that window', async () => {
    const from = Date.parse('2026-11-05T00:00:00Z');
    const to = Date.parse('2026-11-06T00:00:00Z');
    const inWindow = readRecords(dir, 'LoginHistory').filter((h) => Date.parse(String(h['LoginTime']).replace('+0000', 'Z')) >= from && Date.parse(String(h['LoginTime']).replace('+0000', 'Z')) < to);
    const soql = 'SELECT EventDate, UserId, SourceIp, Status, LoginHistoryId FROM LoginEvent WHERE EventDate >= 2026-11-05T00:00:00Z AND EventDate < 2026-11-06T00:00:00Z ORDER BY EventDate DESC';
    const events = (await conn.query<{ EventDate: string; UserId: string; SourceIp: string; Status: string; LoginHistoryId: string }>(soql, { autoFetch: true, maxFetch: 100_000 })).records;
    expect(events.length).toBe(inWindow.length);
    expect(events.length).toBeGreaterThan(10);
    const byId = new Map(inWindow.map((h) => [h['Id'], h]));
    for (const e of events) expect([e.UserId, e.SourceIp, e.Status]).toEqual([byId.get(e.LoginHistoryId)?.['UserId'], byId.get(e.LoginHistoryId)?.['SourceIp'], byId.get(e.LoginHistoryId)?.['Status']]);
    const times = events.map((e) => Date.parse(e.EventDate.replace('+0000', 'Z')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('serves each planted threat event with the user, address and time of its label', async () => {
    type Label = { user: { id: string } | null; ip: string | null; from: string; to: string; realtimeEvent: { object: string; id: string } | null };
    const labels = (JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { attacks: Label[] }).attacks.filter((a) => a.realtimeEvent);
    expect(labels.length).toBe(4);
    for (const label of labels) {
      const { object, id } = label.realtimeEvent!;
      const [row] = (await conn.query<{ UserId: string; SourceIp: string; EventDate: string }>(`SELECT UserId, SourceIp, EventDate FROM ${object} WHERE Id = '${id}'`)).records;
      const at = Date.parse(String(row?.EventDate).replace('+0000', 'Z'));
      expect(at).toBeGreaterThanOrEqual(Date.parse(label.from) - 15 * 60_000);
      expect(at).toBeLessThanOrEqual(Date.parse(label.to) + 15 * 60_000);
      if (label.user) expect(row?.UserId).toBe(label.user.id);
      if (label.ip) expect(row?.SourceIp).toBe(label.ip);
    }
  });
});
