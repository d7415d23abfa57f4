/**
 * WHERE clause grammar, as Salesforce's own parser accepts it:
 *   logical     := NOT conditional | conditional (AND conditional)* | conditional (OR conditional)*
 *   conditional := '(' logical ')' | fieldExpression
 * so AND and OR never mix at one level without parentheses ("Parentheses are required whenever
 * you mix the operators"), and NOT takes a single field expression or a parenthesised group.
 */
import type { ComparisonOperator, Condition, FieldPath, Literal } from './ast';
import { relativeDateShape } from './date-literals';
import type { Token } from './lexer';
import type { TokenCursor } from './token-cursor';

const INT32_MAX = 2_147_483_647;

export function parsePath(c: TokenCursor): FieldPath {
  const first = c.expectAnyWord();
  const segments = [{ text: first.text, pos: first.pos }];
  while (c.isPunct('.')) {
    c.next();
    const seg = c.expectAnyWord();
    segments.push({ text: seg.text, pos: seg.pos });
  }
  return { segments, pos: first.pos };
}

export function parseCondition(c: TokenCursor): Condition {
  if (c.isWord('NOT')) {
    c.next();
    return { kind: 'not', operand: parseConditional(c) };
  }
  const first = parseConditional(c);
  const joiner = c.isWord('AND') ? 'AND' : c.isWord('OR') ? 'OR' : undefined;
  if (!joiner) return first;
  const operands = [first];
  while (c.acceptWord(joiner)) operands.push(parseConditional(c));
  return { kind: joiner === 'AND' ? 'and' : 'or', operands };
}

function parseConditional(c: TokenCursor): Condition {
  if (c.isPunct('(')) {
    c.next();
    const inner = parseCondition(c);
    c.expectPunct(')');
    return inner;
  }
  return parseFieldExpression(c);
}

const OPERATOR_MAP: Record<string, ComparisonOperator> = {
  '=': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
};

function parseFieldExpression(c: TokenCursor): Condition {
  const start = c.peek();
  if (start.kind === 'word' && c.isPunct('(', 1)) {
    throw c.unsupported(start, `Function ${start.text}() in WHERE`);
  }
  const path = parsePath(c);
  const opToken = c.next();
  if (opToken.kind === 'op') {
    const op = OPERATOR_MAP[opToken.text];
    if (!op) throw c.unexpected(opToken);
    return { kind: 'compare', path, op, value: parseValue(c) };
  }
  if (opToken.kind !== 'word') throw c.unexpected(opToken);
  switch (opToken.upper) {
    case 'LIKE':
      return { kind: 'like', path, pattern: parseValue(c) };
    case 'IN':
      return { kind: 'in', path, negated: false, values: parseValueList(c) };
    case 'NOT':
      c.expectWord('IN');
      return { kind: 'in', path, negated: true, values: parseValueList(c) };
    case 'INCLUDES':
    case 'EXCLUDES':
      throw c.unsupported(opToken, `${opToken.upper} (multi-select picklist filter)`);
    default:
      throw c.unexpected(opToken);
  }
}

function parseValueList(c: TokenCursor): Literal[] {
  c.expectPunct('(');
  if (c.isWord('SELECT')) throw c.unsupported(c.peek(), 'Semi-join / anti-join sub-query');
  const values = [parseValue(c)];
  while (c.isPunct(',')) {
    c.next();
    values.push(parseValue(c));
  }
  c.expectPunct(')');
  return values;
}

function parseValue(c: TokenCursor): Literal {
  const token = c.next();
  switch (token.kind) {
    case 'string':
      return { kind: 'string', value: token.value, raw: token.raw, wildcardEscape: token.wildcardEscape, pos: token.pos };
    case 'number':
      return { kind: 'number', value: token.value, pos: token.pos };
    case 'date':
    case 'datetime':
      return { kind: token.kind, epochMs: token.epochMs, text: token.text, pos: token.pos };
    case 'word':
      return parseWordValue(c, token);
    case 'punct':
      if (token.text === ':') throw c.malformed(token, 'Bind variables only allowed in Apex code');
      throw c.unexpected(token);
    default:
      throw c.unexpected(token);
  }
}

function parseWordValue(c: TokenCursor, token: Extract<Token, { kind: 'word' }>): Literal {
  if (token.upper === 'NULL') return { kind: 'null', pos: token.pos };
  if (token.upper === 'TRUE' || token.upper === 'FALSE') {
    return { kind: 'boolean', value: token.upper === 'TRUE', pos: token.pos };
  }
  const shape = relativeDateShape(token.upper);
  if (shape === 'unsupported') throw c.unsupported(token, `Date literal ${token.upper}`);
  if (shape === 'plain') return { kind: 'relative', name: token.upper, text: token.text, pos: token.pos };
  if (shape === 'withN') return { kind: 'relative', name: token.upper, n: parseLiteralCount(c, token), text: token.text, pos: token.pos };
  if (/^[A-Z]{3}\d/.test(token.upper)) throw c.unsupported(token, 'Currency literal');
  throw c.unexpected(token);
}

function parseLiteralCount(c: TokenCursor, literal: Token): number {
  c.expectPunct(':');
  const n = c.next();
  if (n.kind !== 'number' || !n.integer || n.text.startsWith('-') || n.text.startsWith('+')) throw c.unexpected(n);
  if (n.value > INT32_MAX) throw c.malformed(n, `numeric value out of range: ${n.text} (in ${literal.text})`);
  return n.value;
}

/** LIMIT / OFFSET counts: non-negative 32-bit integers. */
export function parseCount(c: TokenCursor): number {
  const token = c.next();
  if (token.kind !== 'number' || !token.integer || /^[+-]/.test(token.text)) throw c.unexpected(token);
  if (token.value > INT32_MAX) throw c.malformed(token, `numeric value out of range: ${token.text}`);
  return token.value;
}
