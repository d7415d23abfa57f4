import { ALICE, BOB, baseFiles, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

// 2,400 logins on 2024-01-01, three to a second (Salesforce stores LoginTime to the second), and
// ten recent ones on the morning of "now" (2024-01-08T12:00Z).
const BUSY = Array.from({ length: 2400 }, (_, i) => ({
  UserId: i % 2 ? ALICE : BOB, SourceIp: `198.51.100.${i % 250}`, Status: 'Success', LoginType: 'Application',
  LoginTime: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 1000).toISOString(),
}));
const RECENT = Array.from({ length: 10 }, (_, i) => ({
  UserId: ALICE, SourceIp: `203.0.113.${i + 1}`, Status: 'Success', LoginType: 'Application',
  LoginTime: new Date(Date.UTC(2024, 0, 8, 11, 10 + i * 5)).toISOString(),
}));

let s: StartedSim;

beforeAll(async () => {
  s = await startSim(baseFiles({ 'records/LoginHistory.json': [...BUSY, ...RECENT] }));
});
afterEach(() => s.sim.faults.clear());
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

interface Login {
  Id: string;
  LoginTime: string;
}

async function busyLogins(orderBy: string): Promise<Login[]> {
  const soql = `SELECT Id, LoginTime FROM LoginHistory WHERE LoginTime < 2024-01-02T00:00:00Z ORDER BY ${orderBy}`;
  return (await s.conn.query<Login>(soql, { autoFetch: true, maxFetch: 10_000 })).records;
}

const ids = (rows: Login[]) => rows.map((r) => r.Id);

describe('shuffle-ties', () => {
  it('reorders rows that tie on the ORDER BY fields, and only those', async () => {
    const plain = await busyLogins('LoginTime');
    s.sim.faults.add({ kind: 'shuffle-ties', sobjects: ['LoginHistory'] });
    const shuffled = await busyLogins('LoginTime');
    const again = await busyLogins('LoginTime');
    // ORDER BY still holds…
    expect(shuffled.map((r) => r.LoginTime)).toEqual(plain.map((r) => r.LoginTime));
    // …but rows sharing a second come in another order, and differ between executions.
    expect(ids(shuffled)).not.toEqual(ids(plain));
    expect(ids(again)).not.toEqual(ids(shuffled));
    expect(new Set(ids(shuffled))).toEqual(new Set(ids(plain)));
    // A unique key in ORDER BY leaves nothing to shuffle.
    const stable = await busyLogins('LoginTime, Id');
    s.sim.faults.clear();
    expect(ids(stable)).toEqual(ids(await busyLogins('LoginTime, Id')));
    expect(ids(stable)).not.toEqual(ids(shuffled));
  });

  it('shuffles the same way for the same seed in a new simulator', async () => {
    const faults = { seed: 'ties', rules: [{ kind: 'shuffle-ties' as const }] };
    s.sim.faults.configure(faults);
    const first = await busyLogins('LoginTime');
    const other = await startSim(baseFiles({ 'records/LoginHistory.json': [...BUSY, ...RECENT] }), { faults });
    try {
      const soql = `SELECT Id, LoginTime FROM LoginHistory WHERE LoginTime < 2024-01-02T00:00:00Z ORDER BY LoginTime`;
      expect(ids((await other.conn.query<Login>(soql, { autoFetch: true, maxFetch: 10_000 })).records)).toEqual(ids(first));
    } finally {
      await other.sim.stop();
    }
  });
});

describe('duplicate-records', () => {
  it('serves the last row of page 1 again at the start of page 2', async () => {
    s.sim.faults.add({ kind: 'duplicate-records', times: 1 });
    const result = await s.conn.query<Login>('SELECT Id, LoginTime FROM LoginHistory WHERE LoginTime < 2024-01-02T00:00:00Z ORDER BY LoginTime, Id', { autoFetch: true, maxFetch: 10_000 });
    expect(result.totalSize).toBe(2400);
    expect(result.records).toHaveLength(2401);
    expect(result.records[2000]?.Id).toBe(result.records[1999]?.Id);
    expect(new Set(ids(result.records)).size).toBe(2400);
    expect(s.sim.faults.records.map((r) => [r.route, r.detail])).toEqual([['query-more', { repeated: [result.records[1999]?.Id] }]]);
  });
});

describe('late-arrival', () => {
  // Before now: the test session's own sign-in (LoginHistory of its token, at now) is not one of the ten.
  const recent = async (after: string) => (await s.conn.query<Login>(`SELECT Id, LoginTime FROM LoginHistory WHERE LoginTime > ${after} AND LoginTime < 2024-01-08T12:00:00Z ORDER BY LoginTime, Id`)).records;

  it('shows some rows only after their delay, so a later poll meets rows older than ones already read', async () => {
    s.sim.faults.configure({ seed: 5, rules: [{ kind: 'late-arrival', delayMs: 45 * 60_000, probability: 0.5 }] });
    const firstPoll = await recent('2024-01-08T11:00:00Z');
    const [record] = s.sim.faults.records;
    const held = record?.detail['ids'] as string[];
    expect(held.length).toBeGreaterThan(0);
    const lastSeen = firstPoll.at(-1)?.LoginTime as string;
    s.sim.clock.advance(50 * 60_000);
    try {
      const later = await recent('2024-01-08T11:00:00Z');
      expect(later).toHaveLength(10);
      // The rule holds back rows of every poll, the token's own sign-in among them: count the ten.
      expect(firstPoll.length + held.filter((id) => later.some((r) => r.Id === id)).length).toBe(10);
      const arrivedLate = later.filter((r) => held.includes(r.Id));
      // At least one late row is older than the newest row the first poll saw: a `> lastSeen` cursor misses it.
      expect(arrivedLate.some((r) => r.LoginTime < lastSeen)).toBe(true);
    } finally {
      s.sim.clock.advance(-50 * 60_000);
    }
  });

  it('holds rows back from COUNT() too, and leaves other objects alone', async () => {
    s.sim.faults.add({ kind: 'late-arrival', delayMs: 30 * 24 * 3_600_000 });
    // Every login is less than 30 days old: all are still on their way.
    expect((await s.conn.query('SELECT COUNT() FROM LoginHistory')).totalSize).toBe(0);
    expect((await s.conn.query('SELECT Id FROM User')).totalSize).toBe(3);
    expect(s.sim.faults.records.map((r) => r.detail['sobject'])).toEqual(['LoginHistory']);
  });
});
