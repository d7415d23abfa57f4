import { ids, soqlError, testContext } from './__tests__/test-org';
import { A, G2, L, S, U1, U2, U3, sampleRecords } from './__tests__/test-records';

const ctx = () => testContext(sampleRecords());
const alerts = (where: string) => ids(`SELECT Id FROM Warden_Alert__c WHERE ${where}`, ctx());
const logins = (where: string) => ids(`SELECT Id FROM LoginHistory WHERE ${where}`, ctx());

describe('WHERE comparisons', () => {
  it.each([
    ['Hits__c = 3', [A[0]]],
    ['Hits__c != 3', [A[1], A[2], A[3]]],
    ['Hits__c <> 3', [A[1], A[2], A[3]]],
    ['Hits__c < 3', [A[2], A[3]]],
    ['Hits__c <= 3', [A[0], A[2], A[3]]],
    ['Hits__c > 3', [A[1]]],
    ['Hits__c >= 3', [A[0], A[1]]],
    ['Score__c > 50.5', [A[0], A[3]]],
    ['Score__c >= -1', [A[0], A[1], A[3]]],
  ])('compares numbers: %s', (where, expected) => {
    expect(alerts(where)).toEqual(expected);
  });

  it('compares text case-insensitively', () => {
    expect(alerts("Severity__c = 'HIGH'")).toEqual([A[0]]);
    expect(alerts("Name = 'password SPRAY'")).toEqual([A[1]]);
    expect(alerts("Severity__c > 'High'")).toEqual([A[1], A[2]]);
  });

  it('treats null as a value only = and != can match', () => {
    expect(alerts('Score__c = null')).toEqual([A[2]]);
    expect(alerts('Score__c != null')).toEqual([A[0], A[1], A[3]]);
    expect(alerts('Score__c < 50')).toEqual([A[1]]);
    expect(alerts("Severity__c != 'High'")).toEqual([A[1], A[2], A[3]]);
  });

  it("reads '' as null for text fields, since Salesforce stores no empty text", () => {
    expect(ids("SELECT Id FROM User WHERE Email = ''", ctx())).toEqual([U2, U3]);
    expect(ids("SELECT Id FROM User WHERE Email != ''", ctx())).toEqual([U1]);
    expect(ids("SELECT Id FROM User WHERE Email IN ('', 'nobody@example.com')", ctx())).toEqual([U2, U3]);
  });

  it('keeps rows with a null field under != and NOT, like SOQL', () => {
    expect(alerts('Detected_On__c != 2026-11-20')).toEqual([A[1], A[2], A[3]]);
    expect(alerts('NOT Score__c > 50')).toEqual([A[1], A[2]]);
  });

  it('compares booleans', () => {
    expect(logins('OptionsIsGet = true')).toEqual([L[1]]);
    expect(logins('OptionsIsGet = FALSE')).toEqual([L[0], L[2], L[3], L[4]]);
  });

  it('combines AND, OR, NOT and parentheses', () => {
    expect(alerts("Hits__c > 0 AND (Severity__c = 'High' OR Severity__c = 'Critical')")).toEqual([A[0], A[3]]);
    expect(alerts("(Hits__c > 5 OR Score__c > 90) AND (NOT Severity__c = 'Critical')")).toEqual([A[1]]);
    expect(alerts("NOT (Severity__c IN ('High', 'Medium'))")).toEqual([A[2], A[3]]);
  });

  it('matches 15-char ids case-sensitively and 18-char ids whatever their case', () => {
    expect(ids(`SELECT Id FROM User WHERE Id = '${U2.slice(0, 15)}'`, ctx())).toEqual([U2]);
    expect(logins(`Id = '${L[1].slice(0, 15)}'`)).toEqual([L[1]]);
    expect(logins(`Id = '${L[1].slice(0, 15).toLowerCase()}'`)).toEqual([]);
    expect(logins(`Id = '${L[1].toLowerCase()}'`)).toEqual([L[1]]);
    expect(ids(`SELECT Id FROM SetupAuditTrail WHERE CreatedById = '${U1}'`, ctx())).toEqual([S[0]]);
    expect(ids(`SELECT Id FROM User WHERE Id > '${U1}' ORDER BY Id`, ctx())).toEqual([U2, U3]);
  });

  it('rejects a malformed id like Salesforce', () => {
    const error = soqlError("SELECT Id FROM User WHERE Id = '005-not-an-id'", ctx());
    expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(error.message).toContain('invalid ID field: 005-not-an-id');
  });

  it('filters on parent relationship paths, a missing parent counting as null', () => {
    expect(logins("LoginGeo.Country = 'united states'")).toEqual([L[1]]);
    expect(logins('LoginGeo.City = null')).toEqual([L[2], L[3], L[4]]);
    expect(ids("SELECT Id FROM SetupAuditTrail WHERE CreatedBy.Profile.Name = 'Standard User'", ctx())).toEqual([S[1]]);
    expect(logins(`LoginGeoId = '${G2}' OR LoginGeo.Country = 'France'`)).toEqual([L[0], L[1]]);
  });
});

