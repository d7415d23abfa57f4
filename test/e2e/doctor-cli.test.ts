/**
 * `orgwarden doctor` through the built binary: exit codes, the per-check lines and the JSON form.
 * Variants of the Acme fixture org are copies in temp dirs (the fixture itself is never changed).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_IDS } from '../../worker/src/doctor/check';
import { ACME, runCli } from '../helpers/cli';

// Each test spawns the CLI, which starts a simulated org: loaded CI machines need time.
jest.setTimeout(120_000);
const TIMEOUT_MS = 90_000;

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

it('passes the Acme org with its warnings: exit 0, one line per check', async () => {
  const { code, stdout } = await runCli(['doctor', '--org', `sim:${ACME}`], { timeoutMs: TIMEOUT_MS });
  expect(code).toBe(0);
  const lines = stdout.split('\n').filter((line) => /^(PASS|WARN|FAIL) /.test(line));
  expect(lines.map((line) => line.split(/\s+/)[1])).toEqual([...CHECK_IDS]);
  expect(stdout).toMatch(/^PASS {2}api-access {10}Enterprise Edition org 00D8d000004AcMe/m);
  expect(stdout).toMatch(/^WARN {2}event-monitoring {4}free event log files only/m);
  expect(stdout).toMatch(/^ {2}event-monitoring \(WARN\): .*Event Monitoring/m);
  expect(stdout).toContain('Ready: no check failed (2 warning(s): see above).');
});

it('prints the machine-readable report with --json', async () => {
  const { code, stdout } = await runCli(['doctor', '--org', `sim:${ACME}`, '--json'], { timeoutMs: TIMEOUT_MS });
  expect(code).toBe(0);
  const report = JSON.parse(stdout) as { ok: boolean; checks: Array<{ id: string; status: string; observed: string; fix: string | null }> };
  expect(report.ok).toBe(true);
  expect(report.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
  expect(report.checks.find((c) => c.id === 'session-ip-lock')).toMatchObject({ status: 'pass', fix: null });
});

it('exits 1 and names the fix when sessions are locked to their IP address', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-doctor-cli-'));
  tempDirs.push(dir);
  cpSync(ACME, dir, { recursive: true });
  mkdirSync(join(dir, 'security'), { recursive: true });
  writeFileSync(join(dir, 'security', 'SecuritySettings.json'), JSON.stringify({ sessionSettings: { lockSessionsToIp: true } }));
  const { code, stdout } = await runCli(['doctor', '--org', `sim:${dir}`], { timeoutMs: TIMEOUT_MS });
  expect(code).toBe(1);
  expect(stdout).toMatch(/^FAIL {2}session-ip-lock {5}"Lock sessions to the IP address from which they originated" is on/m);
  expect(stdout).toContain('session-ip-lock (FAIL): Setup → Security → Session Settings (Quick Find: "Session Settings"): clear "Lock sessions to the IP address from which they originated" → Save');
  expect(stdout).toContain('1 check(s) failed');
});

it('exits 2 on bad input, saying what to give', async () => {
  const none = await runCli(['doctor'], { timeoutMs: TIMEOUT_MS });
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('no org given');
  const half = await runCli(['doctor', '--instance-url', 'https://acme.my.salesforce.com'], { timeoutMs: TIMEOUT_MS });
  expect(half.code).toBe(2);
  expect(half.stderr).toContain('--instance-url and --access-token go together');
  const missingFixture = await runCli(['doctor', '--org', `sim:${join(tmpdir(), 'ow-no-such-org')}`], { timeoutMs: TIMEOUT_MS });
  expect(missingFixture.code).toBe(2);
});

it('is listed in the help, and its own help names every check', async () => {
  const top = await runCli(['--help'], { timeoutMs: TIMEOUT_MS });
  expect(top.stdout).toMatch(/^ {2}doctor {4}check an org is ready for OrgWarden/m);
  const own = await runCli(['doctor', '--help'], { timeoutMs: TIMEOUT_MS });
  expect(own.code).toBe(0);
  for (const id of CHECK_IDS) expect(own.stdout).toContain(id);
});
