import { executeSoql } from './execute';
import { ids, rows, soqlError, testContext } from './__tests__/test-org';
import { A, G1, L, P1, S, U1, U2, sampleRecords } from './__tests__/test-records';

const ctx = () => testContext(sampleRecords());

describe('SELECT projection', () => {
  it('returns attributes first, then fields in SELECT order under canonical names', () => {
    const [row] = rows(`SELECT username, ID, isactive FROM user WHERE Id = '${U1}'`, ctx());
    expect(row).toEqual({
      attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${U1}` },
      Username: 'alice@example.com',
      Id: U1,
      IsActive: true,
    });
    expect(Object.keys(row ?? {})).toEqual(['attributes', 'Username', 'Id', 'IsActive']);
  });

  it('returns null for selected fields the record does not hold', () => {
    const [row] = rows(`SELECT Id, Email FROM User WHERE Id = '${U2}'`, ctx());
    expect(row?.Email).toBeNull();
    const [carol] = rows("SELECT Email FROM User WHERE Username = 'carol@example.com'", ctx());
    expect(carol).toHaveProperty('Email', null);
  });

  it('nests parent fields of one relationship into one object with its own attributes', () => {
    const [row] = rows(`SELECT Id, LoginGeo.Country, SourceIp, LoginGeo.City FROM LoginHistory WHERE Id = '${L[0]}'`, ctx());
    expect(row).toEqual({
      attributes: { type: 'LoginHistory', url: `/services/data/v62.0/sobjects/LoginHistory/${L[0]}` },
      Id: L[0],
      LoginGeo: {
        attributes: { type: 'LoginGeo', url: `/services/data/v62.0/sobjects/LoginGeo/${G1}` },
        Country: 'France',
        City: 'Paris',
      },
      SourceIp: '192.0.2.10',
    });
  });

  it('merges paths through one relationship whatever their case', () => {
    const [row] = rows(`SELECT LOGINGEO.country, logingeo.CITY FROM LoginHistory WHERE Id = '${L[1]}'`, ctx());
    expect(row?.LoginGeo).toMatchObject({ Country: 'United States', City: 'Austin' });
    expect(Object.keys(row ?? {})).toEqual(['attributes', 'LoginGeo']);
  });

  it('returns null for the relationship when the reference is empty or points nowhere', () => {
    const result = rows(`SELECT Id, LoginGeo.Country FROM LoginHistory WHERE Id IN ('${L[2]}', '${L[4]}')`, ctx());
    expect(result.map((r) => r.LoginGeo)).toEqual([null, null]);
  });

  it('follows relationships of any depth and custom __r relationships', () => {
    const [audit] = rows(`SELECT CreatedBy.Username, CreatedBy.Profile.Name FROM SetupAuditTrail WHERE Id = '${S[0]}'`, ctx());
    expect(audit?.CreatedBy).toEqual({
      attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${U1}` },
      Username: 'alice@example.com',
      Profile: { attributes: { type: 'Profile', url: `/services/data/v62.0/sobjects/Profile/${P1}` }, Name: 'System Administrator' },
    });
    const [alert] = rows(`SELECT Name, user__r.name FROM Warden_Alert__c WHERE Id = '${A[1]}'`, ctx());
    expect(alert?.User__r).toMatchObject({ attributes: { type: 'User' }, Name: 'bob Builder' });
  });

  it('returns a base64 field as its blob URL, as REST queries do', () => {
    const result = rows('SELECT Payload__c FROM Warden_Alert__c WHERE Hits__c >= 3', ctx());
    expect(result.map((r) => r.Payload__c)).toEqual([`/services/data/v62.0/sobjects/Warden_Alert__c/${A[0]}/Payload__c`, null]);
  });

  it('uses the request API version in attributes.url', () => {
    const [row] = rows(`SELECT Id, CreatedBy.Id FROM SetupAuditTrail WHERE Id = '${S[1]}'`, testContext(sampleRecords(), { apiVersion: '66.0' }));
    expect(row?.attributes).toEqual({ type: 'SetupAuditTrail', url: `/services/data/v66.0/sobjects/SetupAuditTrail/${S[1]}` });
    expect(row?.CreatedBy).toMatchObject({ attributes: { url: `/services/data/v66.0/sobjects/User/${U2}` }, Id: U2 });
  });
});

