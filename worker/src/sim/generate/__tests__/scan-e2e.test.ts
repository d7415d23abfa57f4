/**
 * End to end through the built binary (`npm test` builds dist/ first): `orgwarden sim generate`
 * writes an org, `orgwarden scan --org sim:DIR` runs over it and prints the planted
 * failed-logins attack — the alert matches its label (user, window) as labels.json describes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonLines, runCli } from '../../../../../test/helpers/cli';

const root = mkdtempSync(path.join(tmpdir(), 'ow-gen-e2e-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('orgwarden sim generate + scan', () => {
  it('finds the planted failed-logins attack', async () => {
    const dir = path.join(root, 'org');
    const generated = await runCli(['sim', 'generate', '--users', '40', '--days', '12', '--seed', 'e2e', '--out', dir], { timeoutMs: 120_000 });
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/21 planted attacks/);

    const scan = await runCli(['scan', '--org', `sim:${dir}`, '--config', path.join(dir, 'orgwarden.yaml'), '--json', '-'], { timeoutMs: 120_000 });
    expect(scan.code).toBe(0);
    const alerts = jsonLines(scan.stdout);
    const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as {
      attacks: Array<{ policy: string; user: { id: string } | null; from: string; to: string; alsoMatches: string[] }>;
      lookAlikes: Array<{ policy: string; user: { id: string } | null }>;
    };
    const planted = labels.attacks.find((a) => a.policy === 'failed-logins')!;
    const tolerance = 15 * 60_000;
    const found = alerts.filter(
      (a) =>
        a['policy'] === 'failed-logins' &&
        String(a['userId']).slice(0, 15) === planted.user!.id.slice(0, 15) &&
        Date.parse(String(a['occurredAt'])) >= Date.parse(planted.from) - tolerance &&
        Date.parse(String(a['occurredAt'])) <= Date.parse(planted.to) + tolerance,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', count: 14 });
    // The benign look-alikes (typos, a phone with a stale password) raise nothing.
    const failedLoginAlerts = alerts.filter((a) => a['policy'] === 'failed-logins');
    expect(failedLoginAlerts).toHaveLength(1);
  }, 240_000);
});
