import { OAuth2 } from 'jsforce';
import { baseFiles, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

// jsforce retries GET on 420/429/500/502/503/504 after 0.5 s, 1 s, 2 s … (wire spec §8.4): the
// count-based rules below keep each test to a few seconds.
jest.setTimeout(20_000);

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

const queries = () => s.sim.requestLog.filter((e) => e.path.includes('/query'));

describe('HTTP error faults', () => {
  it('fails the next 3 queries with 503 SERVER_UNAVAILABLE: jsforce retries three times, then succeeds', async () => {
    s.sim.faults.add({ kind: 'http-error', status: 503, route: 'query', times: 3 });
    const result = await s.conn.query<{ Id: string }>('SELECT Id FROM User');
    expect(result.totalSize).toBe(3);
    expect(queries().map((e) => [e.status, e.errorCode])).toEqual([[503, 'SERVER_UNAVAILABLE'], [503, 'SERVER_UNAVAILABLE'], [503, 'SERVER_UNAVAILABLE'], [200, undefined]]);
    expect(s.sim.faults.records.map((r) => [r.kind, r.route, r.detail])).toEqual(Array(3).fill(['http-error', 'query', { status: 503, errorCode: 'SERVER_UNAVAILABLE' }]));
    // Spent: the next query and other routes are clean.
    await s.conn.query('SELECT Id FROM User');
    await s.conn.limits();
    expect(s.sim.faults.records).toHaveLength(3);
    expect(s.sim.faults.rules[0]).toMatchObject({ matched: 5, fired: 3 });
  });

  it('never retries a POST: a 500 reaches jsforce as UNKNOWN_EXCEPTION with an ErrorId', async () => {
    s.sim.faults.add({ kind: 'http-error', status: 500, route: 'sobjects', method: 'POST', times: 1 });
    await expect(s.conn.sobject('Warden_Alert__c').create({ Name: 'x', Alert_Key__c: 'k-500' })).rejects.toMatchObject({
      errorCode: 'UNKNOWN_EXCEPTION',
      message: expect.stringMatching(/^An unexpected error occurred\. Please include this ErrorId if you contact support: \d+-\d+ \(-\d+\)$/),
    });
    expect(s.sim.requestLog.filter((e) => e.method === 'POST')).toHaveLength(1);
    expect(s.sim.store.all('Warden_Alert__c').some((r) => r['Alert_Key__c'] === 'k-500')).toBe(false);
  });

  it('sends the edge variant as text/html: jsforce reports html content, nothing is counted', async () => {
    s.sim.faults.add({ kind: 'http-error', status: 503, body: 'html', route: 'sobjects', method: 'POST', times: 1 });
    await expect(s.conn.sobject('Warden_Alert__c').create({ Name: 'x', Alert_Key__c: 'k-html' })).rejects.toMatchObject({
      errorCode: 'ERROR_HTTP_503',
      message: expect.stringContaining('HTTP response contains html content'),
    });
    s.sim.faults.add({ kind: 'http-error', status: 503, body: 'html', route: 'limits', times: 1 }, { kind: 'http-error', status: 503, route: 'limits', times: 1 });
    const used = s.sim.apiUsage.used;
    const html = await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: s.token });
    expect([html.status, html.headers.get('content-type'), html.headers.get('sforce-limit-info')]).toEqual([503, 'text/html', null]);
    expect(await html.text()).toContain('Salesforce Edge');
    expect(s.sim.apiUsage.used).toBe(used);
    // The app server's JSON 503 did reach the org: counted, with Sforce-Limit-Info.
    const json = await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: s.token });
    expect([json.status, json.headers.get('sforce-limit-info')]).toEqual([503, `api-usage=${used + 1}/15000`]);
    expect(await json.json()).toEqual([{ errorCode: 'SERVER_UNAVAILABLE', message: expect.any(String) }]);
  });

  it('retries 502 and 429 like 503, but 420 at most twice', async () => {
    s.sim.faults.add({ kind: 'http-error', status: 502, route: 'limits', times: 1 }, { kind: 'http-error', status: 429, route: 'limits', times: 1 });
    await expect(s.conn.limits()).resolves.toHaveProperty('DailyApiRequests');
    expect(s.sim.faults.records.map((r) => r.detail['status'])).toEqual([502, 429]);
    s.sim.faults.clear();
    s.sim.faults.add({ kind: 'http-error', status: 420, route: 'limits', times: 5 });
    await expect(s.conn.limits()).rejects.toMatchObject({ errorCode: 'ERROR_HTTP_420' });
    expect(s.sim.faults.records).toHaveLength(3);
  });

  it('answers the token endpoint in the OAuth envelope, which jsforce does not retry', async () => {
    s.sim.faults.add({ kind: 'http-error', status: 503, route: 'token', times: 1 });
    const oauth2 = new OAuth2({ loginUrl: s.url, clientId: 'any' });
    await expect(oauth2.refreshToken(s.sim.issueRefreshToken())).rejects.toMatchObject({ name: 'unknown_error', message: 'retry your request' });
    await expect(oauth2.refreshToken(s.sim.issueRefreshToken())).resolves.toHaveProperty('access_token');
    expect(s.sim.faults.records.map((r) => [r.route, r.method])).toEqual([['token', 'POST']]);
  });

  it('can send any status with its own errorCode (a concurrency limit as a 403)', async () => {
    s.sim.faults.add({ kind: 'http-error', status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.', route: 'query', times: 1 });
    await expect(s.conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' });
  });
});
