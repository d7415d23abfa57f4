/**
 * @salesforce/core's Connection reading the posture APIs: the Tooling query of Health Check and
 * the Metadata API (SOAP) read of SecuritySettings (sfdx-core's envelope also carries a
 * `CallOptions` header, which Salesforce accepts on every call).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { baseFiles, removeTempDirs, startSim, tempDir, type StartedSim } from './sim-test-kit';

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
  s = await startSim(baseFiles({
    'security/HealthCheck.json': { score: 72, risks: [{ RiskType: 'HIGH_RISK', Setting: 'Maximum invalid login attempts', SettingGroup: 'Password Policies', OrgValue: 'No limit', StandardValue: '5' }] },
    'security/SecuritySettings.json': { passwordPolicies: { maxLoginAttempts: 'NoLimit', minimumPasswordLength: 8 }, sessionSettings: { lockSessionsToIp: true } },
  }));
});
afterAll(async () => {
  await s.sim.stop();
  process.env['HOME'] = savedHome;
  removeTempDirs();
});

it('reads Health Check through Tooling and SecuritySettings through the Metadata API', async () => {
  const { AuthInfo, Connection } = await import('@salesforce/core');
  const authInfo = await AuthInfo.create({ username: s.token, accessTokenOptions: { accessToken: s.token, instanceUrl: s.url, loginUrl: s.url } });
  const conn = await Connection.create({ authInfo, connectionOptions: { version: '62.0' } });
  const check = await conn.tooling.query<{ Score: string }>('SELECT Score FROM SecurityHealthCheck');
  expect(check.records.map((r) => r.Score)).toEqual(['72']);
  const risks = await conn.tooling.query<{ Setting: string; OrgValue: string }>("SELECT Setting, OrgValue FROM SecurityHealthCheckRisks WHERE RiskType = 'HIGH_RISK'");
  expect(risks.records.map((r) => [r.Setting, r.OrgValue])).toEqual([['Maximum invalid login attempts', 'No limit']]);
  const settings = (await conn.metadata.read('SecuritySettings', 'Security')) as unknown as Record<string, Record<string, unknown>>;
  expect(settings['passwordPolicies']).toEqual({ maxLoginAttempts: 'NoLimit', minimumPasswordLength: '8' });
  expect(settings['sessionSettings']).toMatchObject({ lockSessionsToIp: true });
  const soapCall = s.sim.requestLog.find((e) => e.path === '/services/Soap/m/62.0');
  expect(soapCall).toMatchObject({ status: 200, authorized: false, body: { operation: 'readMetadata', args: { type: 'SecuritySettings', fullNames: ['Security'] } } });
});
