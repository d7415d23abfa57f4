/**
 * Salesforce errors classified by their `errorCode` (jsforce puts it on `err.errorCode` and
 * `err.name`), never by message text, which is localized and changes between releases.
 */
import { OrgWardenError } from '../errors';

export type ErrorClass = 'session' | 'rate-limit' | 'transient' | 'permanent';

const SESSION = new Set(['INVALID_SESSION_ID', 'invalid_grant', 'INVALID_AUTH_HEADER', 'sf:INVALID_SESSION_ID']);
const RATE_LIMIT = new Set(['REQUEST_LIMIT_EXCEEDED', 'sf:REQUEST_LIMIT_EXCEEDED']);
const TRANSIENT = new Set([
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'QUERY_TIMEOUT',
  'ERROR_HTTP_500',
  'ERROR_HTTP_502',
  'ERROR_HTTP_503',
  'ERROR_HTTP_504',
  'ERROR_HTTP_420',
  'ERROR_HTTP_429',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function errorCodeOf(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { errorCode?: unknown; code?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.errorCode === 'string') return e.errorCode;
  if (typeof e.code === 'string') return e.code;
  const causeCode = errorCodeOf(e.cause);
  if (causeCode) return causeCode;
  // jsforce names OAuth errors after the `error` field (e.g. `invalid_grant`).
  if (typeof e.name === 'string' && e.name !== 'Error' && !e.name.endsWith('Error')) return e.name;
  return undefined;
}

export function classify(err: unknown): ErrorClass {
  const code = errorCodeOf(err) ?? '';
  if (SESSION.has(code)) return 'session';
  if (RATE_LIMIT.has(code)) return 'rate-limit';
  if (TRANSIENT.has(code) || /^ERROR_HTTP_5\d\d$/.test(code)) return 'transient';
  if (err instanceof TypeError && /fetch failed|socket|network/i.test(err.message)) return 'transient';
  return 'permanent';
}

/** Wraps a jsforce error into OrgWarden's catalogue, keeping Salesforce's errorCode in `data`. */
export function toOrgWardenError(err: unknown, what: string): OrgWardenError {
  if (err instanceof OrgWardenError) return err;
  const errorCode = errorCodeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  const kind = classify(err);
  const code =
    kind === 'session' ? 'SF_AUTH_FAILED' : kind === 'rate-limit' ? 'SF_REQUEST_LIMIT' : kind === 'transient' ? 'SF_UNAVAILABLE' : 'SF_API_ERROR';
  const actions =
    kind === 'session'
      ? ['re-authenticate the org (new access token, or check the connected app / JWT key)']
      : kind === 'rate-limit'
        ? ['wait for the rolling 24 h API allocation to free up, or raise the org allocation']
        : [];
  return new OrgWardenError(code, `${what}: ${errorCode ? `${errorCode}: ` : ''}${message}`, {
    cause: err,
    data: { errorCode },
    actions,
  });
}
