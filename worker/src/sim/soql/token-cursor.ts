import type { SoqlError } from './api';
import { soqlErrorAt, unsupportedAt } from './error-location';
import type { Token, WordToken } from './lexer';

/** Walks the token list for the recursive-descent parser and builds positioned errors. */
export class TokenCursor {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    readonly soql: string,
  ) {}

  peek(ahead = 0): Token {
    const token = this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
    if (!token) throw new Error('token list always ends with eof');
    return token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  /** Whether the token `ahead` is the keyword `upper` (keywords are case-insensitive). */
  isWord(upper: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && token.upper === upper;
  }

  isPunct(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'punct' && token.text === text;
  }

  acceptWord(upper: string): boolean {
    if (!this.isWord(upper)) return false;
    this.next();
    return true;
  }

  expectWord(upper: string): WordToken {
    const token = this.peek();
    if (token.kind !== 'word' || token.upper !== upper) throw this.unexpected(token);
    this.next();
    return token;
  }

  expectAnyWord(): WordToken {
    const token = this.peek();
    if (token.kind !== 'word') throw this.unexpected(token);
    this.next();
    return token;
  }

  expectPunct(text: string): Token {
    if (!this.isPunct(text)) throw this.unexpected(this.peek());
    return this.next();
  }

  unexpected(token: Token = this.peek()): SoqlError {
    return soqlErrorAt('MALFORMED_QUERY', this.soql, token.pos, `unexpected token: '${token.text}'`);
  }

  unsupported(token: Token, what: string): SoqlError {
    return unsupportedAt(this.soql, token.pos, what);
  }

  malformed(token: Token, reason: string): SoqlError {
    return soqlErrorAt('MALFORMED_QUERY', this.soql, token.pos, reason);
  }
}
