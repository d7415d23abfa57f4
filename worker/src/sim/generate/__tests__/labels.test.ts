/** labels.json: every DESIGN §3.4 policy has a planted attack and a benign look-alike, in the documented shape. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfigFile } from '../../../config';
import { DESIGN_POLICIES } from '../attacks/registry';
import { generateTemp, readRecords, removeGenerated } from './generated-org';

afterAll(removeGenerated);

type Label = { id: string; policy: string; alsoMatches: string[]; user: { id: string; id15: string; username: string } | null; ip: string | null; from: string; to: string; description: string; evidence: Record<string, unknown> };

type Labels = { format: string; attacks: Label[]; lookAlikes: Array<Label & { whyBenign: string }>; learningPeriodEnds: string; now: string };

describe('labels.json', () => {
  let dir: string;
  let labels: Labels;
  beforeAll(() => {
    dir = generateTemp({ seed: 'labels' }).dir;
    labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Labels;
  });

  it.each(DESIGN_POLICIES)('has a planted attack and a look-alike for %s', (policy) => {
    expect(labels.attacks.filter((a) => a.policy === policy).length).toBeGreaterThanOrEqual(1);
    expect(labels.lookAlikes.filter((a) => a.policy === policy).length).toBeGreaterThanOrEqual(1);
  });

  it('names real users and a window after the learning period and before now', () => {
    const users = new Map(readRecords(dir, 'User').map((u) => [u['Id'], u['Username']]));
    for (const label of [...labels.attacks, ...labels.lookAlikes]) {
      expect(label.user ?? label.ip).toBeTruthy();
      if (label.user) {
        expect(users.get(label.user.id)).toBe(label.user.username);
        expect(label.user.id15).toBe(label.user.id.slice(0, 15));
      }
      expect(Date.parse(label.from)).toBeLessThanOrEqual(Date.parse(label.to));
      expect(label.description.length).toBeGreaterThan(20);
    }
    for (const attack of labels.attacks) {
      expect(Date.parse(attack.from)).toBeGreaterThanOrEqual(Date.parse(labels.learningPeriodEnds) - 86_400_000);
      expect(Date.parse(attack.to)).toBeLessThanOrEqual(Date.parse(labels.now));
    }
    for (const lookAlike of labels.lookAlikes) expect(lookAlike.whyBenign.length).toBeGreaterThan(10);
  });

  it('points at evidence that exists in the org', () => {
    const history = new Set(readRecords(dir, 'LoginHistory').map((r) => r['Id']));
    const audit = new Set(readRecords(dir, 'SetupAuditTrail').map((r) => r['Id']));
    for (const label of labels.attacks) {
      const records = (label.evidence['records'] ?? {}) as Record<string, string[]>;
      for (const id of records['LoginHistory'] ?? []) expect(history.has(id)).toBe(true);
      for (const id of records['SetupAuditTrail'] ?? []) expect(audit.has(id)).toBe(true);
    }
  });

  it('lists in alsoMatches only other policies, each a detection of the planted activity itself', () => {
    for (const label of labels.attacks) {
      for (const other of label.alsoMatches) {
        expect(DESIGN_POLICIES).toContain(other);
        expect(other).not.toBe(label.policy);
      }
    }
    const history = readRecords(dir, 'LoginHistory');
    // Consent phishing: the app's server signs in with the victims' tokens from a threat-feed address.
    const oauth = labels.attacks.find((a) => a.policy === 'risky-oauth-app')!;
    expect(oauth.alsoMatches).toEqual(expect.arrayContaining(['suspicious-ip', 'risky-ip-logon']));
    expect(readFileSync(path.join(dir, 'feeds', 'threat-ips.txt'), 'utf8')).toContain(`${oauth.ip}\n`);
    expect(history.some((r) => r['SourceIp'] === oauth.ip && r['Status'] === 'Success' && r['UserId'] === oauth.user!.id)).toBe(true);
    // Password spray: the label names the account the attacker got into, from the spraying address.
    const spray = labels.attacks.find((a) => a.policy === 'password-spray')!;
    expect(spray.alsoMatches).toEqual(expect.arrayContaining(['suspicious-ip', 'infrequent-country', 'impossible-travel']));
    const fromSprayer = history.filter((r) => r['SourceIp'] === spray.ip);
    expect(fromSprayer.filter((r) => r['Status'] === 'Success').map((r) => r['UserId'])).toEqual([spray.user!.id]);
    expect(new Set(fromSprayer.filter((r) => r['Status'] !== 'Success').map((r) => r['UserId'])).size).toBeGreaterThanOrEqual(15);
    // A terminated user's evening of exports and downloads also reaches the mass-download template (10 in 30 min) when it has 10.
    const leaver = labels.attacks.find((a) => a.policy === 'terminated-user-activity')!;
    const counts = leaver.evidence['counts'] as { reportExports: number; downloads: number };
    expect(leaver.alsoMatches).toEqual(counts.reportExports + counts.downloads >= 10 ? ['mass-download'] : []);
  });

  it('writes an orgwarden.yaml that the config loader accepts', () => {
    const config = loadConfigFile(path.join(dir, 'orgwarden.yaml'));
    expect(config.ipFeeds.map((f) => f.tag)).toEqual(['anonymous', 'suspicious']);
    expect(config.terminatedUsersFile).toBe(path.join(dir, 'hr', 'terminated.csv'));
    expect(config.ipTags.corporate?.length).toBeGreaterThan(0);
  });

  it('lists the terminated user in the HR feed and the feeds in orgwarden.yaml', () => {
    const terminated = labels.attacks.find((a) => a.policy === 'terminated-user-activity')!;
    expect(readFileSync(path.join(dir, 'hr', 'terminated.csv'), 'utf8')).toContain(terminated.user!.username);
    const yaml = readFileSync(path.join(dir, 'orgwarden.yaml'), 'utf8');
    expect(yaml).toContain('feeds/tor-exits.txt');
    const tor = labels.attacks.find((a) => a.policy === 'anonymous-ip')!;
    expect(readFileSync(path.join(dir, 'feeds', 'tor-exits.txt'), 'utf8')).toContain(`${tor.ip}\n`);
  });
});
