/**
 * The administrators' set-up scripts. Missing arguments fail at once with a message naming them;
 * `setup-service-account.sh` runs for real, through the `sf` CLI, against the org simulator
 * serving the real package (force-app) — the CLI runs with HOME in a temp dir, so no real CLI
 * state is read or written.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, baseFiles, removeTempDirs, startSim, tempDir, type StartedSim } from '../../worker/src/sim/__tests__/sim-test-kit';
import { to18 } from '../../worker/src/sim/ids';
import { PROJECT_ROOT } from './source-metadata';

const run = promisify(execFile);
const SF_RUN = join(PROJECT_ROOT, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
// Each CLI start loads its plugins (a few seconds; over 10 s on a busy machine); the script starts it four times.
const CLI_TIMEOUT_MS = 120_000;
const WARDEN_PROFILE = to18('00e5g000000Ward');
const WARDEN_PERMSET = to18('0PS5g000000Ward');

let home = '';
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, SF_USE_GENERIC_UNIX_KEYCHAIN: 'true', SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', ...extra };
  for (const name of ['XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'SF_TARGET_ORG', 'http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete env[name];
  return env;
}

async function script(name: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bash', [join(PROJECT_ROOT, 'scripts', name), ...args], { cwd: home || PROJECT_ROOT, env: cliEnv(), timeout: CLI_TIMEOUT_MS * 2 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('missing arguments fail at once, naming what is missing', () => {
  it.each([
    ['deploy.sh', [], 'missing --target-org'],
    ['deploy.sh', ['--target-org'], '--target-org needs a value'],
    ['setup-service-account.sh', ['--username', 'orgwarden@example.com'], 'missing --target-org'],
    ['setup-service-account.sh', ['--target-org', 'prod'], 'missing --username'],
    ['setup-service-account.sh', ['--target-org', 'prod', '--username', "x'@example.com"], 'quotes and backslashes are not allowed'],
    ['setup-service-account.sh', ['--target-org', 'prod', '--username', 'orgwarden'], 'must look like an email address'],
  ])('%s %j', async (name, args, message) => {
    const result = await script(name, args);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: expect.stringContaining(message) });
  });
});

describe('setup-service-account.sh against the simulator', () => {
  let s: StartedSim;

  beforeAll(async () => {
    home = tempDir('orgwarden-sf-home-');
    const files = baseFiles();
    files['records/Profile.json'] = [
      ...(files['records/Profile.json'] as object[]),
      { Id: WARDEN_PROFILE, Name: 'Warden Integration', UserType: 'Standard', CreatedDate: '2024-01-01T00:00:00.000+0000' },
    ];
    files['records/PermissionSet.json'] = [{ Id: WARDEN_PERMSET, Name: 'Warden_Integration', Label: 'Warden Integration', IsOwnedByProfile: false }];
    s = await startSim(files, { packageDir: join(PROJECT_ROOT, 'force-app') });
    await run(process.execPath, [SF_RUN, 'org', 'login', 'access-token', '--instance-url', s.url, '--no-prompt', '--alias', 'simorg', '--json'], {
      cwd: home,
      env: cliEnv({ SF_ACCESS_TOKEN: s.token }),
      timeout: CLI_TIMEOUT_MS,
    });
  }, CLI_TIMEOUT_MS * 2);

  afterAll(async () => {
    await s?.sim.stop();
    removeTempDirs();
  });

  it(
    'creates the user with the profile, the content flag and English, assigns Warden_Integration and prints the next steps',
    async () => {
      const result = await script('setup-service-account.sh', ['--target-org', 'simorg', '--username', 'orgwarden@example.com', '--email', 'admin@example.com']);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
      const user = s.sim.store.all('User').find((u) => u['Username'] === 'orgwarden@example.com');
      expect(user).toMatchObject({ ProfileId: WARDEN_PROFILE, UserPermissionsSFContentUser: true, LanguageLocaleKey: 'en_US', LastName: 'OrgWarden', Email: 'admin@example.com', Alias: 'orgwarde', CreatedById: ADMIN });
      const assignments = s.sim.store.all('PermissionSetAssignment').filter((a) => a['AssigneeId'] === user?.Id);
      expect(assignments.map((a) => a['PermissionSetId'])).toEqual([WARDEN_PERMSET]);
      expect(result.stdout).toContain('sf org login jwt --username orgwarden@example.com');
      expect(result.stdout).toContain('Lock sessions to the IP address');
      expect(result.stdout).toContain('Content Deliveries');
    },
    CLI_TIMEOUT_MS * 2,
  );

  it(
    'says to deploy the package first when the profile is missing',
    async () => {
      s.sim.store.hardDelete(WARDEN_PROFILE);
      const result = await script('setup-service-account.sh', ['--target-org', 'simorg', '--username', 'someone@example.com', '--email', 'a@example.com']);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: expect.stringContaining("profile 'Warden Integration' not found") });
    },
    CLI_TIMEOUT_MS,
  );
});
