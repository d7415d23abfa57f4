/**
 * What the org's Event Monitoring licence (org.json `eventMonitoring`) exposes, and for how long:
 * shield — hourly and daily files of every type, 30 days after CreatedDate; free — daily files of
 * the free types, 1 day; none — no EventLogFile object at all (INVALID_TYPE).
 */
import { baseFiles, ORG_JSON, rawFetch, removeTempDirs, startSim, type FixtureFiles, type StartedSim } from '../__tests__/sim-test-kit';
import { dateTimeMs } from '../sf-datetime';

const DAY = 24 * 3_600_000;
const LOGIN = '"EVENT_TYPE","TIMESTAMP","USER_ID","LOGIN_STATUS"\n"Login","20240107100500.000","0055g00000Alice","LOGIN_NO_ERROR"\n';
const API = '"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID"\n"API","20240107101500.000","4a","0055g00000Alice"\n';

function org(eventMonitoring: string): FixtureFiles {
  const base = Object.fromEntries(Object.entries(baseFiles()).filter(([rel]) => !rel.startsWith('eventlogs/')));
  return {
    ...base,
    'org.json': { ...ORG_JSON, eventMonitoring },
    'eventlogs/Login/2024-01-07.csv': LOGIN,
    'eventlogs/Login/2024-01-07T10.csv': LOGIN,
    'eventlogs/API/2024-01-07.csv': API,
    'eventlogs/API/2024-01-07T10.csv': API,
  };
}

interface Elf {
  Id: string;
  EventType: string;
  Interval: string;
  CreatedDate: string;
}

async function files(s: StartedSim): Promise<string[]> {
  const rows = (await s.conn.query<Elf>('SELECT Id, EventType, Interval, CreatedDate FROM EventLogFile')).records;
  return rows.map((r) => `${r.EventType} ${r.Interval}`).sort();
}

async function download(s: StartedSim, id: string): Promise<number> {
  return (await rawFetch(`${s.url}/services/data/v62.0/sobjects/EventLogFile/${id}/LogFile`, { token: s.token })).status;
}

afterAll(removeTempDirs);

async function withOrg(eventMonitoring: string, test: (s: StartedSim) => Promise<void>): Promise<void> {
  const s = await startSim(org(eventMonitoring), { realNowMs: () => 0, tokenTtlMs: 400 * DAY });
  try {
    await test(s);
  } finally {
    await s.sim.stop();
  }
}

describe('Event Monitoring licences', () => {
  it('shield: hourly and daily files of every type, purged 30 days after CreatedDate', () =>
    withOrg('shield', async (s) => {
      expect(await files(s)).toEqual(['API Daily', 'API Hourly', 'Login Daily', 'Login Hourly']);
      const [daily] = (await s.conn.query<Elf>("SELECT Id, CreatedDate FROM EventLogFile WHERE EventType = 'API' AND Interval = 'Daily'")).records;
      const purgeAt = (dateTimeMs(daily?.CreatedDate) as number) + 30 * DAY;
      s.sim.setNow(new Date(purgeAt - 1));
      expect(await download(s, String(daily?.Id))).toBe(200);
      s.sim.setNow(new Date(purgeAt));
      expect(await files(s)).not.toContain('API Daily');
      const all = await s.conn.query("SELECT Id FROM EventLogFile WHERE Interval = 'Daily' AND EventType = 'API'", { scanAll: true });
      expect(all.totalSize).toBe(0);
      expect(await download(s, String(daily?.Id))).toBe(404);
    }));

  it('free: only daily files of the free types, purged 1 day after CreatedDate', () =>
    withOrg('free', async (s) => {
      expect(await files(s)).toEqual(['Login Daily']);
      expect(s.sim.warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/hourly log file\(s\) not served/), expect.stringMatching(/licensed event types not served/)]),
      );
      const [login] = (await s.conn.query<Elf>('SELECT Id, CreatedDate FROM EventLogFile')).records;
      const purgeAt = (dateTimeMs(login?.CreatedDate) as number) + DAY;
      s.sim.setNow(new Date(purgeAt - 1));
      expect(await download(s, String(login?.Id))).toBe(200);
      s.sim.setNow(new Date(purgeAt));
      expect(await files(s)).toEqual([]);
      expect(await download(s, String(login?.Id))).toBe(404);
    }));

  it('none: the org has no EventLogFile object, so a query is INVALID_TYPE', () =>
    withOrg('none', async (s) => {
      await expect(s.conn.query('SELECT Id FROM EventLogFile')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
      const describe = await rawFetch(`${s.url}/services/data/v62.0/sobjects/EventLogFile/describe`, { token: s.token });
      expect(describe.status).toBe(404);
    }));
});
