import { removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;
const alerts = () => s.conn.sobject('Warden_Alert__c');
const stored = (key: string) => s.sim.store.all('Warden_Alert__c').filter((r) => r['Alert_Key__c'] === key && r['IsDeleted'] !== true);

beforeAll(async () => {
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

describe('sObject collections', () => {
  it('creates many records in one call, reporting each record in order (HTTP 200)', async () => {
    const results = await alerts().create([{ Name: 'a', Alert_Key__c: 'c-1' }, { Alert_Key__c: 'c-2' }, { Name: 'c', Alert_Key__c: 'c-3' }]);
    expect(s.sim.requestLog.at(-1)).toMatchObject({ method: 'POST', path: '/services/data/v62.0/composite/sobjects', status: 200 });
    expect(results).toEqual([
      { id: expect.stringMatching(/^a00/), success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] },
      { id: expect.stringMatching(/^a00/), success: true, errors: [] },
    ]);
    expect(stored('c-3')).toHaveLength(1);
  });

  it('rolls every record back with allOrNone when one fails', async () => {
    const results = await alerts().create([{ Name: 'a', Alert_Key__c: 'r-1' }, { Name: 'b', Severity__c: 'Nope' }], { allOrNone: true });
    expect(results[0]).toEqual({ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] });
    expect(results[1]).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }] });
    expect(stored('r-1')).toHaveLength(0);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ Name: `n${i}` }));
    await expect(alerts().create(many)).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
    expect(s.sim.requestLog.at(-1)?.status).toBe(400);
  });

  it('updates and deletes many records', async () => {
    const created = await alerts().create([{ Name: 'u1', Alert_Key__c: 'u-1' }, { Name: 'u2', Alert_Key__c: 'u-2' }]);
    const ids = created.map((r) => String(r.id));
    const updated = await alerts().update(ids.map((Id) => ({ Id, Severity__c: 'Medium' })));
    expect(updated.every((r) => r.success)).toBe(true);
    expect(s.sim.requestLog.at(-1)).toMatchObject({ method: 'PATCH', path: '/services/data/v62.0/composite/sobjects' });
    expect(stored('u-1')[0]?.['Severity__c']).toBe('Medium');
    const deleted = await alerts().destroy(ids);
    expect(deleted).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    expect(stored('u-1')).toHaveLength(0);
    const again = await alerts().destroy(ids);
    expect(again[0]).toMatchObject({ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED' }] });
  });

  it('upserts many records by external id, reporting created', async () => {
    await alerts().create({ Name: 'existing', Alert_Key__c: 'up-1', Event_Count__c: 1 });
    const results = await alerts().upsert([{ Alert_Key__c: 'up-1', Event_Count__c: 5 }, { Alert_Key__c: 'up-2', Name: 'new' }], 'Alert_Key__c');
    expect(s.sim.requestLog.at(-1)).toMatchObject({ method: 'PATCH', path: '/services/data/v62.0/composite/sobjects/Warden_Alert__c/Alert_Key__c', status: 200 });
    expect(results).toEqual([
      { id: expect.any(String), success: true, errors: [], created: false },
      { id: expect.any(String), success: true, errors: [], created: true },
    ]);
    expect(stored('up-1')[0]?.['Event_Count__c']).toBe(5);
  });

  it('refuses the same external id twice in one upsert', async () => {
    const results = await alerts().upsert([{ Alert_Key__c: 'twice', Name: 'a' }, { Alert_Key__c: 'twice', Name: 'b' }], 'Alert_Key__c');
    expect(results.map((r) => (r.errors[0] as unknown as { statusCode: string } | undefined)?.statusCode)).toEqual(['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']);
    expect(stored('twice')).toHaveLength(0);
  });

  it('retrieves many records with the chosen fields', async () => {
    const created = await alerts().create([{ Name: 'r1', Alert_Key__c: 'get-1' }, { Name: 'r2', Alert_Key__c: 'get-2' }]);
    const rows = await alerts().retrieve(created.map((r) => String(r.id)), { fields: ['Name', 'Alert_Key__c'] });
    expect(rows.map((r) => [r?.['Name'], r?.['Alert_Key__c']])).toEqual([['r1', 'get-1'], ['r2', 'get-2']]);
  });
});
