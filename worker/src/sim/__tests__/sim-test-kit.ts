/**
 * Shared helpers for the simulator's tests: a small fixture org written to a temp directory, a
 * test package directory with a Warden_Alert__c, and a started simulator with a jsforce
 * Connection. Documentation IP ranges and made-up ids only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import { to18 } from '../ids';
import { OrgSimulator, type OrgSimulatorOptions } from '../index';

// jsforce sends every request through a configured proxy, 127.0.0.1 included (wire spec §8.4),
// so test traffic to the simulator must not see one.
// eslint-disable-next-line no-restricted-properties -- test-only helper, not configuration
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

export const ORG_ID = to18('00D5g00000ABCDE');
export const ADMIN_PROFILE = to18('00e5g000000Adm1');
export const STANDARD_PROFILE = to18('00e5g000000Std1');
export const ADMIN = to18('0055g00000Admin');
export const ALICE = to18('0055g00000Alice');
export const BOB = to18('0055g00000BobIn');
export const GEO_LONDON = to18('04F5g00000Lond1');
export const NOW = '2024-01-08T12:00:00.000Z';

export type FixtureFiles = Record<string, unknown>;

const tempDirs: string[] = [];

export function tempDir(prefix = 'orgwarden-sim-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every temp directory made so far (call in afterAll). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (JSON values or raw strings) under a fresh temp directory. */
export function writeFiles(files: FixtureFiles, dir = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 1));
  }
  return dir;
}

export const ORG_JSON = {
  organizationId: '00D5g00000ABCDE', edition: 'Enterprise Edition', language: 'en_US',
  apiRequests: { max: 15000, used: 100 }, eventMonitoring: 'shield', now: NOW,
};

/** A small org: two profiles, three users, logins with geo, audit trail, event log files. */
export function baseFiles(overrides: FixtureFiles = {}): FixtureFiles {
  return {
    'org.json': ORG_JSON,
    'records/Profile.json': [
      { Id: ADMIN_PROFILE, Name: 'System Administrator', UserType: 'Standard', CreatedDate: '2020-01-01T00:00:00.000+0000' },
      { Id: STANDARD_PROFILE, Name: 'Standard User', UserType: 'Standard', CreatedDate: '2020-01-01T00:00:00.000+0000' },
    ],
    'records/User.json': [
      { Id: ALICE, Username: 'alice@example.com', FirstName: 'Alice', LastName: 'Ng', Email: 'alice@example.com', IsActive: true, ProfileId: STANDARD_PROFILE, CreatedDate: '2021-03-01T09:00:00Z' },
      { Id: ADMIN, Username: 'admin@example.com', LastName: 'Admin', Email: 'admin@example.com', IsActive: true, ProfileId: ADMIN_PROFILE, CreatedDate: '2020-01-01T00:00:00Z' },
      { Id: BOB, Username: 'bob@example.com', LastName: 'Gone', Email: 'bob@example.com', IsActive: false, ProfileId: STANDARD_PROFILE, CreatedDate: '2021-01-01T00:00:00Z' },
    ],
    'records/LoginGeo.json': [{ Id: GEO_LONDON, City: 'London', Country: 'United Kingdom', CountryIso: 'GB', Latitude: 51.5, Longitude: -0.12 }],
    'records/LoginHistory.json': [
      { UserId: ALICE, LoginTime: '2024-01-07T08:00:00.000+0000', SourceIp: '192.0.2.10', Status: 'Success', LoginType: 'Application', LoginGeoId: GEO_LONDON },
      { UserId: ALICE, LoginTime: '2024-01-07T09:00:00.000+0000', SourceIp: '198.51.100.7', Status: 'Invalid Password', LoginType: 'Application' },
      { UserId: ADMIN, LoginTime: '2024-01-08T11:00:00.000+0000', SourceIp: '203.0.113.5', Status: 'Success', LoginType: 'Remote Access 2.0' },
      // Still in the future at NOW: invisible until the clock passes it.
      { UserId: ALICE, LoginTime: '2024-01-08T13:00:00.000+0000', SourceIp: '192.0.2.11', Status: 'Success', LoginType: 'Application' },
    ],
    'records/SetupAuditTrail.json': [
      { Action: 'PermSetAssign', Section: 'Manage Users', Display: 'Assigned permission set', CreatedById: ADMIN, CreatedDate: '2024-01-06T10:00:00.000+0000' },
    ],
    'eventlogs/Login/2024-01-06.csv': '"EVENT_TYPE","TIMESTAMP","USER_ID","SOURCE_IP","LOGIN_STATUS"\n"Login","20240106080000.000","0055g00000Alice","192.0.2.10","LOGIN_NO_ERROR"\n',
    'eventlogs/API/2024-01-07T10.csv': '"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ROWS_PROCESSED"\n"API","20240107101500.000","4a","0055g00000Alice","10"\n',
    'eventlogs/API/2024-01-07T10.2.csv': '"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ROWS_PROCESSED"\n"API","20240107105900.000","4b","0055g00000Alice","7"\n',
    ...overrides,
  };
}

