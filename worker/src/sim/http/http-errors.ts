/**
 * REST errors the way Salesforce sends them: HTTP status plus a JSON array of
 * `{message, errorCode, fields?}` (jsforce turns one element into an error named by errorCode).
 */
export interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class SfHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SfHttpError';
  }

  body(): SfErrorBody[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const notFound = (message = 'The requested resource does not exist'): SfHttpError => new SfHttpError(404, 'NOT_FOUND', message);

/** 405 with Salesforce's wording and the methods the resource does allow. */
export function methodNotAllowed(method: string, allowed: string[]): SfHttpError {
  return new SfHttpError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`);
}

/** 401 for a missing, unknown, expired or revoked session; `WWW-Authenticate: Token` as Salesforce sends. */
export function invalidSession(): SfHttpError {
  return new SfHttpError(401, 'INVALID_SESSION_ID', 'Session expired or invalid', undefined, { 'WWW-Authenticate': 'Token' });
}

/** 403 once the org's rolling 24-hour allocation is used up. */
export function requestLimitExceeded(): SfHttpError {
  return new SfHttpError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
}

export function jsonParserError(message: string): SfHttpError {
  return new SfHttpError(400, 'JSON_PARSER_ERROR', message);
}

/** OAuth endpoints answer `{error, error_description}` instead of the REST array. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}
