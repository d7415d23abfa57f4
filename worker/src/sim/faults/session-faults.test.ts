import { Connection } from 'jsforce';
import { baseFiles, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;

beforeAll(async () => {
  s = await startSim(baseFiles());
});
afterEach(() => {
  s.sim.faults.clear();
  s.sim.clearRequestLog();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

/** A connection that can refresh its session, as the worker's JWT / refresh-token connections can. */
function refreshingConnection(): { conn: Connection; refreshed: string[] } {
  const conn = new Connection({
    oauth2: { loginUrl: s.url, clientId: 'orgwarden' },
    instanceUrl: s.url,
    accessToken: s.sim.issueAccessToken(),
    refreshToken: s.sim.issueRefreshToken(),
    version: '62.0',
  });
  const refreshed: string[] = [];
  conn.on('refresh', (token: string) => refreshed.push(token));
  return { conn, refreshed };
}

describe('token expiry on demand', () => {
  it("expires the caller's session mid-run: jsforce gets 401, refreshes, and re-sends", async () => {
    const { conn, refreshed } = refreshingConnection();
    const before = conn.accessToken;
    s.sim.faults.add({ kind: 'expire-session', route: 'query', times: 1 });
    await expect(conn.query('SELECT Id FROM User')).resolves.toHaveProperty('totalSize', 3);
    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).not.toBe(before);
    expect(s.sim.requestLog.map((e) => [e.method, e.path.split('?')[0], e.status])).toEqual([
      ['GET', '/services/data/v62.0/query', 401],
      ['POST', '/services/oauth2/token', 200],
      ['GET', '/services/data/v62.0/query', 200],
    ]);
    expect(s.sim.faults.records.map((r) => r.detail)).toEqual([{ scope: 'caller', expired: 1 }]);
    // The old token is dead for good, as after a real timeout.
    expect((await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: String(before) })).status).toBe(401);
  });

  it('without a way to refresh, the client sees INVALID_SESSION_ID', async () => {
    const conn = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken(), version: '62.0' });
    s.sim.faults.add({ kind: 'expire-session', route: 'limits', times: 1 });
    await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('expires every session, or one user\'s, from the API', async () => {
    const admin = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken(), version: '62.0' });
    const alice = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken('alice@example.com'), version: '62.0' });
    expect(s.sim.faults.expireSessions({ username: 'alice@example.com' })).toBe(1);
    await expect(alice.limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    await expect(admin.limits()).resolves.toHaveProperty('DailyApiRequests');
    expect(s.sim.faults.expireSessions()).toBeGreaterThanOrEqual(1);
    await expect(admin.limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    expect(() => s.sim.faults.expireSessions({ username: 'nobody@example.com' })).toThrow('no user nobody@example.com');
  });
});

describe('quota exhaustion', () => {
  it('uses up the allocation mid-run: 403 REQUEST_LIMIT_EXCEEDED, freed again by setApiUsage', async () => {
    const conn = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken(), version: '62.0' });
    s.sim.faults.add({ kind: 'exhaust-quota', route: 'query', after: 1, times: 1 });
    await conn.query('SELECT Id FROM User');
    await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(conn.limitInfo.apiUsage).toEqual({ used: 15000, limit: 15000 });
    expect(s.sim.faults.records[0]?.detail).toMatchObject({ max: 15000, calls: expect.any(Number) });
    s.sim.setApiUsage(100);
    await expect(conn.query('SELECT Id FROM User')).resolves.toHaveProperty('totalSize', 3);
  });

  it('frees up as the rolling window moves on: the burst is other apps\' calls, older calls age out first', async () => {
    const conn = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken(), version: '62.0' });
    s.sim.setApiUsage(0);
    s.sim.clock.advance(-3_600_000);
    s.sim.setApiUsage(50); // made an hour ago
    s.sim.clock.advance(3_600_000);
    expect(s.sim.faults.exhaustApiQuota()).toBe(15000 - 50);
    await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    s.sim.clock.advance(23 * 3_600_000 + 60_000); // the hour-old calls age out, the burst does not yet
    try {
      await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' }); // and the session timed out
      const fresh = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken(), version: '62.0' });
      await expect(fresh.limits()).resolves.toHaveProperty('DailyApiRequests');
      expect(s.sim.apiUsage.used).toBe(15000 - 50 + 2); // the refused call counted too, as Salesforce counts failures
    } finally {
      s.sim.clock.advance(-(23 * 3_600_000 + 60_000));
      s.sim.setApiUsage(100);
    }
  });
});
