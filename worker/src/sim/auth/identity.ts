/**
 * Identity: the identity URL `<base>/id/<org18>/<user18>` (jsforce derives `conn.userInfo` from
 * its last two segments), its JSON, and the OpenID Connect userinfo document. sfdx-core reads
 * `user_id` and `organization_id`; the other keys follow Salesforce's payloads.
 */
import { LATEST_API_VERSION } from '../api-versions';
import { sendJson, type Exchange } from '../http/send';
import { to18 } from '../ids';
import type { SimRecord } from '../schema/types';
import type { SimCore } from '../sim-core';
import { bearerToken } from './authenticate';

export function identityUrl(core: SimCore, userId: string): string {
  return `${core.baseUrl()}/id/${core.organizationId}/${userId}`;
}

function urls(core: SimCore, userId: string): Record<string, string> {
  const base = core.baseUrl();
  const data = `${base}/services/data/v{version}`;
  return {
    enterprise: `${base}/services/Soap/c/{version}/${core.organizationId.slice(0, 15)}`,
    metadata: `${base}/services/Soap/m/{version}/${core.organizationId.slice(0, 15)}`,
    partner: `${base}/services/Soap/u/{version}/${core.organizationId.slice(0, 15)}`,
    rest: `${data}/`, sobjects: `${data}/sobjects/`, search: `${data}/search/`, query: `${data}/query/`,
    recent: `${data}/recent/`, tooling_soap: `${base}/services/Soap/T/{version}/${core.organizationId.slice(0, 15)}`,
    tooling_rest: `${data}/tooling/`, profile: `${base}/${userId}`, custom_domain: base,
  };
}

function str(user: SimRecord, field: string): string | null {
  const v = user[field];
  return typeof v === 'string' ? v : null;
}

export function identityBody(core: SimCore, user: SimRecord): Record<string, unknown> {
  return {
    id: identityUrl(core, user.Id), asserted_user: true, user_id: user.Id, organization_id: core.organizationId,
    username: str(user, 'Username'), nick_name: str(user, 'Alias'), display_name: str(user, 'Name'),
    email: str(user, 'Email'), email_verified: user['HasUserVerifiedEmail'] === true,
    first_name: str(user, 'FirstName'), last_name: str(user, 'LastName'), timezone: str(user, 'TimeZoneSidKey'),
    urls: urls(core, user.Id), active: user['IsActive'] !== false, user_type: 'STANDARD',
    language: str(user, 'LanguageLocaleKey'), locale: str(user, 'LocaleSidKey'), utcOffset: 0,
    last_modified_date: str(user, 'LastModifiedDate')?.replace('.000+0000', 'Z') ?? null,
  };
}

export function userInfoBody(core: SimCore, user: SimRecord): Record<string, unknown> {
  return {
    sub: identityUrl(core, user.Id), user_id: user.Id, organization_id: core.organizationId,
    preferred_username: str(user, 'Username'), nickname: str(user, 'Alias'), name: str(user, 'Name'),
    email: str(user, 'Email'), email_verified: user['HasUserVerifiedEmail'] === true,
    given_name: str(user, 'FirstName'), family_name: str(user, 'LastName'), zoneinfo: str(user, 'TimeZoneSidKey'),
    profile: `${core.baseUrl()}/${user.Id}`, active: user['IsActive'] !== false, user_type: 'STANDARD',
    language: str(user, 'LanguageLocaleKey'), locale: str(user, 'LocaleSidKey'), utcOffset: 0,
    updated_at: str(user, 'LastModifiedDate'), urls: { ...urls(core, user.Id), rest: `${core.baseUrl()}/services/data/v${LATEST_API_VERSION}/` },
  };
}

/**
 * `GET /id/<org>/<user>`: jsforce's `conn.identity()` sends the token both as `oauth_token` in
 * the query string and as a Bearer header; either is accepted. A bad token is 403 Bad_OAuth_Token.
 */
export function identityRoute(core: SimCore, ex: Exchange, url: URL, orgId: string, userId: string): void {
  const token = url.searchParams.get('oauth_token') ?? bearerToken(ex.req);
  const session = token ? core.tokens.lookup(token) : undefined;
  const user = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(userId) ? core.view.get(to18(userId)) : undefined;
  if (!session || !user || orgId.slice(0, 15) !== core.organizationId.slice(0, 15)) {
    ex.res.writeHead(403, { 'Content-Type': 'text/plain;charset=UTF-8' });
    ex.res.end(session ? 'Bad_Id' : 'Bad_OAuth_Token');
    return;
  }
  sendJson(ex, 200, identityBody(core, user));
}
