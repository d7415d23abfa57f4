import { FixtureError } from '../fixture/fixture-error';
import { ORG_JSON, baseFiles, rawFetch, removeTempDirs, startSim, writeFiles } from '../__tests__/sim-test-kit';
import { FaultConfigError } from './fault-config';
import { readFaultConfigFile } from './fault-config-file';
import { routeTags } from './request-routes';

afterAll(() => removeTempDirs());

const limits = (url: string, token: string) => rawFetch(`${url}/services/data/v62.0/limits`, { token });

describe('fault configuration', () => {
  it('reads org.json `faults`, and adds the rules of a faults.yaml given as an option (its seed wins)', async () => {
    const orgJson = { ...ORG_JSON, faults: { seed: 'org', rules: [{ kind: 'http-error', status: 503, route: 'limits', times: 1 }] } };
    const file = `${writeFiles({ 'faults.yaml': 'seed: from-file\nrules:\n  - { id: slow-limits, kind: delay, ms: 1, route: limits, times: 1 }\n' })}/faults.yaml`;
    const s = await startSim(baseFiles({ 'org.json': orgJson }), { faults: file });
    try {
      expect(s.sim.faults.seed).toBe('from-file');
      expect(s.sim.faults.rules.map((r) => r.id)).toEqual(['http-error#1', 'slow-limits']);
      expect((await limits(s.url, s.token)).status).toBe(503);
      expect((await limits(s.url, s.token)).status).toBe(200);
      expect(s.sim.faults.records.map((r) => r.rule)).toEqual(['http-error#1', 'slow-limits']);
    } finally {
      await s.sim.stop();
    }
  });

  it('keeps the fixture format working without `faults`: nothing is faulted', async () => {
    const s = await startSim(baseFiles());
    try {
      expect(s.sim.faults.rules).toEqual([]);
      expect((await limits(s.url, s.token)).status).toBe(200);
      expect(s.sim.faults.records).toEqual([]);
    } finally {
      await s.sim.stop();
    }
  });

  it('lists every problem of org.json `faults` as fixture problems', async () => {
    const orgJson = { ...ORG_JSON, faults: { rules: [{ kind: 'http-error', status: 99 }, { kind: 'explode' }] } };
    const error = await startSim(baseFiles({ 'org.json': orgJson })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as FixtureError).problems.map((p) => p.message)).toEqual([
      'faults.rules.0.status: Too small: expected number to be >=400',
      expect.stringMatching(/^faults\.rules\.1\.kind: Invalid discriminator value\. Expected 'http-error' \| 'reset'/),
    ]);
  });

  it('lists every problem of a faults file, one line each', () => {
    const dir = writeFiles({
      'bad.json': {
        rules: [
          { kind: 'http-error', status: 418 },
          { kind: 'slow-body', bytesPerSecond: 10, route: 'query' },
          { kind: 'expire-session', scope: 'user' },
          { kind: 'delay', ms: 5, colour: 'red' },
        ],
      },
      'dupes.yaml': 'rules:\n  - { id: x, kind: exhaust-quota }\n  - { id: x, kind: exhaust-quota }\n',
      'broken.yaml': 'rules: [',
    });
    const problems = (file: string) => {
      try {
        readFaultConfigFile(`${dir}/${file}`);
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(FaultConfigError);
        return (err as FaultConfigError).problems;
      }
    };
    expect(problems('bad.json')).toEqual([
      expect.stringMatching(/^rules\.0\.status: status without a built-in body/),
      expect.stringMatching(/^rules\.2\.username: username is required with scope "user"/),
      expect.stringMatching(/^rules\.3: Unrecognized key/),
    ]);
    expect(problems('broken.yaml')).toEqual([expect.stringMatching(/^is not valid YAML/)]);
    expect(problems('missing.json')).toEqual([expect.stringMatching(/^cannot be read/)]);
    // Checked when the rules are built: ids and routes that can never match.
    const s = startSim(baseFiles(), { faults: `${dir}/dupes.yaml` });
    return expect(s).rejects.toMatchObject({ problems: ['rules.1.id: "x" is already used by another rule'] });
  });

  it('refuses a route a kind can never act on', async () => {
    const s = await startSim(baseFiles());
    try {
      expect(() => s.sim.faults.add({ kind: 'slow-body', bytesPerSecond: 10, route: 'query' })).toThrow('route query can never apply: slow-body acts on log-file requests');
      expect(() => s.sim.faults.add({ kind: 'reset', afterBytes: 10, route: 'token' })).toThrow('reset with afterBytes acts on log-file requests');
      expect(s.sim.faults.add({ kind: 'reset', afterBytes: 10, route: 'sobjects' })).toEqual(['reset#1']);
    } finally {
      await s.sim.stop();
    }
  });
});

describe('route tags', () => {
  it.each([
    ['/services/data/v62.0/query', ['any', 'data', 'query']],
    ['/services/data/v62.0/queryAll', ['any', 'data', 'query', 'query-all']],
    ['/services/data/v62.0/query/01g000000000001AAA-2000', ['any', 'data', 'query-more']],
    ['/services/data/v62.0/sobjects/EventLogFile/0AT000000000001AAA/LogFile', ['any', 'data', 'sobjects', 'log-file']],
    ['//services/data/v62.0/composite/sobjects', ['any', 'data', 'composite']],
    ['/services/data/v62.0/limits', ['any', 'data', 'limits']],
    ['/services/data/v62.0/tooling/query', ['any', 'data', 'tooling']],
    ['/services/data', ['any', 'versions']],
    ['/services/oauth2/token', ['any', 'oauth', 'token']],
    ['/services/Soap/m/62.0', ['any', 'soap']],
    ['/id/00D000000000001/005000000000001', ['any', 'identity']],
    ['/__sim/faults', undefined],
  ])('%s', (pathname, tags) => {
    expect(routeTags(pathname)).toEqual(tags);
  });
});
