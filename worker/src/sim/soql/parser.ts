/**
 * SOQL statement parser: SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET], clauses in
 * Salesforce's order. Real SOQL features the simulator does not implement are recognised by
 * name and rejected with MALFORMED_QUERY, so a query is never answered with partial semantics.
 */
import type { OrderItem, SelectItem, SelectStatement } from './ast';
import { tokenize } from './lexer';
import { parseCondition, parseCount, parsePath } from './parse-condition';
import { TokenCursor } from './token-cursor';

/** Words that can follow the FROM object; anything else there would be an alias. */
const AFTER_FROM = new Set(['WHERE', 'WITH', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FOR', 'UPDATE', 'USING', 'ALL']);

const CLAUSES_NOT_SUPPORTED: Record<string, string> = {
  USING: 'USING SCOPE',
  WITH: 'WITH (SECURITY_ENFORCED, USER_MODE, DATA CATEGORY …)',
  GROUP: 'GROUP BY',
  HAVING: 'HAVING',
};

export function parseSoql(soql: string): SelectStatement {
  const c = new TokenCursor(tokenize(soql), soql);
  c.expectWord('SELECT');
  const items = parseSelectList(c);
  c.expectWord('FROM');
  const from = parseFrom(c);
  rejectClause(c, ['USING']);
  const where = c.acceptWord('WHERE') ? parseCondition(c) : undefined;
  rejectClause(c, ['WITH', 'GROUP', 'HAVING']);
  const statement: SelectStatement = { items, from, where, orderBy: [] };
  parseTail(c, statement);
  return statement;
}

function rejectClause(c: TokenCursor, words: string[]): void {
  const token = c.peek();
  if (token.kind !== 'word' || !words.includes(token.upper)) return;
  throw c.unsupported(token, CLAUSES_NOT_SUPPORTED[token.upper] ?? token.upper);
}

function parseTail(c: TokenCursor, statement: SelectStatement): void {
  if (c.isWord('ORDER')) {
    statement.orderByPos = c.next().pos;
    c.expectWord('BY');
    statement.orderBy = parseOrderBy(c);
  }
  if (c.acceptWord('LIMIT')) statement.limit = parseCount(c);
  if (c.isWord('OFFSET')) {
    statement.offsetPos = c.next().pos;
    statement.offset = parseCount(c);
  }
  const token = c.peek();
  if (c.isWord('FOR') || c.isWord('UPDATE')) throw c.unsupported(token, 'FOR VIEW / FOR REFERENCE / FOR UPDATE / UPDATE TRACKING');
  if (c.isWord('ALL') && c.isWord('ROWS', 1)) throw c.unsupported(token, 'ALL ROWS (use queryAll)');
  if (token.kind !== 'eof') throw c.unexpected(token);
}

function parseSelectList(c: TokenCursor): SelectItem[] {
  const items = [parseSelectItem(c)];
  while (c.isPunct(',')) {
    c.next();
    items.push(parseSelectItem(c));
  }
  return items;
}

function parseSelectItem(c: TokenCursor): SelectItem {
  const token = c.peek();
  if (token.kind === 'punct' && token.text === '(') {
    throw c.unsupported(token, 'Relationship sub-query in SELECT');
  }
  if (token.kind !== 'word' || token.upper === 'FROM') throw c.unexpected(token);
  if (token.upper === 'TYPEOF') throw c.unsupported(token, 'TYPEOF');
  if (!c.isPunct('(', 1)) return { kind: 'field', path: parsePath(c) };
  if (token.upper === 'COUNT' && c.isPunct(')', 2)) {
    c.next();
    c.next();
    c.next();
    return { kind: 'count', pos: token.pos };
  }
  const what = token.upper === 'FIELDS' ? 'FIELDS()' : `Function ${token.text}() in SELECT (only a bare COUNT() is)`;
  throw c.unsupported(token, what);
}

function parseFrom(c: TokenCursor): { name: string; pos: number } {
  const object = c.expectAnyWord();
  if (c.isPunct(',')) throw c.unsupported(c.peek(), 'Several objects in FROM');
  if (c.isPunct('.')) throw c.unexpected(c.peek());
  const after = c.peek();
  if (after.kind === 'word' && !AFTER_FROM.has(after.upper)) {
    throw c.unsupported(after, `Object alias '${after.text}'`);
  }
  return { name: object.text, pos: object.pos };
}

function parseOrderBy(c: TokenCursor): OrderItem[] {
  const items = [parseOrderItem(c)];
  while (c.isPunct(',')) {
    c.next();
    items.push(parseOrderItem(c));
  }
  return items;
}

function parseOrderItem(c: TokenCursor): OrderItem {
  const start = c.peek();
  if (start.kind === 'word' && c.isPunct('(', 1)) throw c.unsupported(start, `Function ${start.text}() in ORDER BY`);
  const path = parsePath(c);
  let descending = false;
  if (c.acceptWord('DESC')) descending = true;
  else c.acceptWord('ASC');
  let nullsFirst = !descending;
  if (c.acceptWord('NULLS')) {
    if (c.acceptWord('FIRST')) nullsFirst = true;
    else if (c.acceptWord('LAST')) nullsFirst = false;
    else throw c.unexpected();
  }
  return { path, descending, nullsFirst };
}
