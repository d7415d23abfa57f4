/**
 * SOQL tokenizer. Strings are decoded here (so keywords inside literals can never be mistaken
 * for syntax), and date/datetime literals are recognised before numbers because `2024-01-02`
 * would otherwise read as a number followed by two negative numbers.
 */
import { soqlErrorAt } from './error-location';
import { parseDateLiteralText, parseDateTimeLiteralText } from './temporal-values';

interface TokenBase {
  /** Offset of the first character in the query, for error positions. */
  pos: number;
  /** Source text of the token. */
  text: string;
}

export type WordToken = TokenBase & { kind: 'word'; upper: string };
export type StringToken = TokenBase & {
  kind: 'string';
  /** Decoded value (`\%` and `\_` decode to `%` and `_`). */
  value: string;
  /** Text between the quotes, undecoded: LIKE needs to tell `\%` from `%`. */
  raw: string;
  /** Whether `\%` or `\_` appears; Salesforce allows them in LIKE patterns only. */
  wildcardEscape: boolean;
};
export type NumberToken = TokenBase & { kind: 'number'; value: number; integer: boolean };
export type TemporalToken = TokenBase & { kind: 'date' | 'datetime'; epochMs: number };
export type SymbolToken = TokenBase & { kind: 'op' | 'punct' | 'eof' };
export type Token = WordToken | StringToken | NumberToken | TemporalToken | SymbolToken;

const WORD_RE = /[A-Za-z][A-Za-z0-9_]*/y;
const NUMBER_RE = /[+-]?\d+(\.\d+)?/y;
const DATE_RE = /\d{4}-\d{2}-\d{2}/y;
const DATETIME_START_RE = /\d{4}-\d{2}-\d{2}T/y;
const DATETIME_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})/y;
const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'];
const PUNCTUATION = '(),.:';
const IDENTIFIER_CHAR_RE = /[A-Za-z0-9_]/;

/** SOQL's escape sequences (Salesforce "Quoted String Escape Sequences"); `%`/`_` handled apart. */
const ESCAPES: Record<string, string> = {
  n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f',
  '"': '"', "'": "'", '\\': '\\',
};

/** Decodes the escape starting after a backslash; returns the text and how many chars it used. */
export function decodeEscape(raw: string, index: number): { text: string; length: number } | undefined {
  const ch = raw[index];
  if (ch === undefined) return undefined;
  const simple = ESCAPES[ch];
  if (simple !== undefined) return { text: simple, length: 1 };
  if (ch === '%' || ch === '_') return { text: ch, length: 1 };
  if (ch === 'u' && /^[0-9A-Fa-f]{4}$/.test(raw.slice(index + 1, index + 5))) {
    return { text: String.fromCharCode(parseInt(raw.slice(index + 1, index + 5), 16)), length: 5 };
  }
  return undefined;
}

function matchAt(re: RegExp, soql: string, pos: number): string | undefined {
  re.lastIndex = pos;
  const m = re.exec(soql);
  return m ? m[0] : undefined;
}

function lexString(soql: string, start: number): StringToken {
  let value = '';
  let wildcardEscape = false;
  let i = start + 1;
  while (i < soql.length) {
    const ch = soql[i] as string;
    if (ch === "'") {
      const raw = soql.slice(start + 1, i);
      return { kind: 'string', pos: start, text: soql.slice(start, i + 1), value, raw, wildcardEscape };
    }
    if (ch !== '\\') {
      value += ch;
      i += 1;
      continue;
    }
    const decoded = decodeEscape(soql, i + 1);
    if (!decoded) throw soqlErrorAt('MALFORMED_QUERY', soql, i, `Invalid string literal: illegal escape sequence '\\${soql[i + 1] ?? ''}'`);
    if (soql[i + 1] === '%' || soql[i + 1] === '_') wildcardEscape = true;
    value += decoded.text;
    i += 1 + decoded.length;
  }
  throw soqlErrorAt('MALFORMED_QUERY', soql, soql.length, "mismatched character '<EOF>' expecting '''");
}

function lexTemporal(soql: string, pos: number): TemporalToken | undefined {
  if (matchAt(DATETIME_START_RE, soql, pos) !== undefined) {
    const text = matchAt(DATETIME_RE, soql, pos);
    const epochMs = text === undefined ? undefined : parseDateTimeLiteralText(text);
    if (text === undefined || epochMs === undefined) {
      throw soqlErrorAt('MALFORMED_QUERY', soql, pos,
        'Invalid dateTime literal: use YYYY-MM-DDThh:mm:ssZ, YYYY-MM-DDThh:mm:ss+hh:mm or YYYY-MM-DDThh:mm:ss-hh:mm');
    }
    return { kind: 'datetime', pos, text, epochMs };
  }
  const text = matchAt(DATE_RE, soql, pos);
  if (text === undefined) return undefined;
  const epochMs = parseDateLiteralText(text);
  if (epochMs === undefined) throw soqlErrorAt('MALFORMED_QUERY', soql, pos, `Invalid date literal: ${text}`);
  return { kind: 'date', pos, text, epochMs };
}

function lexNumberOrTemporal(soql: string, pos: number): Token | undefined {
  const temporal = /\d/.test(soql[pos] ?? '') ? lexTemporal(soql, pos) : undefined;
  if (temporal) return temporal;
  const text = matchAt(NUMBER_RE, soql, pos);
  if (text === undefined) return undefined;
  return { kind: 'number', pos, text, value: Number(text), integer: !text.includes('.') };
}

function lexOne(soql: string, pos: number): Token {
  const ch = soql[pos] as string;
  if (ch === "'") return lexString(soql, pos);
  const word = matchAt(WORD_RE, soql, pos);
  if (word !== undefined) return { kind: 'word', pos, text: word, upper: word.toUpperCase() };
  const numeric = lexNumberOrTemporal(soql, pos);
  if (numeric) return numeric;
  const op = OPERATORS.find((candidate) => soql.startsWith(candidate, pos));
  if (op) return { kind: 'op', pos, text: op };
  if (PUNCTUATION.includes(ch)) return { kind: 'punct', pos, text: ch };
  throw soqlErrorAt('MALFORMED_QUERY', soql, pos, `unexpected token: '${ch}'`);
}

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < soql.length) {
    if (/\s/.test(soql[pos] as string)) {
      pos += 1;
      continue;
    }
    const token = lexOne(soql, pos);
    const end = token.pos + token.text.length;
    // `5abc` or `2024-01-02x` must not silently split into two tokens.
    if (token.kind !== 'word' && token.kind !== 'string' && token.kind !== 'op' && token.kind !== 'punct'
      && IDENTIFIER_CHAR_RE.test(soql[end] ?? '')) {
      throw soqlErrorAt('MALFORMED_QUERY', soql, pos, `unexpected token: '${soql.slice(pos, end + 1)}'`);
    }
    tokens.push(token);
    pos = end;
  }
  tokens.push({ kind: 'eof', pos: soql.length, text: '<EOF>' });
  return tokens;
}
