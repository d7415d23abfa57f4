/**
 * Checks an OAuth 2.0 JWT-bearer assertion as Salesforce does: RS256 only, `iss` = the connected
 * app's consumer key, `sub` (legacy `prn` wins) = the username, `aud` = the login host, `exp` not
 * passed (Salesforce allows ~3 min skew), signature by the certificate uploaded to the app.
 *
 * sfdx-core sends `exp` in milliseconds (`Date.now() + 300`); read as seconds that is far in the
 * future, which Salesforce accepts, so no upper bound is enforced. `exp` is compared with real
 * time: the client signs with its own clock, not the simulated one.
 */
import { verify, type KeyObject } from 'node:crypto';
import { OAuthError } from '../http/http-errors';

export interface JwtCheck {
  publicKey?: KeyObject;
  consumerKey?: string;
  /** Accepted audiences (the simulator's origin, login/test.salesforce.com). */
  audiences: string[];
  realNowMs: number;
}

const SKEW_MS = 3 * 60_000;

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new OAuthError('invalid_grant', 'invalid assertion');
}

function audienceOk(aud: unknown, accepted: string[]): boolean {
  const norm = (v: string) => v.replace(/\/+$/, '').toLowerCase();
  const list = Array.isArray(aud) ? aud : [aud];
  return list.some((a) => typeof a === 'string' && accepted.map(norm).includes(norm(a)));
}

/** The username the assertion is for; throws OAuthError as Salesforce would answer. */
export function verifyJwtAssertion(assertion: string, check: JwtCheck): string {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new OAuthError('invalid_grant', 'invalid assertion');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (header['alg'] !== 'RS256') throw new OAuthError('invalid_grant', 'invalid assertion');
  if (check.publicKey) {
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!verify('RSA-SHA256', signed, check.publicKey, Buffer.from(parts[2] ?? '', 'base64url'))) {
      throw new OAuthError('invalid_grant', 'invalid assertion');
    }
  }
  if (check.consumerKey && claims['iss'] !== check.consumerKey) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  if (!audienceOk(claims['aud'], check.audiences)) throw new OAuthError('invalid_grant', 'audience is invalid');
  const exp = Number(claims['exp']);
  if (!Number.isFinite(exp) || exp * 1000 + SKEW_MS < check.realNowMs) throw new OAuthError('invalid_grant', 'expired authorization code');
  const subject = claims['prn'] ?? claims['sub'];
  if (typeof subject !== 'string' || !subject) throw new OAuthError('invalid_grant', 'invalid assertion');
  return subject;
}