const CUSTOM_FIELD = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">${body}</CustomField>\n`;

/** A package directory with a Warden_Alert__c like the real one (plus a non-unique external id). */
export function alertPackageDir(): string {
  const base = 'main/default/objects/Warden_Alert__c';
  return writeFiles({
    [`${base}/Warden_Alert__c.object-meta.xml`]: '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Warden Alert</label><nameField><label>Alert</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>\n',
    [`${base}/fields/Alert_Key__c.field-meta.xml`]: CUSTOM_FIELD('<fullName>Alert_Key__c</fullName><caseSensitive>true</caseSensitive><externalId>true</externalId><label>Alert Key</label><length>255</length><type>Text</type><unique>true</unique>'),
    [`${base}/fields/Policy_Id__c.field-meta.xml`]: CUSTOM_FIELD('<fullName>Policy_Id__c</fullName><externalId>true</externalId><label>Policy Id</label><length>80</length><type>Text</type>'),
    [`${base}/fields/Severity__c.field-meta.xml`]: CUSTOM_FIELD('<fullName>Severity__c</fullName><label>Severity</label><type>Picklist</type><valueSet><restricted>true</restricted><valueSetDefinition><value><fullName>Low</fullName></value><value><fullName>Medium</fullName></value><value><fullName>High</fullName></value></valueSetDefinition></valueSet>'),
    [`${base}/fields/User__c.field-meta.xml`]: CUSTOM_FIELD('<fullName>User__c</fullName><label>User</label><referenceTo>User</referenceTo><relationshipName>Warden_Alerts</relationshipName><type>Lookup</type>'),
    [`${base}/fields/Event_Count__c.field-meta.xml`]: CUSTOM_FIELD('<fullName>Event_Count__c</fullName><label>Event Count</label><precision>18</precision><scale>0</scale><type>Number</type>'),
    [`${base}/fields/First_Occurrence__c.field-meta.xml`]: CUSTOM_FIELD('<fullName>First_Occurrence__c</fullName><label>First Occurrence</label><type>DateTime</type>'),
    [`${base}/fields/Evidence__c.field-meta.xml`]: CUSTOM_FIELD('<fullName>Evidence__c</fullName><label>Evidence</label><length>131072</length><type>LongTextArea</type><visibleLines>10</visibleLines>'),
  });
}

export interface StartedSim {
  sim: OrgSimulator;
  url: string;
  token: string;
  /** jsforce Connection at API 62.0 with the admin's token. */
  conn: Connection;
  dir: string;
}

/** Loads a fixture (default {@link baseFiles}) with the test package dir and starts serving. */
export async function startSim(files: FixtureFiles = baseFiles(), options: OrgSimulatorOptions = {}): Promise<StartedSim> {
  const dir = writeFiles(files);
  const sim = await OrgSimulator.load(dir, { packageDir: alertPackageDir(), ...options });
  const { url } = await sim.start({ port: 0 });
  const token = sim.issueAccessToken();
  const conn = new Connection({ instanceUrl: url, accessToken: token, version: '62.0' });
  return { sim, url, token, conn, dir };
}

/** A raw HTTP call (for headers jsforce hides), bearer token optional. */
export async function rawFetch(url: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return fetch(url, { ...init, headers });
}
