import { resolveRelativeDate } from './date-literals';
import { ids, soqlError, testContext } from './__tests__/test-org';
import { A, L, sampleRecords } from './__tests__/test-records';

// Friday 2026-11-20, 15:30 UTC; en_US weeks start on Sunday.
const NOW = new Date('2026-11-20T15:30:00.000Z');

function range(name: string, n?: number): [string, string] {
  const { startMs, endMs } = resolveRelativeDate(name, n, NOW);
  return [new Date(startMs).toISOString(), new Date(endMs).toISOString()];
}

describe('resolveRelativeDate', () => {
  it.each([
    ['TODAY', undefined, '2026-11-20', '2026-11-21'],
    ['YESTERDAY', undefined, '2026-11-19', '2026-11-20'],
    ['TOMORROW', undefined, '2026-11-21', '2026-11-22'],
    ['THIS_WEEK', undefined, '2026-11-15', '2026-11-22'],
    ['LAST_WEEK', undefined, '2026-11-08', '2026-11-15'],
    ['NEXT_WEEK', undefined, '2026-11-22', '2026-11-29'],
    ['THIS_MONTH', undefined, '2026-11-01', '2026-12-01'],
    ['LAST_MONTH', undefined, '2026-10-01', '2026-11-01'],
    ['NEXT_MONTH', undefined, '2026-12-01', '2027-01-01'],
    ['THIS_QUARTER', undefined, '2026-10-01', '2027-01-01'],
    ['LAST_QUARTER', undefined, '2026-07-01', '2026-10-01'],
    ['THIS_YEAR', undefined, '2026-01-01', '2027-01-01'],
    ['LAST_90_DAYS', undefined, '2026-08-22', '2026-11-21'],
    ['NEXT_90_DAYS', undefined, '2026-11-21', '2027-02-19'],
    ['LAST_N_DAYS', 1, '2026-11-19', '2026-11-21'],
    ['LAST_N_DAYS', 7, '2026-11-13', '2026-11-21'],
    ['NEXT_N_DAYS', 2, '2026-11-21', '2026-11-23'],
    ['N_DAYS_AGO', 50, '2026-10-01', '2026-10-02'],
  ])('%s%s covers [%s, %s)', (name, n, start, end) => {
    expect(range(name, n)).toEqual([`${start}T00:00:00.000Z`, `${end}T00:00:00.000Z`]);
  });

  it('starts THIS_WEEK on the same day when today is Sunday', () => {
    const { startMs } = resolveRelativeDate('THIS_WEEK', undefined, new Date('2026-11-22T00:00:01Z'));
    expect(new Date(startMs).toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('rolls LAST_MONTH over the year boundary', () => {
    const { startMs, endMs } = resolveRelativeDate('LAST_MONTH', undefined, new Date('2027-01-15T12:00:00Z'));
    expect([new Date(startMs).toISOString(), new Date(endMs).toISOString()]).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });

  it('aligns hour literals on whole hours, the current hour included in LAST_N_HOURS', () => {
    expect(range('LAST_N_HOURS', 2)).toEqual(['2026-11-20T13:00:00.000Z', '2026-11-20T16:00:00.000Z']);
    expect(range('NEXT_N_HOURS', 1)).toEqual(['2026-11-20T16:00:00.000Z', '2026-11-20T17:00:00.000Z']);
  });
});

describe('date literals in WHERE', () => {
  const ctx = () => testContext(sampleRecords(), { now: NOW });
  const logins = (where: string) => ids(`SELECT Id FROM LoginHistory WHERE ${where}`, ctx());
  const alerts = (where: string) => ids(`SELECT Id FROM Warden_Alert__c WHERE ${where}`, ctx());

  it.each([
    ['LoginTime = TODAY', [L[0], L[4]]],
    ['LoginTime = today', [L[0], L[4]]],
    ['LoginTime != TODAY', [L[1], L[2], L[3]]],
    ['LoginTime = YESTERDAY', [L[1]]],
    ['LoginTime < TODAY', [L[1], L[2], L[3]]],
    ['LoginTime <= YESTERDAY', [L[1], L[2], L[3]]],
    ['LoginTime > YESTERDAY', [L[0], L[4]]],
    ['LoginTime >= TODAY', [L[0], L[4]]],
    ['LoginTime < TOMORROW', [L[0], L[1], L[2], L[3], L[4]]],
    ['LoginTime = LAST_N_DAYS:1', [L[0], L[1], L[4]]],
    ['LoginTime = LAST_N_DAYS : 7', [L[0], L[1], L[2], L[4]]],
    ['LoginTime > LAST_N_DAYS:7', []],
    ['LoginTime = NEXT_N_DAYS:3', []],
    ['LoginTime = THIS_WEEK', [L[0], L[1], L[4]]],
    ['LoginTime = LAST_WEEK', [L[2]]],
    ['LoginTime = LAST_MONTH', [L[3]]],
    ['LoginTime = THIS_MONTH', [L[0], L[1], L[2], L[4]]],
  ])('datetime field: %s', (where, expected) => {
    expect(logins(where)).toEqual(expected);
  });

  it.each([
    ['Detected_On__c = TODAY', [A[0]]],
    ['Detected_On__c = YESTERDAY', [A[1]]],
    ['Detected_On__c = LAST_N_DAYS:1', [A[0], A[1]]],
    ['Detected_On__c < THIS_MONTH', [A[2]]],
    ['Detected_On__c = LAST_90_DAYS', [A[0], A[1], A[2]]],
    ['Detected_On__c = N_DAYS_AGO:50', [A[2]]],
    ['Detected_On__c = 2026-11-19', [A[1]]],
    ['Detected_On__c >= 2026-11-19', [A[0], A[1]]],
  ])('date field: %s', (where, expected) => {
    expect(alerts(where)).toEqual(expected);
  });

  it.each([
    ['LoginTime > 2026-11-20T10:00:00Z', [L[4]]],
    ['LoginTime >= 2026-11-20T10:00:00.000Z', [L[0], L[4]]],
    ['LoginTime = 2026-11-20T11:00:00+01:00', [L[0]]],
    ['LoginTime < 2026-11-19T18:59:59-05:00', [L[2], L[3]]],
  ])('fixed datetimes compare chronologically: %s', (where, expected) => {
    expect(logins(where)).toEqual(expected);
  });

  it('rejects LAST_N_HOURS like a real org unless the context opts in', () => {
    const error = soqlError('SELECT Id FROM LoginHistory WHERE LoginTime = LAST_N_HOURS:1', ctx());
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain("unexpected token: 'LAST_N_HOURS'");
    const optIn = testContext(sampleRecords(), { now: NOW, acceptHourLiterals: true });
    expect(ids('SELECT Id FROM LoginHistory WHERE LoginTime = LAST_N_HOURS:1', optIn)).toEqual([L[4]]);
    expect(ids('SELECT Id FROM LoginHistory WHERE LoginTime > NEXT_N_HOURS:1', optIn)).toEqual([]);
    expect(soqlError('SELECT Id FROM Warden_Alert__c WHERE Detected_On__c = LAST_N_HOURS:1', optIn).errorCode).toBe('MALFORMED_QUERY');
  });

  it('rejects date literals the simulator does not compute', () => {
    const error = soqlError('SELECT Id FROM LoginHistory WHERE LoginTime = LAST_N_WEEKS:2', ctx());
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('LAST_N_WEEKS is not supported by the OrgWarden simulator');
    expect(soqlError('SELECT Id FROM LoginHistory WHERE LoginTime = THIS_FISCAL_YEAR', ctx()).errorCode).toBe('MALFORMED_QUERY');
  });
});
