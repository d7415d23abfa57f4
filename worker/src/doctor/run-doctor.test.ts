/**
 * Doctor against the in-process simulator: the Acme fixture org, and variants of it made in temp
 * directories (copied, then one file edited) — the Acme fixture itself is never changed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseConfig } from '../config';
import { silentLogger } from '../logger';
import { OrgSimulator } from '../sim';
import { to18 } from '../sim/ids';
import type { CheckId, CheckResult, CheckStatus } from './check';
import { runDoctor, type DoctorReport } from './run-doctor';

// Each test starts a simulated org and makes about 30 API calls; loaded CI machines are slow.
jest.setTimeout(60_000);

const ACME = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'acme');
const SERVICE_USER = '0058d0000Ac0018AQA';
const PROFILE_ID = to18('00e8d000000Wrd1');
const PERMISSION_SET_ID = to18('0PS8d000000Wrd1');

/** Every permission of DESIGN §2 the simulator's PermissionSet/Profile have a field for. */
const ALL_REQUIRED = ['ApiEnabled', 'ViewAllData', 'ViewEventLogFiles', 'ManageUsers', 'QueryAllFiles', 'ModifyMetadata', 'ViewSetup'];

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of Acme, changed by `edit`. */
function variant(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-doctor-'));
  tempDirs.push(dir);
  cpSync(ACME, dir, { recursive: true });
  edit(dir);
  return dir;
}

function editJson<T>(file: string, change: (value: T) => T): void {
  writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8')) as T), null, 1));
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 1));
}
const permissionFields = (names: string[]) => Object.fromEntries(names.map((name) => [`Permissions${name}`, true]));

/** Gives the service account a profile (and optionally a permission set assignment). */
function withProfile(dir: string, profile: { name: string; permissions: string[] }, permissionSet?: { name: string; permissions: string[] }): void {
  writeJson(join(dir, 'records', 'Profile.json'), [{ Id: PROFILE_ID, Name: profile.name, UserType: 'Standard', ...permissionFields(profile.permissions) }]);
  editJson<Array<Record<string, unknown>>>(join(dir, 'records', 'User.json'), (users) => users.map((u) => (u['Id'] === SERVICE_USER ? { ...u, ProfileId: PROFILE_ID } : u)));
  if (!permissionSet) return;
  writeJson(join(dir, 'records', 'PermissionSet.json'), [
    { Id: PERMISSION_SET_ID, Name: permissionSet.name, Label: permissionSet.name.replace(/_/g, ' '), IsCustom: true, IsOwnedByProfile: false, Type: 'Regular', ...permissionFields(permissionSet.permissions) },
  ]);
  writeJson(join(dir, 'records', 'PermissionSetAssignment.json'), [{ AssigneeId: SERVICE_USER, PermissionSetId: PERMISSION_SET_ID }]);
}

async function doctor(dir: string, options: { packageDir?: string; before?: (sim: OrgSimulator) => void } = {}): Promise<DoctorReport> {
  const sim = await OrgSimulator.load(dir, options.packageDir ? { packageDir: options.packageDir } : {});
  const { url } = await sim.start({ port: 0 });
  try {
    options.before?.(sim);
    return await runDoctor({ target: { kind: 'token', instanceUrl: url, accessToken: sim.issueAccessToken() }, config: parseConfig({}), log: silentLogger() });
  } finally {
    await sim.stop();
  }
}

