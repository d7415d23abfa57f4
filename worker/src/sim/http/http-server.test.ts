import { rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;

beforeAll(async () => {
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

describe('HTTP front', () => {
  it('answers unknown resources with 404 NOT_FOUND as JSON', async () => {
    for (const path of ['/nothing', '/services/apexrest/x', '/services/data/v62.0/sobjects/Nope__c']) {
      const res = await rawFetch(`${s.url}${path}`, { token: s.token });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(await res.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    }
  });

  it('answers a method a resource does not support with 405 and the allowed methods', async () => {
    const [alice] = s.sim.store.all('User');
    const res = await rawFetch(`${s.url}/services/data/v62.0/sobjects/User/${alice?.Id}`, { method: 'PUT', token: s.token, body: '{}' });
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual([{ message: "HTTP Method 'PUT' not allowed. Allowed are GET,HEAD,PATCH", errorCode: 'METHOD_NOT_ALLOWED' }]);
  });

  it('gzips larger JSON responses when the client accepts it', async () => {
    const res = await rawFetch(`${s.url}/services/data/v62.0/sobjects`, { token: s.token, headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { sobjects: unknown[] }).sobjects.length).toBeGreaterThan(10);
  });

  it('logs requests with the headers that matter, never the token', async () => {
    s.sim.clearRequestLog();
    await s.conn.query('SELECT Id FROM User', { headers: { 'Sforce-Query-Options': 'batchSize=300' } } as never);
    const [entry] = s.sim.requestLog;
    expect(entry).toMatchObject({ method: 'GET', status: 200, authorized: true, headers: { 'sforce-query-options': 'batchSize=300' } });
    expect(JSON.stringify(entry)).not.toContain(s.token);
  });

  it("sends the simulated clock's time in the Date header", async () => {
    const res = await rawFetch(`${s.url}/services/data`);
    expect(res.headers.get('date')).toBe('Mon, 08 Jan 2024 12:00:00 GMT');
  });

  it('moves the clock through the /__sim/clock control', async () => {
    const before = s.sim.clock.now();
    const res = await rawFetch(`${s.url}/__sim/clock`, { method: 'POST', body: JSON.stringify({ now: '2024-02-01T00:00:00Z' }) });
    expect(await res.json()).toEqual({ now: '2024-02-01T00:00:00.000Z' });
    s.sim.setNow(before);
  });
});
