/**
 * Removes credentials from anything that may reach a log, an error message or job data.
 * Keys are matched case-insensitively; values are matched by the shapes Salesforce secrets take.
 */

export const SECRET_KEYS = [
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'sid',
  'sessionId',
  'authorization',
  'Authorization',
  'privateKey',
  'clientSecret',
  'client_secret',
  'password',
  'assertion',
];

const SECRET_KEY_SET = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

// Salesforce session ids / OAuth access tokens: 15- or 18-char org id, '!', then the opaque part.
const SESSION_ID = /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+/g;
// JWTs (JWT-bearer assertions, ID tokens): three base64url segments starting with '{"' encoded.
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer)\s+[^\s"']+/gi;

export function scrubString(text: string): string {
  return text.replace(SESSION_ID, '[redacted]').replace(JWT, '[redacted]').replace(BEARER, '$1 [redacted]');
}

export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, depth + 1));
  if (value instanceof Error) return scrubError(value, depth);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY_SET.has(key.toLowerCase()) ? '[redacted]' : scrubSecrets(inner, depth + 1);
  }
  return out;
}

/** A copy of the error with message, stack and enumerable properties scrubbed; stays an Error. */
function scrubError(err: Error, depth: number): Error {
  const copy = new Error(scrubString(err.message));
  copy.name = err.name;
  copy.stack = err.stack === undefined ? undefined : scrubString(err.stack);
  for (const [key, inner] of Object.entries(err)) {
    (copy as unknown as Record<string, unknown>)[key] = SECRET_KEY_SET.has(key.toLowerCase())
      ? '[redacted]'
      : scrubSecrets(inner, depth + 1);
  }
  return copy;
}
