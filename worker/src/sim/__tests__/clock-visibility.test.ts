/**
 * A polling client sees records appear as the simulated clock passes their creation time
 * (LoginHistory by LoginTime, everything else by CreatedDate), whether the clock is set by a
 * test, moved through `/__sim/clock`, or runs accelerated.
 */
import { ALICE, baseFiles, rawFetch, removeTempDirs, startSim } from './sim-test-kit';

afterAll(removeTempDirs);

const POLL = "SELECT Id, LoginTime, SourceIp FROM LoginHistory WHERE LoginTime >= 2024-01-07T00:00:00Z ORDER BY LoginTime";
// The test token's own sign-in: Salesforce writes a LoginHistory row for every OAuth login, at now (12:00).
const OWN = '127.0.0.1';

describe('records become visible as the clock passes them', () => {
  it('shows a login to a poller only once the clock has passed its LoginTime', async () => {
    const s = await startSim(baseFiles(), { realNowMs: () => 0 });
    try {
      const first = await s.conn.query<{ SourceIp: string }>(POLL);
      expect(first.records.map((r) => r.SourceIp)).toEqual(['192.0.2.10', '198.51.100.7', '203.0.113.5', OWN]);
      s.sim.setNow(new Date('2024-01-08T12:59:59.999Z'));
      expect((await s.conn.query(POLL)).totalSize).toBe(4);
      s.sim.setNow(new Date('2024-01-08T13:00:00Z'));
      const second = await s.conn.query<{ SourceIp: string; LoginTime: string }>(POLL);
      expect(second.records.at(-1)).toMatchObject({ SourceIp: '192.0.2.11', LoginTime: '2024-01-08T13:00:00.000+0000' });
    } finally {
      await s.sim.stop();
    }
  });

  it('moves with POST /__sim/clock, by date or by advanceMs', async () => {
    const s = await startSim(baseFiles(), { realNowMs: () => 0 });
    try {
      const post = (body: unknown) => rawFetch(`${s.url}/__sim/clock`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      expect(await (await post({ advanceMs: 3_600_000 })).json()).toEqual({ now: '2024-01-08T13:00:00.000Z' });
      expect((await s.conn.query(POLL)).totalSize).toBe(5);
      // At 09:30 the token's sign-in (12:00) has not happened yet either.
      await post({ now: '2024-01-08T09:30:00Z' });
      expect((await s.conn.query(POLL)).totalSize).toBe(2);
      expect((await post({ advanceMs: 'soon' })).status).toBe(400);
    } finally {
      await s.sim.stop();
    }
  });

  it('runs accelerated with clockRate: a simulated hour in a real minute', async () => {
    let real = 0;
    const files = baseFiles({
      'records/SetupAuditTrail.json': [
        { Action: 'PermSetAssign', Section: 'Manage Users', Display: 'Assigned permission set', CreatedById: ALICE, CreatedDate: '2024-01-08T12:30:00.000+0000' },
      ],
    });
    const s = await startSim(files, { clockRate: 60, realNowMs: () => real });
    try {
      const audit = 'SELECT Action, CreatedDate FROM SetupAuditTrail';
      expect((await s.conn.query(audit)).totalSize).toBe(0);
      real += 29_000;
      expect((await s.conn.query(audit)).totalSize).toBe(0);
      real += 1_000;
      expect((await s.conn.query(audit)).records).toEqual([expect.objectContaining({ Action: 'PermSetAssign' })]);
    } finally {
      await s.sim.stop();
    }
  });
});
