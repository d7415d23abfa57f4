/**
 * Access and refresh tokens of the simulated org. Access tokens are opaque session ids shaped like
 * Salesforce's (`<15-char org id>!<token>`; sfdx-core recognises them with
 * `/(00D\w{12,15})![.\w]*\/` and jsforce refuses JWT-shaped ones for SOAP). They expire after a
 * TTL of simulated time and can be revoked directly, through their refresh token, or by deleting
 * the AuthSession record they belong to.
 */
import { randomBytes } from 'node:crypto';
import type { SimClock } from '../clock';
import { to15 } from '../ids';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET.charAt(b % ALPHABET.length);
  return out;
}

export interface Session {
  accessToken: string;
  userId: string;
  issuedAtMs: number;
  expiresAtMs: number;
  /** The AuthSession record created for this session, if any. */
  authSessionId?: string;
  /** The refresh token this access token came from, if any. */
  refreshToken?: string;
}

export class TokenStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, string>(); // refresh token → user id

  constructor(
    private readonly organizationId: string,
    private readonly clock: SimClock,
    readonly ttlMs: number,
  ) {}

  /** A new access token for `userId`. */
  issue(userId: string, links: { authSessionId?: string; refreshToken?: string } = {}): Session {
    const issuedAtMs = this.clock.nowMs();
    // Real session ids carry a '.' and '_'-free payload after "!"; 'AQ' mirrors their usual start.
    const accessToken = `${to15(this.organizationId)}!AQ${randomToken(4)}.${randomToken(96)}`;
    const session: Session = { accessToken, userId, issuedAtMs, expiresAtMs: issuedAtMs + this.ttlMs, ...links };
    this.sessions.set(accessToken, session);
    return session;
  }

  /** The live session of a token; undefined when unknown, revoked or expired. */
  lookup(accessToken: string): Session | undefined {
    const session = this.sessions.get(accessToken);
    if (!session) return undefined;
    if (this.clock.nowMs() >= session.expiresAtMs) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    return session;
  }

  /** A refresh token for `userId` (what the web-server flow would have handed out). */
  issueRefreshToken(userId: string): string {
    const token = `5Aep861${randomToken(80)}`;
    this.refreshTokens.set(token, userId);
    return token;
  }

  /** The user of a refresh token, if it is still valid. */
  refreshTokenUser(refreshToken: string): string | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  /**
   * Revokes an access token, or a refresh token together with every access token issued from it
   * (Salesforce's `/services/oauth2/revoke` semantics). False when the token is unknown.
   */
  revoke(token: string): boolean {
    if (this.sessions.delete(token)) return true;
    if (!this.refreshTokens.delete(token)) return false;
    for (const [key, s] of this.sessions) if (s.refreshToken === token) this.sessions.delete(key);
    return true;
  }

  /** Ends every session tied to a deleted AuthSession record. */
  revokeAuthSession(authSessionId: string): void {
    for (const [key, s] of this.sessions) if (s.authSessionId === authSessionId) this.sessions.delete(key);
  }

  /** Ends every session and refresh token of a user. */
  revokeUser(userId: string): void {
    for (const [key, s] of this.sessions) if (s.userId === userId) this.sessions.delete(key);
    for (const [key, u] of this.refreshTokens) if (u === userId) this.refreshTokens.delete(key);
  }

  /**
   * Ends the live access tokens `which` selects, as a session timeout would: their refresh tokens
   * stay valid (fault injection: "token expiry on demand"). Returns how many ended.
   */
  expireSessions(which: (session: Session) => boolean): number {
    let ended = 0;
    for (const [key, s] of this.sessions) {
      if (!which(s)) continue;
      this.sessions.delete(key);
      ended += 1;
    }
    return ended;
  }
}
