import { ADMIN, ORG_ID, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;

beforeAll(async () => {
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});
beforeEach(() => s.sim.setApiUsage(100, 15000));

describe('API allocation', () => {
  it('reports DailyApiRequests and the usual limit keys from /limits', async () => {
    const limits = await s.conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 15000, Remaining: 15000 - 101 });
    expect(limits).toHaveProperty('DailyBulkApiBatches.Max');
    expect(limits).toHaveProperty('SingleEmail.Remaining');
    expect(s.conn.limitInfo).toEqual({ apiUsage: { used: 101, limit: 15000 } });
  });

  it('counts every call, failed ones included, and says so in Sforce-Limit-Info', async () => {
    const notFound = await rawFetch(`${s.url}/services/data/v62.0/nothing-here`, { token: s.token });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('sforce-limit-info')).toBe('api-usage=101/15000');
    const badToken = await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: 'nope' });
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('sforce-limit-info')).toBe('api-usage=102/15000');
    expect(s.sim.apiUsage).toEqual({ used: 102, max: 15000 });
  });

  it('does not count the unauthenticated versions list', async () => {
    const res = await rawFetch(`${s.url}/services/data`);
    expect(res.headers.get('sforce-limit-info')).toBeNull();
    expect(s.sim.apiUsage.used).toBe(100);
  });

  it('refuses calls with 403 REQUEST_LIMIT_EXCEEDED once used up, until usage is freed', async () => {
    s.sim.setApiUsage(15000);
    await expect(s.conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
    const res = await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: s.token });
    expect(res.status).toBe(403);
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=15000/15000');
    const freed = await rawFetch(`${s.url}/__sim/api-usage`, { method: 'POST', body: JSON.stringify({ used: 10 }), headers: { 'content-type': 'application/json' } });
    expect(await freed.json()).toEqual({ used: 10, max: 15000 });
    await expect(s.conn.query('SELECT Id FROM User')).resolves.toMatchObject({ totalSize: 3 });
    expect(s.sim.apiUsage.used).toBe(11);
  });
});

describe('versions and resources', () => {
  it('lists versions 50.0 to 66.0 with release labels, newest last', async () => {
    const versions = (await (await rawFetch(`${s.url}/services/data`)).json()) as Array<{ version: string; label: string; url: string }>;
    expect(versions[0]).toEqual({ label: "Winter '21", url: '/services/data/v50.0', version: '50.0' });
    expect(versions.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
    expect(versions.find((v) => v.version === '62.0')?.label).toBe("Winter '25");
    expect(versions).toHaveLength(17);
  });

  it('serves the resources of a version, 404 for versions it does not have', async () => {
    const resources = await s.conn.request<Record<string, string>>('/services/data/v62.0/');
    expect(resources).toMatchObject({ query: '/services/data/v62.0/query', sobjects: '/services/data/v62.0/sobjects', identity: `${s.url}/id/${ORG_ID}/${ADMIN}` });
    for (const v of ['v49.0', 'v67.0', 'v62.5', 'latest']) {
      const res = await rawFetch(`${s.url}/services/data/${v}/limits`, { token: s.token });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    }
  });
});
