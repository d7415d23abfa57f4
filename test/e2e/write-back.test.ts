/**
 * Idempotent write-back against `orgwarden sim` served over HTTP: scanning the same window twice
 * leaves one Warden_Alert__c for the burst, and a triager's Status survives the second scan.
 * The org is read back through unmodified jsforce.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { Redis } from 'ioredis';
import { ACME, jsonLines, runCli } from '../helpers/cli';
import { startSimProcess, type SimProcess } from '../helpers/sim-process';

let sim: SimProcess;
// Two CLI scans (each a Node start, every stream and all 21 policies): well over jest's 5 s default.
jest.setTimeout(60_000);

let conn: Connection;
// Scanning an org over HTTP shares the quota figure through Redis: under a key prefix of its own.
const keyPrefix = `ow-test-${randomUUID().slice(0, 8)}`;
const configFile = join(mkdtempSync(join(tmpdir(), 'ow-wb-')), 'orgwarden.json');
writeFileSync(configFile, JSON.stringify({ redis: { keyPrefix } }));

beforeAll(async () => {
  sim = await startSimProcess(ACME);
  conn = new Connection({ instanceUrl: sim.url, accessToken: sim.token, version: '62.0' });
});

afterAll(async () => {
  await sim?.stop();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${keyPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const scanArgs = () => ['scan', '--instance-url', sim.url, '--access-token', sim.token, '--config', configFile, '--json', '-'];

interface AlertRecord {
  Id: string;
  Alert_Key__c: string;
  Status__c: string;
  Severity__c: string;
  Event_Count__c: number;
  Username__c: string;
  User__c: string;
  First_Occurrence__c: string;
}

async function alertRecords(): Promise<AlertRecord[]> {
  const result = await conn.query<AlertRecord>(
    'SELECT Id, Alert_Key__c, Status__c, Severity__c, Event_Count__c, Username__c, User__c, First_Occurrence__c FROM Warden_Alert__c',
  );
  return result.records;
}

describe('write-back to Warden_Alert__c', () => {
  it('creates one record per alert, and a second scan updates it instead of adding another', async () => {
    const first = await runCli(scanArgs());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [alert] = jsonLines(first.stdout);

    const records = await alertRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      Alert_Key__c: alert!.key,
      Status__c: 'New',
      Severity__c: 'High',
      Event_Count__c: 14,
      Username__c: 'dana.lee@acme.example',
      User__c: alert!.userId,
      First_Occurrence__c: '2026-11-19T02:10:00.000+0000',
    });

    // A triager picks the alert up in Lightning …
    await conn.sobject('Warden_Alert__c').update({ Id: records[0]!.Id, Status__c: 'Investigating' });

    // … and the next scan of the same window must neither duplicate the alert nor reopen it.
    const second = await runCli(scanArgs());
    expect(second.code).toBe(0);
    expect(jsonLines(second.stdout).map((a) => a.key)).toEqual([alert!.key]);
    const after = await alertRecords();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ Id: records[0]!.Id, Status__c: 'Investigating', Event_Count__c: 14 });
  });
});
