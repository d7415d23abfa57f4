/**
 * @salesforce/core against the simulator: AuthInfo from an access token ("token as username",
 * no HTTP), Connection.create without a version (so it discovers the newest one), then a query.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { removeTempDirs, startSim, tempDir, type StartedSim } from './sim-test-kit';

let s: StartedSim;
const savedHome = process.env['HOME'];

beforeAll(async () => {
  // sfdx-core keeps its config and keychain under HOME: never touch the real one.
  // Jest's process.env is the sandbox's copy, which os.homedir() does not read: redirect it too.
  const home = tempDir('orgwarden-sfdx-home-');
  process.env['HOME'] = home;
  jest.spyOn(os, 'homedir').mockReturnValue(home);
  // A home where the sf CLI has run once. sfdx-core creates a missing alias file itself, but its
  // `instanceof Error` check fails on errors from Jest's other realm, so give it one.
  mkdirSync(join(home, '.sfdx'), { recursive: true });
  writeFileSync(join(home, '.sfdx', 'alias.json'), '{"orgs":{}}');
  process.env['SF_USE_GENERIC_UNIX_KEYCHAIN'] = 'true';
  process.env['SF_DISABLE_TELEMETRY'] = 'true';
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  process.env['HOME'] = savedHome;
  removeTempDirs();
});

it('authenticates with the token, discovers API 66.0 and queries', async () => {
  const { AuthInfo, Connection } = await import('@salesforce/core');
  const authInfo = await AuthInfo.create({ username: s.token, accessTokenOptions: { accessToken: s.token, instanceUrl: s.url, loginUrl: s.url } });
  const conn = await Connection.create({ authInfo });
  expect(conn.getApiVersion()).toBe('66.0');
  const result = await conn.query<{ Id: string; Username: string }>('SELECT Id, Username FROM User WHERE IsActive = true ORDER BY Username');
  expect(result.records.map((r) => r.Username)).toEqual(['admin@example.com', 'alice@example.com']);
  const discovery = s.sim.requestLog.find((e) => e.path === '/services/data');
  expect(discovery?.status).toBe(200);
  const query = s.sim.requestLog.find((e) => e.path.startsWith('/services/data/v66.0/query'));
  expect(query?.headers['sforce-call-options']).toMatch(/client=sfdx toolbelt:/);
  expect(authInfo.getFields().orgId).toBe(s.token.split('!')[0]);
});
