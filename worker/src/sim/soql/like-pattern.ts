/**
 * SOQL LIKE patterns as anchored, case-insensitive regular expressions: `%` is any run of
 * characters, `_` exactly one, and `\%` / `\_` stand for the literal characters.
 */
import { decodeEscape } from './lexer';

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function escapeForRegex(text: string): string {
  return text.replace(REGEX_SYNTAX, '\\$&');
}

/** `raw` is the text between the quotes, undecoded (the lexer has validated its escapes). */
export function likePatternToRegExp(raw: string): RegExp {
  let source = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] as string;
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else if (ch !== '\\') source += escapeForRegex(ch);
    else {
      const decoded = decodeEscape(raw, i + 1);
      if (!decoded) throw new Error(`escape not validated by the lexer at ${i}`);
      source += escapeForRegex(decoded.text);
      i += decoded.length;
    }
  }
  return new RegExp(`^${source}$`, 'iu');
}
