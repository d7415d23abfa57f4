/**
 * Big objects (the Real-Time Event Monitoring stores) answer only queries along their index, with
 * BIG_OBJECT_UNSUPPORTED_OPERATION otherwise; rows come back newest first with the empty id.
 * The rules and their sources: big-object-rules.ts.
 */
import { SimSchema } from '../schema/sim-schema';
import type { SimRecord } from '../schema/types';
import { executeSoql } from './execute';
import { fakeId, rows, soqlError, testContext } from './__tests__/test-org';

const schema = SimSchema.load({ packageDir: '/nonexistent' });
const ALICE = fakeId('005', 1);
const BOB = fakeId('005', 2);

function event(n: number, userId: string, eventDate: string, extra: Record<string, unknown> = {}): SimRecord {
  return { Id: fakeId('Z0L', n), EventDate: eventDate, EventIdentifier: `e${n}`, UserId: userId, SourceIp: `192.0.2.${n}`, Status: 'Success', ...extra };
}

const LOGINS = [
  event(1, ALICE, '2026-11-20T08:00:00.000+0000'),
  event(2, BOB, '2026-11-20T09:30:00.000+0000', { Status: 'Invalid Password' }),
  event(3, ALICE, '2026-11-19T22:00:00.000+0000'),
  event(4, BOB, '2026-11-18T12:00:00.000+0000'),
];
const REPORTS = LOGINS.map((r, i) => ({ ...r, Id: fakeId('Z0R', i + 1), RowsProcessed: 10 * (i + 1) }));

const ctx = () => testContext({}, { schema, records: (sobject) => (sobject === 'LoginEvent' ? LOGINS : sobject === 'ReportEvent' ? REPORTS : []) });
const identifiers = (soql: string) => rows(soql, ctx()).map((r) => r['EventIdentifier']);

