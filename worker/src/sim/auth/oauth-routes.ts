/**
 * `/services/oauth2/*`: the token endpoint (JWT bearer, refresh token, client credentials),
 * revoke and OpenID userinfo. Responses and errors follow Salesforce's OAuth endpoints: success
 * bodies with `access_token`, `instance_url` (no trailing slash), `id`, `token_type`, `issued_at`
 * (milliseconds, as a string), `signature`, `scope`; errors `{error, error_description}`.
 */
import { createHmac } from 'node:crypto';
import { OAuthError } from '../http/http-errors';
import { readFormBody } from '../http/request-body';
import { sendEmpty, sendJson, type Exchange } from '../http/send';
import type { SimCore } from '../sim-core';
import { identityUrl, userInfoBody } from './identity';
import { verifyJwtAssertion } from './jwt-bearer';
import { openSession, type LoginKind } from './sessions';
import type { Session } from './token-store';
import { bearerToken } from './authenticate';
import { canLogIn, findUserByUsername, runAsUser } from './users';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function tokenResponse(core: SimCore, session: Session, scope: string): Record<string, string> {
  const id = identityUrl(core, session.userId);
  const issuedAt = String(session.issuedAtMs);
  const key = core.connectedApp.consumerSecret ?? 'orgwarden-simulator';
  const signature = createHmac('sha256', key).update(id + issuedAt).digest('base64');
  return { access_token: session.accessToken, signature, scope, instance_url: core.baseUrl(), id, token_type: 'Bearer', issued_at: issuedAt };
}

function login(core: SimCore, username: string, kind: LoginKind): Session {
  const user = findUserByUsername(core, username);
  if (!canLogIn(core, user)) throw new OAuthError('invalid_grant', 'authentication failure');
  return openSession(core, user.Id, kind);
}

function checkClient(core: SimCore, params: Map<string, string>, requireSecret: boolean): void {
  const { consumerKey, consumerSecret } = core.connectedApp;
  if (consumerKey && params.get('client_id') !== consumerKey) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  if (requireSecret && consumerSecret && params.get('client_secret') !== consumerSecret) throw new OAuthError('invalid_client', 'invalid client credentials');
}

function grant(core: SimCore, params: Map<string, string>): Record<string, string> {
  switch (params.get('grant_type')) {
    case JWT_GRANT: {
      const audiences = [core.baseUrl(), 'https://login.salesforce.com', 'https://test.salesforce.com'];
      const username = verifyJwtAssertion(params.get('assertion') ?? '', { ...core.connectedApp, audiences, realNowMs: Date.now() });
      return tokenResponse(core, login(core, username, 'Remote Access 2.0'), 'api id');
    }
    case 'refresh_token': {
      checkClient(core, params, false);
      const refreshToken = params.get('refresh_token') ?? '';
      const userId = core.tokens.refreshTokenUser(refreshToken);
      const user = userId ? core.view.get(userId) : undefined;
      if (!canLogIn(core, user)) throw new OAuthError('invalid_grant', 'expired access/refresh token');
      return tokenResponse(core, openSession(core, user.Id, 'Remote Access 2.0', refreshToken), 'api id refresh_token');
    }
    case 'client_credentials': {
      checkClient(core, params, true);
      const user = runAsUser(core);
      if (!canLogIn(core, user)) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
      return tokenResponse(core, openSession(core, user.Id, 'Remote Access 2.0'), 'api');
    }
    default:
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
}

async function tokenRoute(core: SimCore, ex: Exchange): Promise<void> {
  if (ex.req.method !== 'POST') throw new OAuthError('invalid_request', 'must use HTTP POST');
  sendJson(ex, 200, grant(core, await readFormBody(ex.req)));
}

/**
 * Revokes an access token, a refresh token (and its access tokens), or an OauthToken
 * `DeleteToken` — which removes that connected-app grant (its OauthToken row disappears).
 */
async function revokeRoute(core: SimCore, ex: Exchange, url: URL): Promise<void> {
  const params = ex.req.method === 'POST' ? await readFormBody(ex.req) : new Map(url.searchParams.entries());
  const token = params.get('token') ?? '';
  const grantRow = token ? core.store.all('OauthToken').find((r) => r['DeleteToken'] === token) : undefined;
  if (grantRow) core.store.hardDelete(grantRow.Id);
  else if (!core.tokens.revoke(token)) throw new OAuthError('invalid_token', 'invalid token');
  sendEmpty(ex, 200);
}

function userInfoRoute(core: SimCore, ex: Exchange): void {
  const token = bearerToken(ex.req);
  const session = token ? core.tokens.lookup(token) : undefined;
  const user = session && core.view.get(session.userId);
  if (!user) {
    ex.res.writeHead(403, { 'Content-Type': 'text/plain;charset=UTF-8' });
    ex.res.end('Bad_OAuth_Token');
    return;
  }
  sendJson(ex, 200, userInfoBody(core, user));
}

/** Handles `/services/oauth2/<name>`. OAuth calls do not count against the API allocation. */
export async function oauthRoute(core: SimCore, ex: Exchange, url: URL, name: string): Promise<void> {
  try {
    if (name === 'token') return await tokenRoute(core, ex);
    if (name === 'revoke' && (ex.req.method === 'POST' || ex.req.method === 'GET')) return await revokeRoute(core, ex, url);
    if (name === 'userinfo' && (ex.req.method === 'GET' || ex.req.method === 'POST')) return userInfoRoute(core, ex);
    throw new OAuthError('not_found', 'unknown OAuth endpoint', 404);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    sendJson(ex, err.status, { error: err.error, error_description: err.description });
  }
}
