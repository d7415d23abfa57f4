import { FakeConnection } from '../../../test/helpers/fake-connection';
import { silentLogger } from '../logger';
import { OrgClient } from '../salesforce/org-client';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { MemoryQuotaStore } from '../salesforce/quota-store';
import type { Alert } from './alert';
import { ALERT_RECORD_FIELDS, toAlertRecord, writeAlerts } from './write-back';

const alert: Alert = {
  policy: 'failed-logins',
  severity: 'high',
  userId: '0058d0000Ac0011AQA',
  username: 'dana.lee@acme.example',
  occurredAt: '2026-11-19T02:10:00.000Z',
  lastSeenAt: '2026-11-19T02:21:00.000Z',
  ip: '203.0.113.66',
  country: 'US',
  count: 14,
  key: 'failed-logins:0058d0000Ac0011AQA:2026-11-19T02:10:00.000Z',
  title: 'x'.repeat(200),
  evidence: { failures: 14 },
  policyName: 'Multiple failed login attempts',
  description: 'desc',
  mitre: ['T1110', 'T1110.001'],
};

const WIRE_CHECK = {
  string: (v: unknown) => typeof v === 'string',
  number: (v: unknown) => typeof v === 'number',
  datetime: (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v),
  reference: (v: unknown) => typeof v === 'string' && /^005\w{12}(\w{3})?$/.test(v),
};

describe('alert write-back', () => {
  it('sends exactly the declared fields, each of its declared type, and never Status or Classification', () => {
    const record = toAlertRecord(alert);
    expect(Object.keys(record).sort()).toEqual(Object.keys(ALERT_RECORD_FIELDS).sort());
    for (const [field, type] of Object.entries(ALERT_RECORD_FIELDS)) expect([field, WIRE_CHECK[type](record[field])]).toEqual([field, true]);
    expect(record).toMatchObject({ Severity__c: 'High', Event_Count__c: 14, MITRE_Technique__c: 'T1110, T1110.001' });
    expect((record.Name as string).length).toBe(80);
  });

  it('links the user only when the id is a User id', () => {
    expect(toAlertRecord({ ...alert, userId: '00Q000000000001' }).User__c).toBeNull();
  });

  it('upserts on Alert_Key__c through sObject collections, 200 records per call', async () => {
    const connection = new FakeConnection();
    const calls: unknown[] = [];
    connection.request = async <T>(req: Parameters<FakeConnection['request']>[0]): Promise<T> => {
      calls.push(req);
      const body = JSON.parse(req.body!) as { records: unknown[] };
      return body.records.map(() => ({ success: true, created: true, errors: [] })) as T;
    };
    const governor = new QuotaGovernor(new MemoryQuotaStore(), { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, silentLogger());
    const client = new OrgClient('00D000000000001', connection, governor, silentLogger());
    const alerts = Array.from({ length: 450 }, (_, i) => ({ ...alert, key: `k${i}` }));
    const result = await writeAlerts(client, alerts);
    expect(result).toEqual({ written: 450, failed: [] });
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({ method: 'PATCH', url: '/composite/sobjects/Warden_Alert__c/Alert_Key__c' });
    const first = JSON.parse((calls[0] as { body: string }).body) as { allOrNone: boolean; records: Array<Record<string, unknown>> };
    expect(first.allOrNone).toBe(false);
    expect(first.records).toHaveLength(200);
    expect(first.records[0]).toMatchObject({ attributes: { type: 'Warden_Alert__c' }, Alert_Key__c: 'k0' });
  });
});