describe('IN and NOT IN', () => {
  it('matches any listed value', () => {
    expect(alerts("Severity__c IN ('high', 'LOW')")).toEqual([A[0], A[2]]);
    expect(alerts('Hits__c IN (0, 10)')).toEqual([A[1], A[2]]);
    expect(ids(`SELECT Id FROM User WHERE Id IN ('${U1}', '${U3.slice(0, 15)}')`, ctx())).toEqual([U1, U3]);
    expect(alerts('Detected_On__c IN (2026-11-19, 2026-11-20)')).toEqual([A[0], A[1]]);
  });

  it('keeps nulls under NOT IN unless null is listed', () => {
    expect(alerts('Score__c NOT IN (87.5, 42)')).toEqual([A[2], A[3]]);
    expect(alerts('Score__c NOT IN (87.5, null)')).toEqual([A[1], A[3]]);
    expect(alerts('Score__c IN (null, 42)')).toEqual([A[1], A[2]]);
  });
});

describe('LIKE', () => {
  it.each([
    ["Name LIKE 'p%'", [A[1]]],
    ["Name LIKE '%ADMIN'", [A[2]]],
    ["Name LIKE '%a%'", [A[0], A[1], A[2], A[3]]],
    ["Name LIKE 'Dormant_admin'", [A[2]]],
    ["Name LIKE 'Dormant_'", []],
    ["Name LIKE '100\\%%'", [A[3]]],
    ["Name LIKE '100%\\_rate'", [A[3]]],
    ["Name LIKE '%\\_%'", [A[3]]],
    ["Name LIKE 'impossible travel'", [A[0]]],
    ["Name LIKE '(.*)'", []],
  ])('matches %s', (where, expected) => {
    expect(alerts(where)).toEqual(expected);
  });

  it('is not fooled by regex characters or keywords in the pattern', () => {
    expect(ids("SELECT Id FROM SetupAuditTrail WHERE Display LIKE '%\\'bob\\'%'", ctx())).toEqual([S[0]]);
    expect(ids("SELECT Id FROM SetupAuditTrail WHERE Display LIKE '% OR 1=1 %'", ctx())).toEqual([]);
  });

  it('rejects \\% outside LIKE', () => {
    expect(soqlError("SELECT Id FROM Warden_Alert__c WHERE Name = '100\\%'", ctx()).errorCode).toBe('MALFORMED_QUERY');
  });

  it('works on text fields only', () => {
    const error = soqlError("SELECT Id FROM Warden_Alert__c WHERE Hits__c LIKE '1%'", ctx());
    expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });
});

describe('WHERE type checks', () => {
  it.each([
    ["Hits__c = '3'", "value of filter criterion for field 'Hits__c' must be of type integer and should not be enclosed in quotes"],
    ['Name = 3', "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"],
    ["CreatedDate > '2026-11-20T00:00:00Z'", "field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
    ['CreatedDate > 2026-11-20', "field 'CreatedDate' must be of type dateTime"],
    ['Detected_On__c = 2026-11-20T00:00:00Z', "field 'Detected_On__c' must be of type date"],
    ["IsDeleted = 'true'", "field 'IsDeleted' must be of type boolean"],
    ['Name = TODAY', "field 'Name' must be of type string"],
    ['User__c = 5', "field 'User__c' must be of type id and should be enclosed in quotes"],
  ])('rejects %s with INVALID_FIELD', (where, message) => {
    const error = soqlError(`SELECT Id FROM Warden_Alert__c WHERE ${where}`, ctx());
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain(message);
  });

  it('rejects filtering on a non-filterable field', () => {
    const error = soqlError("SELECT Id FROM LoginHistory WHERE Status = 'Success'", ctx());
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain("field 'Status' can not be filtered in a query call");
    expect(soqlError("SELECT Id FROM Warden_Alert__c WHERE Evidence__c LIKE '%Paris%'", ctx()).errorCode).toBe('INVALID_FIELD');
    expect(soqlError("SELECT Id FROM Warden_Alert__c WHERE Payload__c != null", ctx()).errorCode).toBe('INVALID_FIELD');
    expect(soqlError("SELECT Id FROM Warden_Alert__c WHERE Notes__c = 'x'", ctx()).message).toContain("field 'Notes__c' can not be filtered");
  });

  it('still selects a non-filterable field', () => {
    expect(ids('SELECT Id, Status, SourceIp FROM LoginHistory LIMIT 1', ctx())).toEqual([L[0]]);
  });

  it('rejects range operators on booleans', () => {
    expect(soqlError('SELECT Id FROM LoginHistory WHERE OptionsIsGet > false', ctx()).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });
});