const statuses = (report: DoctorReport): Record<string, CheckStatus> => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
function check(report: DoctorReport, id: CheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in the report`);
  return found;
}

it('finds the Acme org ready, with the two warnings that are true of it', async () => {
  const report = await doctor(ACME);
  expect(statuses(report)).toEqual({
    'api-access': 'pass',
    'service-account': 'pass',
    language: 'pass',
    package: 'pass',
    // Acme's users have no profile or permission set records: nothing to verify the grants with.
    permissions: 'warn',
    'crm-content-user': 'pass',
    'data-access': 'pass',
    // org.json eventMonitoring "free": one daily Login file.
    'event-monitoring': 'warn',
    'session-ip-lock': 'pass',
    'content-deliveries': 'pass',
    'api-allocation': 'pass',
  });
  expect(report.ok).toBe(true);
  expect(check(report, 'api-access').observed).toContain('Enterprise Edition org 00D8d000004AcMe');
  expect(check(report, 'service-account').observed).toContain('orgwarden.integration@acme.example');
  expect(check(report, 'event-monitoring').observed).toMatch(/free event log files only.*event types Login; hourly files: none/);
  expect(check(report, 'permissions').observed).toContain('its User record names no profile');
  expect(check(report, 'permissions').fix).toContain('Warden_Integration');
  for (const result of report.checks) expect(result.fix === null).toBe(result.status === 'pass');
});

it('fails the package check with the deploy command when the package is not in the org', async () => {
  const emptyPackage = mkdtempSync(join(tmpdir(), 'ow-doctor-nopkg-'));
  tempDirs.push(emptyPackage);
  const report = await doctor(ACME, { packageDir: emptyPackage });
  const pkg = check(report, 'package');
  expect(pkg.status).toBe('fail');
  expect(pkg.observed).toContain('Warden_Alert__c does not exist for the service account');
  expect(pkg.observed).toContain('Warden_Status__c does not exist');
  expect(pkg.fix).toContain('scripts/deploy.sh --target-org');
  expect(report.ok).toBe(false);
  expect(check(report, 'data-access').status).toBe('pass'); // the rest is still checked
});

it('fails when sessions are locked to their IP address, naming the Session Settings box to clear', async () => {
  const dir = variant((d) => writeJson(join(d, 'security', 'SecuritySettings.json'), { sessionSettings: { lockSessionsToIp: true, sessionTimeout: 'TwoHours' } }));
  const report = await doctor(dir);
  const lock = check(report, 'session-ip-lock');
  expect(lock.status).toBe('fail');
  expect(lock.observed).toContain('lockSessionsToIp = true');
  expect(lock.fix).toBe('Setup → Security → Session Settings (Quick Find: "Session Settings"): clear "Lock sessions to the IP address from which they originated" → Save');
  expect(report.ok).toBe(false);
});

it('passes the session check when SecuritySettings says the lock is off', async () => {
  const dir = variant((d) => writeJson(join(d, 'security', 'SecuritySettings.json'), { sessionSettings: { lockSessionsToIp: false } }));
  expect(check(await doctor(dir), 'session-ip-lock')).toMatchObject({ status: 'pass', observed: expect.stringContaining('lockSessionsToIp = false') });
});

it('reports an org without event log files (eventMonitoring "none") as a warning, and the rest still passes', async () => {
  const dir = variant((d) => editJson<Record<string, unknown>>(join(d, 'org.json'), (org) => ({ ...org, eventMonitoring: 'none' })));
  const report = await doctor(dir);
  const events = check(report, 'event-monitoring');
  expect(events.status).toBe('warn');
  expect(events.observed).toContain('EventLogFile is not available (INVALID_TYPE)');
  expect(events.fix).toContain('Event Monitoring');
  expect(report.ok).toBe(true);
});

it('passes Event Monitoring under a Shield licence, listing the real-time event stores', async () => {
  const dir = variant((d) => editJson<Record<string, unknown>>(join(d, 'org.json'), (org) => ({ ...org, eventMonitoring: 'shield' })));
  const events = check(await doctor(dir), 'event-monitoring');
  expect(events.status).toBe('pass');
  expect(events.observed).toMatch(/^Event Monitoring licensed .*real-time event storage: LoginEvent, LoginAsEvent, ApiEvent, ReportEvent, SessionHijackingEventStore/);
});

it('fails a service account missing a permission, naming it and the permission set that grants it', async () => {
  const dir = variant((d) => withProfile(d, { name: 'Warden Integration', permissions: ALL_REQUIRED.filter((p) => p !== 'ViewEventLogFiles') }));
  const report = await doctor(dir);
  const permissions = check(report, 'permissions');
  expect(permissions.status).toBe('fail');
  expect(permissions.observed).toContain('(profile "Warden Integration", no permission sets) is missing 1 permission(s): View Event Log Files');
  expect(permissions.fix).toContain('npx sf org assign permset --name Warden_Integration --on-behalf-of orgwarden.integration@acme.example');
  expect(check(report, 'service-account').status).toBe('pass');
  expect(report.ok).toBe(false);
});

it('counts permissions granted by an assigned permission set', async () => {
  const dir = variant((d) =>
    withProfile(d, { name: 'Warden Integration', permissions: ALL_REQUIRED.filter((p) => p !== 'ViewEventLogFiles') }, { name: 'Warden_Integration', permissions: ['ViewEventLogFiles'] }),
  );
  const report = await doctor(dir);
  expect(check(report, 'permissions')).toMatchObject({ status: 'pass', observed: expect.stringContaining('permission sets Warden_Integration) holds all 7 permissions') });
  expect(Object.values(statuses(report))).not.toContain('fail');
  expect(report.ok).toBe(true);
});

it('warns about a shared administrator account that holds more than the worker needs', async () => {
  const dir = variant((d) => withProfile(d, { name: 'System Administrator', permissions: [...ALL_REQUIRED, 'ModifyAllData', 'CustomizeApplication'] }));
  const report = await doctor(dir);
  expect(check(report, 'permissions')).toMatchObject({ status: 'warn', observed: expect.stringContaining('also Modify All Data, Customize Application') });
  expect(check(report, 'service-account')).toMatchObject({ status: 'warn', observed: expect.stringContaining('not a dedicated OrgWarden service account') });
  expect(report.ok).toBe(true);
});

it('passes a service account that reads Salesforce in French: the success value is learned from its own sign-in', async () => {
  const dir = variant((d) =>
    editJson<Array<Record<string, unknown>>>(join(d, 'records', 'User.json'), (users) => users.map((u) => (u['Id'] === SERVICE_USER ? { ...u, LanguageLocaleKey: 'fr' } : u))),
  );
  const language = check(await doctor(dir), 'language');
  expect(language.status).toBe('pass');
  expect(language.observed).toContain('reads Salesforce in fr');
  expect(language.observed).not.toContain('"Success"');
});

it('warns when backfill would pause for want of API allocation', async () => {
  // 15,000 max, reserve 10% = 1,500; backfill stops below 15% = 2,250 remaining.
  const report = await doctor(ACME, { before: (sim) => sim.setApiUsage(13_000) });
  const allocation = check(report, 'api-allocation');
  expect(allocation.status).toBe('warn');
  expect(allocation.observed).toMatch(/^1,9\d\d of 15,000 daily API requests remain .*reserve 10% = 1,500: backfill and event log reads pause below 2,250$/);
  expect(report.ok).toBe(true);
});

it('stops calling at the reserve: the allocation check warns, the checks it could not run say so', async () => {
  const report = await doctor(ACME, { before: (sim) => sim.setApiUsage(14_000) });
  expect(check(report, 'api-allocation')).toMatchObject({ status: 'warn', observed: expect.stringContaining('at the reserve, so the worker makes no calls until usage drops') });
  const notChecked = report.checks.filter((c) => c.observed.startsWith("not checked: the org's API allocation is at OrgWarden's reserve"));
  expect(notChecked.length).toBeGreaterThan(5);
  expect(report.ok).toBe(false);
});
