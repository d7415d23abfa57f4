import { baseFiles, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;

beforeAll(async () => {
  s = await startSim(baseFiles());
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

const admin = async (method: string, body?: unknown) => {
  const res = await rawFetch(`${s.url}/__sim/faults`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('/__sim/faults', () => {
  it('configures faults from outside the process and reports what struck', async () => {
    const put = await admin('PUT', { seed: 11, rules: [{ id: 'q503', kind: 'http-error', status: 503, route: 'limits', method: 'GET', times: 1 }] });
    expect(put).toMatchObject({ status: 200, body: { seed: '11', rules: [{ id: 'q503', matched: 0, fired: 0 }], records: [] } });
    expect((await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: s.token })).status).toBe(503);
    const got = await admin('GET');
    expect(got.body['rules']).toEqual([expect.objectContaining({ id: 'q503', matched: 1, fired: 1 })]);
    expect(got.body['records']).toEqual([
      expect.objectContaining({ seq: expect.any(Number), method: 'GET', path: '/services/data/v62.0/limits', route: 'limits', rule: 'q503', kind: 'http-error', detail: { status: 503, errorCode: 'SERVER_UNAVAILABLE' } }),
    ]);
    const deleted = await admin('DELETE');
    expect(deleted.body).toMatchObject({ seed: '11', rules: [], records: [] });
  });

  it('adds rules and acts now with POST', async () => {
    const posted = await admin('POST', { rules: [{ kind: 'delay', ms: 1, route: 'limits' }], expireSessions: {} });
    expect(posted.body).toMatchObject({ added: ['delay#1'], expired: expect.any(Number), rules: [expect.objectContaining({ id: 'delay#1' })] });
    expect((await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: s.token })).status).toBe(401);
    const token = s.sim.issueAccessToken();
    expect((await admin('POST', { exhaustQuota: true })).body).toMatchObject({ quotaCalls: expect.any(Number) });
    const refused = await rawFetch(`${s.url}/services/data/v62.0/limits`, { token });
    expect([refused.status, await refused.json()]).toEqual([403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]]);
    s.sim.setApiUsage(100);
    s.token = token;
    s.conn.accessToken = token;
    await admin('DELETE');
  });

  it('is never faulted itself, whatever the rules say', async () => {
    await admin('PUT', { rules: [{ kind: 'http-error', status: 503 }, { kind: 'reset' }] });
    expect((await admin('GET')).status).toBe(200);
    expect((await rawFetch(`${s.url}/__sim/clock`)).status).toBe(200);
    expect((await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: s.token })).status).toBe(503);
    await admin('DELETE');
  });

  it('answers 400 JSON_PARSER_ERROR listing every problem', async () => {
    const bad = await admin('POST', { rules: [{ kind: 'delay' }, { kind: 'nope' }], expireSessions: { username: 'ghost@example.com' } });
    expect(bad.status).toBe(400);
    const [error] = bad.body as unknown as { errorCode: string; message: string }[];
    expect(error?.errorCode).toBe('JSON_PARSER_ERROR');
    expect(error?.message).toMatch(/rules\.0\.ms[\s\S]*rules\.1\.kind/);
    const unknownUser = await admin('POST', { expireSessions: { username: 'ghost@example.com' } });
    expect(unknownUser.status).toBe(400);
    expect((await admin('PATCH', {})).status).toBe(405);
  });
});
