/**
 * Guard: SOQL the simulator does not implement must fail with MALFORMED_QUERY, never come back
 * with rows computed by ignoring the part it does not understand.
 */
import { soqlError, testContext } from './__tests__/test-org';
import { sampleRecords } from './__tests__/test-records';

const ctx = () => testContext(sampleRecords());

describe('unsupported SOQL is rejected, not mis-answered', () => {
  it.each([
    ['FIELDS()', 'SELECT FIELDS(ALL) FROM User LIMIT 200', 'FIELDS()'],
    ['COUNT(field)', 'SELECT COUNT(Id) FROM User', 'COUNT()'],
    ['aggregates', 'SELECT MAX(CreatedDate) FROM User', 'MAX()'],
    ['toLabel()', 'SELECT toLabel(LoginType) FROM LoginHistory', 'toLabel()'],
    ['FORMAT()', 'SELECT FORMAT(CreatedDate) FROM User', 'FORMAT()'],
    ['child sub-query', 'SELECT Id, (SELECT Id FROM LoginHistories) FROM User', 'sub-query'],
    ['TYPEOF', 'SELECT TYPEOF Owner WHEN User THEN Name END FROM Warden_Alert__c', 'TYPEOF'],
    ['semi-join', 'SELECT Id FROM User WHERE Id IN (SELECT UserId FROM LoginHistory)', 'Semi-join'],
    ['anti-join', 'SELECT Id FROM User WHERE Id NOT IN (SELECT UserId FROM LoginHistory)', 'Semi-join'],
    ['INCLUDES', "SELECT Id FROM Warden_Alert__c WHERE Tags__c INCLUDES ('geo')", 'INCLUDES'],
    ['EXCLUDES', "SELECT Id FROM Warden_Alert__c WHERE Tags__c EXCLUDES ('geo')", 'EXCLUDES'],
    ['WITH', 'SELECT Id FROM User WITH SECURITY_ENFORCED', 'WITH'],
    ['GROUP BY', 'SELECT LoginType FROM LoginHistory GROUP BY LoginType', 'GROUP BY'],
    ['HAVING', 'SELECT Id FROM User HAVING COUNT(Id) > 1', 'HAVING'],
    ['USING SCOPE', 'SELECT Id FROM User USING SCOPE Mine', 'USING SCOPE'],
    ['FOR UPDATE', 'SELECT Id FROM User LIMIT 1 FOR UPDATE', 'FOR UPDATE'],
    ['FOR VIEW', 'SELECT Id FROM User FOR VIEW', 'FOR VIEW'],
    ['ALL ROWS', 'SELECT Id FROM User ALL ROWS', 'ALL ROWS'],
    ['SOSL', 'FIND {alice} IN ALL FIELDS RETURNING User(Id)', 'SOSL'],
    ['object alias', 'SELECT u.Id FROM User u', 'alias'],
    ['several objects', 'SELECT Id FROM LoginHistory, LoginHistory.LoginGeo', 'Several objects'],
    ['object-name prefix', 'SELECT User.Name FROM User', 'Prefixing fields'],
    ['polymorphic parent', 'SELECT Owner.Name FROM Warden_Alert__c', 'Polymorphic'],
    ['function in WHERE', 'SELECT Id FROM User WHERE CALENDAR_YEAR(CreatedDate) = 2026', 'CALENDAR_YEAR()'],
    ['function in ORDER BY', 'SELECT Id FROM User ORDER BY CALENDAR_YEAR(CreatedDate)', 'CALENDAR_YEAR()'],
    ['multi-select equality', "SELECT Id FROM Warden_Alert__c WHERE Tags__c = 'geo;travel'", 'multipicklist'],
    ['time field filter', 'SELECT Id FROM Warden_Alert__c WHERE Review_Time__c = 10', 'time'],
    ['currency literal', 'SELECT Id FROM Warden_Alert__c WHERE Score__c > USD50', 'Currency'],
    ['date literal in IN', 'SELECT Id FROM LoginHistory WHERE LoginTime IN (TODAY)', 'IN (…)'],
    ['OFFSET with COUNT()', 'SELECT COUNT() FROM User OFFSET 1', 'OFFSET with COUNT()'],
  ])('%s', (_label, soql, mention) => {
    const error = soqlError(soql, ctx());
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain(mention);
  });

  it.each([
    ['SELECT Id, COUNT() FROM User', 'COUNT() must be the only element'],
    ['SELECT COUNT() FROM User ORDER BY Name', "COUNT() can't be used with ORDER BY"],
    ['SELECT Id FROM LoginHistory WHERE LoginTime > null', 'null can only be compared with = or !='],
  ])('rejects what Salesforce rejects: %s', (soql, mention) => {
    const error = soqlError(soql, ctx());
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain(mention);
  });

  it('allows null equality on multi-select picklists', () => {
    expect(() => soqlError('SELECT Id FROM Warden_Alert__c WHERE Tags__c != null', ctx())).toThrow(/unexpectedly succeeded/);
  });
});
