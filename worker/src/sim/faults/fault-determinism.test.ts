import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { baseFiles, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';
import type { FaultConfigInput } from './fault-config';
import { SeededRandom, unitDraw } from './seeded-random';

afterAll(() => removeTempDirs());

const CONFIG: FaultConfigInput = {
  seed: 'replay-me',
  rules: [
    { kind: 'http-error', status: 500, route: 'sobjects', method: 'POST', probability: 0.4 },
    { kind: 'http-error', status: 503, route: 'sobjects', method: 'PATCH', probability: 0.3 },
  ],
};

/** Twelve creates and twelve updates through jsforce (never retried), as outcomes a client sees. */
async function run(s: StartedSim): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < 12; i++) {
    const alerts = s.conn.sobject('Warden_Alert__c');
    const created = await alerts.create({ Name: `a${i}`, Alert_Key__c: `det-${i}` }).then(
      (r) => `created ${r.success}`,
      (e: { errorCode: string; message: string }) => `${e.errorCode} ${e.message}`,
    );
    const updated = await alerts.upsert({ Name: `b${i}`, Alert_Key__c: `det-${i}` }, 'Alert_Key__c').then(
      () => 'upserted',
      (e: { errorCode: string }) => e.errorCode,
    );
    outcomes.push(created, updated);
  }
  return outcomes;
}

describe('determinism', () => {
  it('gives the same faults twice for the same seed and requests, and others for another seed', async () => {
    const runs: { outcomes: string[]; records: unknown[] }[] = [];
    for (const config of [CONFIG, CONFIG, { ...CONFIG, seed: 'another' }]) {
      const s = await startSim(baseFiles(), { faults: config });
      try {
        const outcomes = await run(s);
        runs.push({ outcomes, records: s.sim.faults.records.map(({ at: _at, ...rest }) => rest) });
      } finally {
        await s.sim.stop();
      }
    }
    const [a, b, c] = runs;
    expect(a?.outcomes.some((o) => o.startsWith('UNKNOWN_EXCEPTION An unexpected error occurred'))).toBe(true);
    expect(a?.outcomes.some((o) => o === 'SERVER_UNAVAILABLE')).toBe(true);
    expect(a?.outcomes.some((o) => o === 'created true')).toBe(true);
    expect(b).toEqual(a);
    expect(c?.outcomes).not.toEqual(a?.outcomes);
  });

  it('draws from the seed and a key only', () => {
    expect(unitDraw('s', 'rule', 1)).toBe(unitDraw('s', 'rule', 1));
    expect(unitDraw('s', 'rule', 1)).not.toBe(unitDraw('s', 'rule', 2));
    const a = new SeededRandom('s', 'x');
    const b = new SeededRandom('s', 'x');
    const seq = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seq);
    expect(seq.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(new SeededRandom('s', 'x').shuffle([1, 2, 3, 4, 5, 6, 7, 8])).toEqual(new SeededRandom('s', 'x').shuffle([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('never uses Math.random in the fault injector', () => {
    const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) expect([file, /Math\.random\s*\(/.test(readFileSync(path.join(__dirname, file), 'utf8'))]).toEqual([file, false]);
  });
});