describe('big objects answer queries along their index', () => {
  it('returns rows newest first and every Id as the empty id', () => {
    const result = rows('SELECT Id, EventIdentifier FROM LoginEvent', ctx());
    expect(result.map((r) => r['EventIdentifier'])).toEqual(['e2', 'e1', 'e3', 'e4']);
    expect(result[0]).toEqual({ attributes: { type: 'LoginEvent', url: '/services/data/v62.0/sobjects/LoginEvent/000000000000000AAA' }, Id: '000000000000000AAA', EventIdentifier: 'e2' });
  });

  it.each([
    ['a range on EventDate', 'SELECT EventIdentifier FROM LoginEvent WHERE EventDate > 2026-11-19T00:00:00Z', ['e2', 'e1', 'e3']],
    ['a window on EventDate, sorted as the index', 'SELECT EventIdentifier FROM LoginEvent WHERE EventDate > 2026-11-19T00:00:00Z AND EventDate <= 2026-11-20T08:00:00Z ORDER BY EventDate DESC', ['e1', 'e3']],
    ['a date literal on EventDate', 'SELECT EventIdentifier FROM LoginEvent WHERE EventDate = TODAY', ['e2', 'e1']],
    ['EventDate = then a range on EventIdentifier', "SELECT EventIdentifier FROM LoginEvent WHERE EventDate = 2026-11-20T08:00:00Z AND EventIdentifier >= 'e1'", ['e1']],
    ['IN once, on the last field', "SELECT EventIdentifier FROM LoginEvent WHERE EventDate = 2026-11-20T08:00:00Z AND EventIdentifier IN ('e1', 'e9')", ['e1']],
    ['a LIMIT', 'SELECT EventIdentifier FROM LoginEvent LIMIT 2', ['e2', 'e1']],
    ['ReportEvent by UserId alone', `SELECT EventIdentifier FROM ReportEvent WHERE UserId = '${ALICE}'`, ['e1', 'e3']],
    ['ReportEvent by UserId and an EventDate range', `SELECT EventIdentifier FROM ReportEvent WHERE UserId = '${BOB}' AND EventDate < 2026-11-20T00:00:00Z ORDER BY EventDate DESC`, ['e4']],
  ])('answers %s', (_label, soql, expected) => {
    expect(identifiers(soql)).toEqual(expected);
  });

  it.each([
    ['an aggregate', 'SELECT COUNT() FROM LoginEvent', 'Aggregate functions not supported'],
    ['OFFSET', 'SELECT EventIdentifier FROM LoginEvent LIMIT 1 OFFSET 1', 'OFFSET'],
    ['EventIdentifier without EventDate (a gap)', "SELECT Id FROM LoginEvent WHERE EventIdentifier = 'e1'", 'index fields (EventDate, EventIdentifier)'],
    ['a range before the last field', "SELECT Id FROM LoginEvent WHERE EventDate <= 2026-11-20T08:00:00Z AND EventIdentifier = 'e1'", 'only valid on the last index field'],
    ['a date literal before the last field', "SELECT Id FROM LoginEvent WHERE EventDate = TODAY AND EventIdentifier = 'e1'", 'only valid on the last index field'],
    ['!=', 'SELECT Id FROM LoginEvent WHERE EventDate != 2026-11-20T08:00:00Z', '!='],
    ['OR', 'SELECT Id FROM LoginEvent WHERE EventDate = TODAY OR EventDate = YESTERDAY', 'OR'],
    ['NOT', 'SELECT Id FROM LoginEvent WHERE NOT EventDate = TODAY', 'NOT'],
    ['NOT IN', 'SELECT Id FROM LoginEvent WHERE EventDate NOT IN (2026-11-20T08:00:00Z)', 'NOT IN'],
    ['LIKE', "SELECT Id FROM LoginEvent WHERE EventDate = 2026-11-20T08:00:00Z AND EventIdentifier LIKE 'e%'", 'LIKE'],
    ['IN twice', "SELECT Id FROM LoginEvent WHERE EventDate IN (2026-11-20T08:00:00Z) AND EventIdentifier IN ('e1')", 'IN can be used only once'],
    ['ORDER BY ascending', 'SELECT Id FROM LoginEvent ORDER BY EventDate', 'supports only EventDate DESC'],
    ['ORDER BY EventIdentifier', 'SELECT Id FROM LoginEvent ORDER BY EventDate DESC, EventIdentifier DESC', 'supports only EventDate DESC'],
    ['ReportEvent by UserId and EventIdentifier', `SELECT Id FROM ReportEvent WHERE UserId = '${ALICE}' AND EventIdentifier = 'e1'`, 'UserId, EventDate or EventDate, EventIdentifier'],
  ])('refuses %s with BIG_OBJECT_UNSUPPORTED_OPERATION', (_label, soql, mention) => {
    const error = soqlError(soql, ctx());
    expect(error.errorCode).toBe('BIG_OBJECT_UNSUPPORTED_OPERATION');
    expect(error.message).toContain(mention);
  });

  it('keeps INVALID_FIELD for fields that cannot be filtered at all', () => {
    const error = soqlError("SELECT Id FROM LoginEvent WHERE Status = 'Success'", ctx());
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain("field 'Status' can not be filtered in a query call");
  });

  it('fails loudly on relationship paths, which the simulator does not model for big objects', () => {
    for (const soql of ['SELECT User.Username FROM LoginEvent', "SELECT Id FROM ReportEvent WHERE User.Username = 'x'"]) {
      const error = soqlError(soql, ctx());
      expect(error.errorCode).toBe('MALFORMED_QUERY');
      expect(error.message).toContain('not supported by the OrgWarden simulator');
    }
  });

  it('leaves ordinary objects alone (store order, OR, COUNT())', () => {
    const users = [{ Id: ALICE, Username: 'a@example.com', Name: 'A', IsActive: true }, { Id: BOB, Username: 'b@example.com', Name: 'B', IsActive: false }];
    const plain = testContext({ User: users }, { schema });
    expect(rows("SELECT Username FROM User WHERE IsActive = true OR Username = 'b@example.com'", plain).map((r) => r['Username'])).toEqual(['a@example.com', 'b@example.com']);
    expect(executeSoql('SELECT COUNT() FROM User', plain)).toMatchObject({ kind: 'count', totalSize: 2 });
  });
});
