import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgWardenError } from './errors';
import { loadConfigFile, parseConfig } from './config';

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(OrgWardenError);
    return (err as OrgWardenError).data.problems as string[];
  }
  throw new Error('expected the config to be rejected');
}

describe('config', () => {
  it('applies documented defaults', () => {
    const config = parseConfig({});
    expect(config.reservePercent).toBe(10);
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.orgs).toEqual([]);
  });

  it('lists every problem at once, each with its path', () => {
    const problems = problemsOf({
      reservePercent: 0,
      ipTags: { corporate: ['203.0.113.0/33'], evil: ['192.0.2.0/24'] },
      orgs: [{ name: 'prod', target: 'sim:x', instanceUrl: 'https://acme.my.salesforce.com' }],
      policies: { 'no-such-policy': {} },
      tyop: true,
    });
    const text = problems.join('\n');
    expect(text).toMatch(/reservePercent/);
    expect(text).toMatch(/ipTags\.corporate\.0: not an IPv4\/IPv6 CIDR/);
    expect(text).toMatch(/ipTags/);
    expect(text).toMatch(/orgs\.0: give exactly one of/);
    expect(text).toMatch(/tyop/);
    expect(problems.length).toBeGreaterThanOrEqual(5);
  });

  it('checks policy ids and threshold ranges against the registry', () => {
    const text = problemsOf({ policies: { 'failed-logins': { thresholds: { minFailures: 0, bogus: 1 } }, nope: {} } }).join('\n');
    expect(text).toMatch(/policies\.failed-logins\.thresholds\.minFailures: 0 is outside 2\.\.1000/);
    expect(text).toMatch(/policies\.failed-logins\.thresholds\.bogus: unknown threshold/);
    expect(text).toMatch(/policies\.nope: unknown policy id \(known: failed-logins/);
  });

  it('reads YAML, resolves paths from the config folder and freezes the result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-config-'));
    const file = join(dir, 'orgwarden.yaml');
    writeFileSync(file, 'orgs:\n  - name: demo\n    target: sim:orgs/acme\npolicies:\n  failed-logins:\n    sensitivity: high\n');
    const config = loadConfigFile(file);
    expect(config.orgs[0]!.target).toBe(`sim:${join(dir, 'orgs/acme')}`);
    expect(config.policies['failed-logins']!.sensitivity).toBe('high');
    expect(Object.isFrozen(config.orgs[0])).toBe(true);
  });

  it('says which file could not be read', () => {
    expect(() => loadConfigFile('/nonexistent/orgwarden.yaml')).toThrow(/cannot read config file \/nonexistent\/orgwarden.yaml/);
  });
});
