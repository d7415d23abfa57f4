import { ids, rows, soqlError, testContext } from './__tests__/test-org';
import { A, L, U1, U2, U3, sampleRecords } from './__tests__/test-records';

const ctx = () => testContext(sampleRecords());

describe('ORDER BY', () => {
  it('sorts text case-insensitively', () => {
    expect(ids('SELECT Id FROM User ORDER BY Name', ctx())).toEqual([U1, U2, U3]);
    expect(ids('SELECT Id FROM User ORDER BY Name DESC', ctx())).toEqual([U3, U2, U1]);
  });

  it('puts nulls first ascending and last descending by default', () => {
    expect(ids('SELECT Id FROM Warden_Alert__c ORDER BY Score__c', ctx())).toEqual([A[2], A[1], A[0], A[3]]);
    expect(ids('SELECT Id FROM Warden_Alert__c ORDER BY Score__c DESC', ctx())).toEqual([A[3], A[0], A[1], A[2]]);
  });

  it('honours NULLS FIRST and NULLS LAST in either direction', () => {
    expect(ids('SELECT Id FROM Warden_Alert__c ORDER BY Score__c ASC NULLS LAST', ctx())).toEqual([A[1], A[0], A[3], A[2]]);
    expect(ids('SELECT Id FROM Warden_Alert__c ORDER BY Score__c DESC NULLS FIRST', ctx())).toEqual([A[2], A[3], A[0], A[1]]);
  });

  it('sorts datetimes and dates chronologically', () => {
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginTime', ctx())).toEqual([L[3], L[2], L[1], L[0], L[4]]);
    expect(ids('SELECT Id FROM Warden_Alert__c ORDER BY Detected_On__c DESC', ctx())).toEqual([A[0], A[1], A[2], A[3]]);
  });

  it('sorts on several keys, each with its own direction', () => {
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginType, LoginTime DESC', ctx())).toEqual([L[4], L[0], L[2], L[1], L[3]]);
  });

  it('keeps store order between equal keys', () => {
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginType', ctx())).toEqual([L[0], L[2], L[4], L[1], L[3]]);
    expect(ids('SELECT Id FROM LoginHistory ORDER BY OptionsIsGet DESC', ctx())).toEqual([L[1], L[0], L[2], L[3], L[4]]);
  });

  it('sorts on parent paths, an empty or dangling reference counting as null', () => {
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginGeo.Country', ctx())).toEqual([L[2], L[4], L[0], L[3], L[1]]);
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginGeo.Country DESC', ctx())).toEqual([L[1], L[3], L[0], L[2], L[4]]);
  });

  it('sorts on a field that is not selected, and on a non-filterable one', () => {
    const result = rows('SELECT SourceIp FROM LoginHistory ORDER BY Status, SourceIp DESC LIMIT 2', ctx());
    expect(result.map((r) => r.SourceIp)).toEqual(['198.51.100.7', '203.0.113.5']);
  });

  it('sorts a picklist in its defined value order, not alphabetically', () => {
    expect(ids('SELECT Id FROM Warden_Alert__c ORDER BY Severity__c', ctx())).toEqual([A[3], A[0], A[1], A[2]]);
    expect(ids('SELECT Id FROM LoginHistory ORDER BY LoginType DESC', ctx())).toEqual([L[3], L[1], L[0], L[2], L[4]]);
  });

  it('rejects sorting on base64, multi-select picklist and long text fields', () => {
    expect(soqlError('SELECT Id FROM Warden_Alert__c ORDER BY Notes__c', ctx()).errorCode).toBe('INVALID_FIELD');
    const error = soqlError('SELECT Id FROM Warden_Alert__c ORDER BY Tags__c', ctx());
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain("field 'Tags__c' can not be sorted in a query call");
    expect(soqlError('SELECT Id FROM Warden_Alert__c ORDER BY Payload__c', ctx()).errorCode).toBe('INVALID_FIELD');
  });
});
