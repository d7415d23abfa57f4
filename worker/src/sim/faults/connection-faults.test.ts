import { baseFiles, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

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

describe('connection faults', () => {
  it('resets the connection (RST) before answering: jsforce retries the GET on ECONNRESET and succeeds', async () => {
    s.sim.faults.add({ kind: 'reset', route: 'query', times: 2 });
    const result = await s.conn.query('SELECT Id FROM User');
    expect(result.totalSize).toBe(3);
    expect(s.sim.faults.records.map((r) => [r.kind, r.route, r.detail])).toEqual([
      ['reset', 'query', { how: 'reset' }],
      ['reset', 'query', { how: 'reset' }],
    ]);
    // Two dropped requests, then the answer.
    expect(s.sim.requestLog.filter((e) => e.path.includes('/query')).map((e) => e.status)).toEqual([undefined, undefined, 200]);
  });

  it('closes the connection (FIN) before answering: undici says "other side closed", which jsforce does not retry', async () => {
    s.sim.faults.add({ kind: 'reset', how: 'close', route: 'query', times: 1 });
    await expect(s.conn.query('SELECT Id FROM User')).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } });
    expect(s.sim.faults.records).toHaveLength(1);
    await expect(s.conn.query('SELECT Id FROM User')).resolves.toHaveProperty('totalSize', 3);
  });

  it('delays answers by a fixed time plus seeded jitter', async () => {
    s.sim.faults.configure({ seed: 'slow', rules: [{ kind: 'delay', ms: 150, jitterMs: 200, route: 'limits', times: 3 }] });
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await s.conn.limits();
      const delayMs = s.sim.faults.records[i]?.detail['delayMs'] as number;
      expect(delayMs).toBeGreaterThanOrEqual(150);
      expect(delayMs).toBeLessThan(350);
      expect(Date.now() - started).toBeGreaterThanOrEqual(delayMs - 5);
    }
    const delays = s.sim.faults.records.map((r) => r.detail['delayMs']);
    expect(new Set(delays).size).toBeGreaterThan(1);
    // The same seed draws the same jitter again.
    s.sim.faults.configure({ seed: 'slow', rules: [{ kind: 'delay', ms: 150, jitterMs: 200, route: 'limits', times: 3 }] });
    for (let i = 0; i < 3; i++) await s.conn.limits();
    expect(s.sim.faults.records.map((r) => r.detail['delayMs'])).toEqual(delays);
  });

  it('only strikes inside its window of simulated time, after letting the first matches through', async () => {
    const now = s.sim.clock.now();
    s.sim.faults.add({ kind: 'http-error', status: 500, route: 'limits', method: 'GET', after: 1, window: { from: new Date(now.getTime() + 30 * 60_000).toISOString() } });
    await s.conn.limits();
    s.sim.clock.advance(3_600_000); // sessions last 2 h
    try {
      await s.conn.limits(); // matched first: let through
      await expect(s.conn.request({ method: 'GET', url: '/limits' }, { retry: { maxRetries: 0 } } as never)).rejects.toMatchObject({ errorCode: 'UNKNOWN_EXCEPTION' });
    } finally {
      s.sim.clock.advance(-3_600_000);
    }
    expect(s.sim.faults.rules[0]).toMatchObject({ matched: 2, fired: 1 });
  });
});
