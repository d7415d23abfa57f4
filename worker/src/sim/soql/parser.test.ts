import { SoqlError } from './api';
import { tokenize } from './lexer';
import { parseSoql } from './parser';

function parseError(soql: string): SoqlError {
  try {
    parseSoql(soql);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`parsed: ${soql}`);
}

describe('tokenize', () => {
  it('keeps keywords inside string literals as data', () => {
    const tokens = tokenize("SELECT Id FROM User WHERE Name = 'x FROM y WHERE z OR 1=1'");
    const strings = tokens.filter((t) => t.kind === 'string');
    expect(strings).toHaveLength(1);
    expect(strings[0]).toMatchObject({ value: 'x FROM y WHERE z OR 1=1' });
  });

  it('decodes SOQL escape sequences', () => {
    const [token] = tokenize("'Bob\\'s \\\\ \\\"BBQ\\\" \\n\\t\\u00e9'");
    expect(token).toMatchObject({ kind: 'string', value: 'Bob\'s \\ "BBQ" \n\té' });
  });

  it('marks \\% and \\_ so only LIKE may use them', () => {
    const [token] = tokenize("'100\\%'");
    expect(token).toMatchObject({ value: '100%', raw: '100\\%', wildcardEscape: true });
  });

  it('rejects escapes Salesforce does not define', () => {
    expect(() => tokenize("'C:\\temp\\x'")).toThrow(/illegal escape sequence '\\x'/);
  });

  it('rejects an unterminated string', () => {
    const error = parseError("SELECT Id FROM User WHERE Name = 'abc");
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toMatch(/<EOF>/);
  });

  it.each([
    ['2026-11-20T00:00:00Z', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20T00:00:00.250Z', '2026-11-20T00:00:00.250Z'],
    ['2026-11-20T01:00:00+01:00', '2026-11-20T00:00:00.000Z'],
    ['2026-11-19T19:00:00-05:00', '2026-11-20T00:00:00.000Z'],
  ])('reads datetime literal %s as UTC', (text, iso) => {
    const [token] = tokenize(text);
    expect(token?.kind).toBe('datetime');
    expect(token && 'epochMs' in token ? new Date(token.epochMs).toISOString() : '').toBe(iso);
  });

  it.each(['2026-11-20T00:00:00', '2026-11-20T00:00:00-0500', '2026-11-20T25:00:00Z', '2026-02-30'])(
    'rejects malformed temporal literal %s',
    (text) => {
      expect(() => tokenize(text)).toThrow(SoqlError);
    },
  );

  it('reads a date literal and negative numbers', () => {
    const kinds = tokenize('2026-11-20 -5 3.25').map((t) => t.kind);
    expect(kinds).toEqual(['date', 'number', 'number', 'eof']);
  });
});

describe('parseSoql', () => {
  it('parses clauses case-insensitively across lines', () => {
    const statement = parseSoql('select Id,\n  LoginGeo.Country\nfrom LoginHistory\nwhere LoginTime > 2026-01-01T00:00:00Z\norder by LoginTime desc nulls first\nlimit 10 offset 5');
    expect(statement.items).toHaveLength(2);
    expect(statement.from.name).toBe('LoginHistory');
    expect(statement.orderBy[0]).toMatchObject({ descending: true, nullsFirst: true });
    expect(statement).toMatchObject({ limit: 10, offset: 5 });
  });

  it('defaults ORDER BY to ASC NULLS FIRST and DESC NULLS LAST', () => {
    const statement = parseSoql('SELECT Id FROM User ORDER BY Name, Username DESC');
    expect(statement.orderBy.map((o) => o.nullsFirst)).toEqual([true, false]);
  });

  it('groups a run of ANDs, or of ORs, into one node', () => {
    const statement = parseSoql("SELECT Id FROM User WHERE Name = 'a' AND IsActive = true AND Username != null");
    expect(statement.where).toMatchObject({ kind: 'and' });
    expect(statement.where && 'operands' in statement.where ? statement.where.operands : []).toHaveLength(3);
  });

  it('accepts mixed AND/OR when parenthesised', () => {
    const statement = parseSoql("SELECT Id FROM User WHERE Name = 'a' AND (IsActive = true OR Username = 'b')");
    expect(statement.where).toMatchObject({ kind: 'and', operands: [{ kind: 'compare' }, { kind: 'or' }] });
  });

  it.each([
    "SELECT Id FROM User WHERE Name = 'a' AND IsActive = true OR Username = 'b'",
    "SELECT Id FROM User WHERE Name = 'a' OR IsActive = true AND Username = 'b'",
    "SELECT Id FROM User WHERE NOT Name = 'a' AND IsActive = true",
    "SELECT Id FROM User WHERE Name = 'a' AND NOT IsActive = true",
  ])('rejects unparenthesised mixing, as Salesforce does: %s', (soql) => {
    const error = parseError(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toMatch(/unexpected token/);
  });

  it('accepts NOT over a parenthesised group, and NOT inside parentheses next to AND', () => {
    const bare = parseSoql("SELECT Id FROM User WHERE NOT (Name = 'a' OR Name = 'b')");
    expect(bare.where).toMatchObject({ kind: 'not', operand: { kind: 'or' } });
    const mixed = parseSoql("SELECT Id FROM User WHERE (NOT Name = 'a') AND Username NOT IN ('c')");
    expect(mixed.where).toMatchObject({ kind: 'and', operands: [{ kind: 'not' }, { kind: 'in', negated: true }] });
  });

  it('reports position and token like Salesforce', () => {
    const error = parseError('SELECT Id FRM User');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('ERROR at Row:1:Column:11');
    expect(error.message).toContain("unexpected token: 'FRM'");
  });

  it('reports the row on multi-line queries', () => {
    const error = parseError('SELECT Id\nFROM User\nWHERE Name = ');
    expect(error.message).toContain('ERROR at Row:3:Column:14');
  });

  it.each([
    'SELECT FROM User',
    'SELECT Id, FROM User',
    'SELECT Id FROM User WHERE',
    'SELECT Id FROM User LIMIT',
    'SELECT Id FROM User LIMIT -1',
    'SELECT Id FROM User LIMIT 1.5',
    'SELECT Id FROM User OFFSET 1 LIMIT 1',
    "SELECT Id FROM User WHERE Name = 'a' ORDER BY",
    'SELECT Id FROM User ORDER Name',
    'SELECT Id FROM User ORDER BY Name NULLS',
    'SELECT Id FROM User;',
    'SELECT * FROM User',
    'SELECT Id FROM User WHERE Name = "a"',
    'SELECT Id FROM User WHERE Name = a',
    'SELECT Id FROM User WHERE CreatedDate = LAST_N_DAYS',
    'SELECT Id FROM User WHERE CreatedDate = LAST_N_DAYS:-1',
    'SELECT Id FROM User WHERE Name IN ()',
  ])('rejects malformed syntax: %s', (soql) => {
    expect(parseError(soql).errorCode).toBe('MALFORMED_QUERY');
  });

  it('rejects LIMIT beyond a 32-bit integer', () => {
    expect(parseError('SELECT Id FROM User LIMIT 2147483648').message).toMatch(/numeric value out of range/);
  });

  it('explains bind variables', () => {
    expect(parseError('SELECT Id FROM User WHERE Id = :userId').message).toContain('Bind variables only allowed in Apex code');
  });
});
