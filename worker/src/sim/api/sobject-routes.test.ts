import { ADMIN, ALICE, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';
import { to18 } from '../ids';

let s: StartedSim;
const alerts = () => s.conn.sobject('Warden_Alert__c');
const lastStatus = () => s.sim.requestLog.at(-1)?.status;

beforeAll(async () => {
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

describe('create, read, update, delete', () => {
  it('creates a record stamped with the session user and the simulated clock', async () => {
    const result = await alerts().create({ Name: 'Failed logins', Alert_Key__c: 'k-1', Severity__c: 'High', Event_Count__c: 12, User__c: ALICE, First_Occurrence__c: '2024-01-07T08:00:00Z' });
    expect(result).toEqual({ id: expect.stringMatching(/^a00[a-zA-Z0-9]{15}$/), success: true, errors: [] });
    expect(lastStatus()).toBe(201);
    const stored = s.sim.store.get(String(result.id));
    expect(stored).toMatchObject({ OwnerId: ADMIN, CreatedById: ADMIN, IsDeleted: false, CreatedDate: '2024-01-08T12:00:00.000+0000', First_Occurrence__c: '2024-01-07T08:00:00.000+0000' });
    const read = await alerts().retrieve(String(result.id));
    expect(read).toMatchObject({ attributes: { type: 'Warden_Alert__c', url: `/services/data/v62.0/sobjects/Warden_Alert__c/${result.id}` }, Name: 'Failed logins', Event_Count__c: 12, Evidence__c: null });
    const some = await s.conn.request<Record<string, unknown>>(`/sobjects/Warden_Alert__c/${result.id}?fields=Name,Severity__c`);
    expect(Object.keys(some)).toEqual(['attributes', 'Name', 'Severity__c']);
  });

  it('updates (204) and soft-deletes (204), then says the record is deleted', async () => {
    const { id } = await alerts().create({ Name: 'A', Alert_Key__c: 'k-2' });
    s.sim.clock.advance(60_000);
    await expect(alerts().update({ Id: String(id), Severity__c: 'Low' })).resolves.toMatchObject({ id, success: true });
    expect(lastStatus()).toBe(204);
    expect(s.sim.store.get(String(id))).toMatchObject({ Severity__c: 'Low', LastModifiedDate: '2024-01-08T12:01:00.000+0000' });
    await alerts().destroy(String(id));
    expect(lastStatus()).toBe(204);
    expect(s.sim.store.get(String(id))?.['IsDeleted']).toBe(true);
    await expect(alerts().destroy(String(id))).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
    await expect(alerts().update({ Id: String(id), Name: 'B' })).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
  });

  it('answers 404 for records that do not exist', async () => {
    await expect(alerts().retrieve(to18('a00000000000000'))).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    await expect(alerts().retrieve('not-an-id')).rejects.toMatchObject({ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: not-an-id' });
    await expect(s.conn.sobject('Nope__c').retrieve('a00000000000000')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    await expect(alerts().update({ Id: ALICE, Name: 'x' })).rejects.toMatchObject({ errorCode: 'MALFORMED_ID', message: `Warden Alert ID: id value of incorrect type: ${ALICE}` });
  });
});

describe('upsert by external id', () => {
  it('creates (201, created:true) then updates (200, created:false) the same record', async () => {
    const first = await alerts().upsert({ Alert_Key__c: 'k upsert 1', Name: 'Spray', Event_Count__c: 1 }, 'Alert_Key__c');
    expect(first).toMatchObject({ success: true, created: true });
    expect(lastStatus()).toBe(201);
    const second = await alerts().upsert({ Alert_Key__c: 'k upsert 1', Event_Count__c: 2 }, 'Alert_Key__c');
    expect(second).toMatchObject({ id: first.id, success: true, created: false });
    expect(lastStatus()).toBe(200);
    expect(s.sim.store.all('Warden_Alert__c').filter((r) => r['Alert_Key__c'] === 'k upsert 1')).toEqual([expect.objectContaining({ Event_Count__c: 2, Name: 'Spray' })]);
  });

  it('treats the case-sensitive Alert_Key__c as case-sensitive', async () => {
    await alerts().upsert({ Alert_Key__c: 'CaseKey', Name: 'x' }, 'Alert_Key__c');
    await expect(alerts().upsert({ Alert_Key__c: 'casekey', Name: 'y' }, 'Alert_Key__c')).resolves.toMatchObject({ created: true });
  });

  it('answers 300 when several records match, 404 for a field that is no external id', async () => {
    await alerts().create([{ Name: 'p1', Policy_Id__c: 'dup' }, { Name: 'p2', Policy_Id__c: 'dup' }]);
    await expect(alerts().upsert({ Policy_Id__c: 'dup', Name: 'p3' }, 'Policy_Id__c')).rejects.toMatchObject({ errorCode: 'MULTIPLE_CHOICES' });
    expect(lastStatus()).toBe(300);
    await expect(alerts().upsert({ Name: 'x', Severity__c: 'Low' }, 'Name')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});

describe('write errors', () => {
  it.each<[string, Record<string, unknown>, string, string[] | undefined]>([
    ['a required field is missing', { Alert_Key__c: 'e1' }, 'REQUIRED_FIELD_MISSING', ['Name']],
    ['a restricted picklist gets another value', { Name: 'x', Severity__c: 'Critical' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Severity__c']],
    ['a field does not exist', { Name: 'x', Nope__c: 1 }, 'INVALID_FIELD', undefined],
    ['a read-only field is set', { Name: 'x', CreatedDate: '2024-01-01T00:00:00Z' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['CreatedDate']],
    ['a lookup gets an id of another object', { Name: 'x', User__c: to18('00e5g000000Adm1') }, 'MALFORMED_ID', ['User__c']],
    ['a lookup gets an id nobody has', { Name: 'x', User__c: to18('0055g00000Nobod') }, 'INVALID_CROSS_REFERENCE_KEY', ['User__c']],
    ['a number field gets text', { Name: 'x', Event_Count__c: 'many' }, 'JSON_PARSER_ERROR', undefined],
  ])('refuses a create where %s', async (_case, record, errorCode, fields) => {
    const err = await alerts().create(record).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ errorCode });
    if (fields) expect((err as { data: { fields: string[] } }).data.fields).toEqual(fields);
    expect(lastStatus()).toBe(400);
  });

  it('enforces unique fields with DUPLICATE_VALUE', async () => {
    const { id } = await alerts().create({ Name: 'u', Alert_Key__c: 'unique-1' });
    await expect(alerts().create({ Name: 'u2', Alert_Key__c: 'unique-1' })).rejects.toMatchObject({ errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: Alert_Key__c duplicates value on record with id: ${id}` });
  });

  it('answers malformed JSON with JSON_PARSER_ERROR', async () => {
    const res = await rawFetch(`${s.url}/services/data/v62.0/sobjects/Warden_Alert__c/`, { method: 'POST', token: s.token, body: '{"Name":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })]);
  });
});

describe('standard objects keep their supported calls', () => {
  it('refuses writes to read-only objects with 405', async () => {
    await expect(s.conn.sobject('LoginHistory').create({ SourceIp: '192.0.2.1' })).rejects.toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'POST' not allowed. Allowed are GET,HEAD" });
    const [trail] = s.sim.store.all('SetupAuditTrail');
    await expect(s.conn.sobject('SetupAuditTrail').destroy(String(trail?.Id))).rejects.toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD" });
  });

  it('lets UserLogin be frozen but not moved to another user', async () => {
    const { records } = await s.conn.query<{ Id: string }>(`SELECT Id FROM UserLogin WHERE UserId = '${ALICE}'`);
    const login = { Id: String(records[0]?.Id) };
    await s.conn.sobject('UserLogin').update({ Id: login.Id, IsFrozen: true });
    expect(s.sim.store.get(login.Id)?.['IsFrozen']).toBe(true);
    await expect(s.conn.sobject('UserLogin').update({ Id: login.Id, UserId: ADMIN })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    await s.conn.sobject('UserLogin').update({ Id: login.Id, IsFrozen: false });
  });

  it('ends the sessions of a user who is deactivated', async () => {
    const aliceToken = s.sim.issueAccessToken('alice@example.com');
    await s.conn.sobject('User').update({ Id: ALICE, IsActive: false });
    expect((await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: aliceToken })).status).toBe(401);
    await s.conn.sobject('User').update({ Id: ALICE, IsActive: true });
  });

  it('describes objects and fields', async () => {
    const describe = await alerts().describe();
    expect(describe).toMatchObject({ name: 'Warden_Alert__c', keyPrefix: 'a00', custom: true, createable: true });
    expect(describe.fields.find((f) => f.name === 'Alert_Key__c')).toMatchObject({ type: 'string', externalId: true, unique: true });
    const global = await s.conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['LoginHistory', 'EventLogFile', 'Warden_Alert__c']));
  });
});