describe('COUNT(), LIMIT, OFFSET and deleted rows', () => {
  it('answers SELECT COUNT() with the number of matches', () => {
    expect(executeSoql("SELECT COUNT() FROM LoginHistory WHERE LoginType = 'Application'", ctx()))
      .toEqual({ kind: 'count', sobject: 'LoginHistory', totalSize: 3 });
    expect(executeSoql('select count() from Warden_Alert__c', ctx())).toMatchObject({ totalSize: 4 });
  });

  it('caps COUNT() at LIMIT', () => {
    expect(executeSoql('SELECT COUNT() FROM LoginHistory LIMIT 2', ctx())).toMatchObject({ kind: 'count', totalSize: 2 });
  });

  it('applies OFFSET then LIMIT after ordering', () => {
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginTime LIMIT 2 OFFSET 1', ctx())).toEqual([L[2], L[1]]);
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginTime OFFSET 3', ctx())).toEqual([L[0], L[4]]);
    expect(ids('SELECT Id FROM LoginHistory LIMIT 0', ctx())).toEqual([]);
  });

  it('takes the first matches in store order when there is no ORDER BY', () => {
    expect(ids('SELECT Id FROM LoginHistory LIMIT 2 OFFSET 1', ctx())).toEqual([L[1], L[2]]);
  });

  it('rejects OFFSET beyond 2,000 with NUMBER_OUTSIDE_VALID_RANGE', () => {
    const error = soqlError('SELECT Id FROM User OFFSET 2001', ctx());
    expect(error.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect(error.message).toContain('Maximum SOQL offset allowed is 2000');
    expect(ids('SELECT Id FROM User OFFSET 2000', ctx())).toEqual([]);
  });

  it('skips soft-deleted rows for query and includes them for queryAll', () => {
    expect(ids('SELECT Id FROM LoginHistory', ctx())).not.toContain(L[5]);
    expect(ids('SELECT Id FROM LoginHistory', testContext(sampleRecords(), { includeDeleted: true }))).toContain(L[5]);
    expect(executeSoql('SELECT COUNT() FROM Warden_Alert__c', testContext(sampleRecords(), { includeDeleted: true })))
      .toMatchObject({ totalSize: 5 });
  });
});

describe('schema errors', () => {
  it('rejects an unknown object with INVALID_TYPE and Salesforce wording', () => {
    const error = soqlError('SELECT Id FROM Warden_Alert', ctx());
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.message).toContain("sObject type 'Warden_Alert' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.");
  });

  it('rejects a non-queryable object with INVALID_TYPE', () => {
    expect(soqlError('SELECT Id FROM AuthConfigSecret', ctx()).errorCode).toBe('INVALID_TYPE');
  });

  it.each([
    ['SELECT Id, Severity FROM Warden_Alert__c', "No such column 'Severity' on entity 'Warden_Alert__c'. If you are attempting to use a custom field, be sure to append the '__c'"],
    ['SELECT LoginGeo.Region FROM LoginHistory', "No such column 'Region' on entity 'LoginGeo'"],
    ["SELECT Id FROM User WHERE Nickname = 'a'", "No such column 'Nickname' on entity 'User'"],
    ['SELECT Id FROM User ORDER BY Nickname', "No such column 'Nickname' on entity 'User'"],
    ['SELECT User__c.Name FROM Warden_Alert__c', "Didn't understand relationship 'User__c' in field path"],
    ['SELECT Geo.Country FROM LoginHistory', "Didn't understand relationship 'Geo' in field path"],
    ['SELECT User.Name FROM LoginHistory', "Didn't understand relationship 'User'"],
  ])('rejects unknown fields with INVALID_FIELD: %s', (soql, message) => {
    const error = soqlError(soql, ctx());
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain(message);
  });

  it.each([
    ['SELECT Id, Name, id FROM User', 'duplicate field selected: Id'],
    ['SELECT LoginGeo.Country, logingeo.COUNTRY FROM LoginHistory', 'duplicate field selected: Country'],
  ])('rejects a field selected twice: %s', (soql, message) => {
    const error = soqlError(soql, ctx());
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain(message);
  });

  it('allows the same field name under different relationships', () => {
    const [row] = rows(`SELECT Name, User__r.Name FROM Warden_Alert__c WHERE Id = '${A[0]}'`, ctx());
    expect(row).toMatchObject({ Name: 'Impossible travel', User__r: { Name: 'Alice Admin' } });
  });

  it('validates the query even when the org has no rows', () => {
    expect(soqlError("SELECT Id FROM User WHERE Nickname = 'x'", testContext({})).errorCode).toBe('INVALID_FIELD');
  });
});
