import { dateTimeLiteral, escapeString, likeLiteral, literal, raw, soql } from './soql';

describe('soql tagged template', () => {
  it('quotes and escapes interpolated strings so they cannot change the query', () => {
    const name = "x' OR Name != '";
    expect(soql`SELECT Id FROM User WHERE Username = ${name}`).toBe("SELECT Id FROM User WHERE Username = 'x\\' OR Name != \\''");
  });

  it('escapes backslashes, quotes and control characters per SOQL escape sequences', () => {
    expect(escapeString('a\\b\'c"d\ne\tf')).toBe('a\\\\b\\\'c\\"d\\ne\\tf');
  });

  it('writes dates as unquoted UTC datetime literals with whole seconds', () => {
    expect(soql`WHERE LoginTime >= ${new Date('2026-11-20T10:11:12.999Z')}`).toBe('WHERE LoginTime >= 2026-11-20T10:11:12Z');
    expect(dateTimeLiteral(Date.parse('2026-11-20T00:00:00Z'))).toBe('2026-11-20T00:00:00Z');
  });

  it('writes IN lists, numbers, booleans and null', () => {
    expect(soql`WHERE Id IN ${['005A', "005'B"]} AND N = ${3} AND B = ${true} AND C = ${null}`).toBe(
      "WHERE Id IN ('005A', '005\\'B') AND N = 3 AND B = true AND C = null",
    );
  });

  it('refuses values SOQL cannot express', () => {
    expect(() => literal(Number.NaN)).toThrow(/finite/);
    expect(() => literal([])).toThrow(/empty/);
    expect(() => raw("Name = 'x'")).toThrow(/quotes/);
  });

  it('escapes LIKE wildcards in literal text', () => {
    expect(soql`WHERE Name LIKE ${likeLiteral("50%_off's", { suffix: true })}`).toBe("WHERE Name LIKE '50\\%\\_off\\'s%'");
  });
});
