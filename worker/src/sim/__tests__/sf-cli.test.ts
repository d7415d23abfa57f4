/**
 * The Salesforce CLI against the simulator: `sf org login access-token` stores the org (userinfo,
 * the user record, version discovery, org details), then `sf data query` runs a query and asks
 * for its column metadata (`&columns=true`). The CLI runs as a child process — asynchronously, so
 * the in-process simulator keeps serving — with HOME in a temp dir so no real CLI state is read
 * or written.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { removeTempDirs, startSim, tempDir, type StartedSim } from './sim-test-kit';

const runFile = promisify(execFile);
const SF_RUN = path.resolve(__dirname, '../../../../node_modules/@salesforce/cli/bin/run.js');
// Logging in and one query take a few seconds (the CLI loads its plugins on each start).
const CLI_TIMEOUT_MS = 90_000;

let s: StartedSim;
let home: string;

function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, SF_USE_GENERIC_UNIX_KEYCHAIN: 'true', SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', ...extra };
  // Keep every CLI file under the temp HOME, and talk to 127.0.0.1 directly (no proxy).
  for (const name of ['XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'SF_TARGET_ORG', 'http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete env[name];
  return env;
}

async function sf(args: string[], extraEnv: Record<string, string> = {}): Promise<{ status: number; result: Record<string, unknown> }> {
  const { stdout } = await runFile(process.execPath, [SF_RUN, ...args, '--json'], { cwd: home, env: cliEnv(extraEnv), timeout: CLI_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { status: number; result: Record<string, unknown> };
}

beforeAll(async () => {
  home = tempDir('orgwarden-sf-home-');
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

it(
  'logs in with an access token, then `sf data query` returns the records',
  async () => {
    const login = await sf(['org', 'login', 'access-token', '--instance-url', s.url, '--no-prompt', '--alias', 'simorg'], { SF_ACCESS_TOKEN: s.token });
    expect(login.status).toBe(0);
    expect(login.result).toMatchObject({ username: 'admin@example.com', orgId: s.sim.organizationId });
    // The CLI keeps the URL with a trailing slash and then calls `//services/…`, which Salesforce (and the simulator) serve.
    expect(login.result['instanceUrl']).toBe(`${s.url}/`);

    const query = await sf(['data', 'query', '--query', 'SELECT Id, Username FROM User ORDER BY Username', '--target-org', 'simorg']);
    expect(query.status).toBe(0);
    const records = (query.result['records'] as Array<Record<string, unknown>>).map(({ attributes: _a, ...r }) => r);
    expect(records).toEqual(s.sim.store.all('User').map((u) => ({ Id: u.Id, Username: u['Username'] })).sort((a, b) => String(a.Username).localeCompare(String(b.Username))));
    expect(query.result['totalSize']).toBe(3);
    // The CLI asked for the column metadata of the query, and got it.
    const columns = s.sim.requestLog.find((e) => e.path.includes('columns=true'));
    expect(columns?.status).toBe(200);
  },
  CLI_TIMEOUT_MS * 2,
);
