/**
 * The daily allocation as clients see it (`Sforce-Limit-Info`, `/limits`): a rolling 24 h window
 * of simulated time, shared with the org's other apps. The real clock is frozen so only the
 * simulated one moves (sessions last a year so days can pass).
 */
import { Connection } from 'jsforce';
import { baseFiles, ORG_JSON, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

const HOUR = 3_600_000;
let s: StartedSim;

beforeAll(async () => {
  s = await startSim(baseFiles({ 'org.json': { ...ORG_JSON, apiRequests: { max: 15_000, used: 1_440, otherAppsCallsPerHour: 60 } } }), { realNowMs: () => 0, tokenTtlMs: 365 * 24 * HOUR });
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

async function admin(name: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const res = await rawFetch(`${s.url}/__sim/${name}`, init);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('API usage over simulated time', () => {
  it('reports the org.json usage, made over the previous 24 h, then frees it as the clock moves', async () => {
    const limits = await s.conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 15_000, Remaining: 15_000 - 1_441 });
    await admin('clock', { advanceMs: 6 * HOUR });
    await s.conn.query('SELECT Id FROM User');
    // 360 of the initial calls aged out, other apps made 360 calls (60 an hour), we made 2.
    expect(s.conn.limitInfo).toEqual({ apiUsage: { used: 1_440 - 360 + 360 + 2, limit: 15_000 } });
    await admin('clock', { advanceMs: 24 * HOUR });
    const later = await s.conn.limits();
    // Only the last 24 h count: other apps' 1,440 calls and nothing of ours.
    expect(later.DailyApiRequests?.Remaining).toBe(15_000 - 1_440 - 1);
  });

  it('lets a second client see the calls of every app in the org', async () => {
    const other = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken(), version: '62.0' });
    await s.conn.query('SELECT Id FROM User');
    const before = s.conn.limitInfo.apiUsage?.used ?? 0;
    await other.query('SELECT Id FROM User');
    const burst = await admin('api-usage', { burst: 500 });
    expect(burst.json).toMatchObject({ burstAccepted: 500, otherAppsCallsPerHour: 60 });
    await s.conn.query('SELECT Id FROM User');
    expect(s.conn.limitInfo.apiUsage?.used).toBe(before + 1 + 500 + 1);
  });

  it('refuses everyone once other apps have used the allocation up', async () => {
    s.sim.setApiUsage(14_990);
    expect(s.sim.burstOtherAppCalls(50)).toBe(10);
    await expect(s.conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    s.sim.setOtherAppsRate(0);
    await admin('clock', { advanceMs: 24 * HOUR });
    await expect(s.conn.query('SELECT Id FROM User')).resolves.toMatchObject({ totalSize: 3 });
  });

  it('steers the other apps and the allocation through /__sim/api-usage', async () => {
    expect((await admin('api-usage', { otherAppsCallsPerHour: 120, max: 20_000 })).json).toMatchObject({ max: 20_000, otherAppsCallsPerHour: 120 });
    const used = (await admin('api-usage')).json['used'] as number;
    await admin('clock', { advanceMs: HOUR });
    expect((await admin('api-usage')).json['used']).toBe(used + 120);
    for (const bad of [{}, { burst: -1 }, { otherAppsCallsPerHour: 'fast' }, { max: 0 }]) {
      const res = await admin('api-usage', bad);
      expect(res.status).toBe(400);
    }
  });
});
