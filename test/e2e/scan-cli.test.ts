/**
 * The public contract of `orgwarden scan` (DESIGN §4.1, §4.4), exercised through the real binary
 * against the bundled Acme fixture org (a planted password-guessing burst against dana.lee).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME, jsonLines, runCli } from '../helpers/cli';

// Each test spawns or runs whole scans; a loaded CI machine needs more than Jest's 5 s default.
jest.setTimeout(120_000);

const ALERT_FIELDS = ['policy', 'severity', 'userId', 'username', 'occurredAt', 'lastSeenAt', 'ip', 'country', 'count', 'key', 'title', 'evidence'];

describe('orgwarden scan --org sim:DIR', () => {
  it('prints the planted failed-logins alert as a JSON line and writes --stats', async () => {
    const stats = join(mkdtempSync(join(tmpdir(), 'ow-scan-')), 'stats.json');
    const result = await runCli(['scan', '--org', `sim:${ACME}`, '--json', '-', '--stats', stats]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const alerts = jsonLines(result.stdout);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(Object.keys(alert!)).toEqual(ALERT_FIELDS);
    expect(alert).toMatchObject({
      policy: 'failed-logins',
      severity: 'high',
      username: 'dana.lee@acme.example',
      occurredAt: '2026-11-19T02:10:00.000Z',
      lastSeenAt: '2026-11-19T02:21:00.000Z',
      ip: '203.0.113.66',
      count: 14,
    });
    expect(alert!.key).toMatch(/^failed-logins:/);
    expect(alert!.evidence).toMatchObject({ followedBySuccess: true, failures: 14 });

    const written = JSON.parse(readFileSync(stats, 'utf8')) as { apiCalls: number; streams: Record<string, { records: number; skipped: number; apiCalls: number }> };
    // 77 of the fixture's 87 LoginHistory rows fall in the 7 days before the org's now (2026-11-20T18:00Z);
    // calls: the service account's own sign-in (AuthSession, then its LoginHistory row: the success
    // value in the reader's language), one query page, one user lookup, one upsert.
    expect(written.streams['logins']).toEqual({ records: 77, skipped: 0, apiCalls: 5 });
    // The fixture's 8 users; its 4 audit entries; no OAuth grants or files; no Real-Time Event
    // Monitoring in a "free" org: one refused query per storage object (then skipped).
    expect(written.streams['users']).toEqual({ records: 8, skipped: 0, apiCalls: 5 });
    expect(written.streams['audit']).toEqual({ records: 4, skipped: 0, apiCalls: 1 });
    expect(written.streams['oauth']).toEqual({ records: 0, skipped: 0, apiCalls: 1 });
    expect(written.streams['files']).toEqual({ records: 0, skipped: 0, apiCalls: 3 });
    expect(written.streams['realtime']).toEqual({ records: 0, skipped: 0, apiCalls: 8 });
    // The org has no Event Monitoring: one daily Login file (26 rows) is kept; calls: the listing, its download.
    expect(written.streams['eventlogs']).toEqual({ records: 26, skipped: 0, apiCalls: 2 });
    // The top-level figure adds the initial /limits call.
    expect(written.apiCalls).toBe(1 + Object.values(written.streams).reduce((sum, s) => sum + s.apiCalls, 0));
  });

  it('honours --since/--until: a window without the burst gives no alert', async () => {
    const result = await runCli(['scan', '--org', `sim:${ACME}`, '--since', '2026-11-19T03:00:00Z', '--until', '2026-11-20T00:00:00Z', '--json', '-']);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([]);
  });

  it('writes the JSON lines to a file and a human summary without --json', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ow-scan-')), 'alerts.jsonl');
    const toFile = await runCli(['scan', '--org', `sim:${ACME}`, '--json', out]);
    expect(toFile.code).toBe(0);
    expect(jsonLines(readFileSync(out, 'utf8'))).toHaveLength(1);
    const human = await runCli(['scan', '--org', `sim:${ACME}`]);
    expect(human.stdout).toMatch(/1 alert\(s\):\nHIGH\s+failed-logins/);
  });

  it('rejects bad input with a message that says what to fix, exit code 2', async () => {
    const missing = await runCli(['scan', '--org', 'sim:/nonexistent/org']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\/nonexistent\/org/);

    const noOrg = await runCli(['scan']);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toMatch(/no org given/);

    const badDate = await runCli(['scan', '--org', `sim:${ACME}`, '--since', 'last tuesday']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--since "last tuesday" is not an ISO-8601/);

    const unknownFlag = await runCli(['scan', '--org', `sim:${ACME}`, '--frobnicate']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/frobnicate/);
  });

  it('explains itself with --help', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['scan', 'run', 'sim', 'demo']) expect(top.stdout).toMatch(new RegExp(`\\n  ${command} `));
    const scan = await runCli(['scan', '--help']);
    expect(scan.stdout).toMatch(/--instance-url URL/);
  });
});
