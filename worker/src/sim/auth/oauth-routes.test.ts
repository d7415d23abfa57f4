import { createSign, generateKeyPairSync } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { ADMIN, ALICE, baseFiles, ORG_ID, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

function jwt(claims: Record<string, unknown>, privateKey = keys.privateKey): string {
  const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

let s: StartedSim;
const claims = (extra: Record<string, unknown> = {}) => ({ iss: 'TESTKEY', sub: 'alice@example.com', aud: s.url, exp: Math.floor(Date.now() / 1000) + 180, ...extra });
const jwtConn = () => new Connection({ loginUrl: s.url, version: '62.0' });

beforeAll(async () => {
  const files = baseFiles({
    'records/OauthToken.json': [{ AppName: 'Data Loader', UserId: ALICE, DeleteToken: 'DEL-TOKEN-1', UseCount: 3, CreatedDate: '2023-06-01T00:00:00Z' }],
  });
  s = await startSim(files, { connectedApp: { consumerKey: 'TESTKEY', consumerSecret: 'SECRET', certificate: keys.publicKey } });
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

describe('JWT bearer flow', () => {
  it('gives jsforce a working session for the subject user', async () => {
    const conn = jwtConn();
    const userInfo = await conn.authorize({ grant_type: JWT_GRANT, assertion: jwt(claims()) });
    expect(userInfo).toEqual({ id: ALICE, organizationId: ORG_ID, url: `${s.url}/id/${ORG_ID}/${ALICE}` });
    expect(conn.instanceUrl).toBe(s.url);
    expect(conn.accessToken).toMatch(/^00D5g00000ABCDE![.\w]+$/);
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: ALICE, organization_id: ORG_ID, username: 'alice@example.com' });
    const result = await conn.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = 'alice@example.com'`);
    expect(result.records.map((r) => r.Id)).toEqual([ALICE]);
  });

  it("accepts sfdx-core's millisecond exp and login.salesforce.com as audience", async () => {
    const assertion = jwt(claims({ aud: 'https://login.salesforce.com', exp: Date.now() + 300 }));
    await expect(jwtConn().authorize({ grant_type: JWT_GRANT, assertion })).resolves.toMatchObject({ id: ALICE });
  });

  it.each<[string, () => string, string, string]>([
    ['a signature by another key', () => jwt(claims(), otherKeys.privateKey), 'invalid_grant', 'invalid assertion'],
    ['another consumer key', () => jwt(claims({ iss: 'OTHER' })), 'invalid_client_id', 'client identifier invalid'],
    ['an unknown user', () => jwt(claims({ sub: 'nobody@example.com' })), 'invalid_grant', 'authentication failure'],
    ['an inactive user', () => jwt(claims({ sub: 'bob@example.com' })), 'invalid_grant', 'authentication failure'],
    ['a foreign audience', () => jwt(claims({ aud: 'https://evil.example.com' })), 'invalid_grant', 'audience is invalid'],
    ['an expired assertion', () => jwt(claims({ exp: Math.floor(Date.now() / 1000) - 3600 })), 'invalid_grant', 'expired authorization code'],
  ])('refuses %s', async (_case, assertion, name, message) => {
    await expect(jwtConn().authorize({ grant_type: JWT_GRANT, assertion: assertion() })).rejects.toMatchObject({ name, message });
  });
});

describe('other grants', () => {
  it('client credentials run as the org administrator', async () => {
    const conn = new Connection({ oauth2: { clientId: 'TESTKEY', clientSecret: 'SECRET', loginUrl: s.url }, version: '62.0' });
    await expect(conn.authorize({ grant_type: 'client_credentials' })).resolves.toMatchObject({ id: ADMIN });
    const bad = new Connection({ oauth2: { clientId: 'TESTKEY', clientSecret: 'WRONG', loginUrl: s.url }, version: '62.0' });
    await expect(bad.authorize({ grant_type: 'client_credentials' })).rejects.toMatchObject({ name: 'invalid_client' });
  });

  it('refresh tokens mint access tokens until revoked, and revoking them ends those sessions', async () => {
    const oauth2 = new OAuth2({ loginUrl: s.url, clientId: 'TESTKEY' });
    const refreshToken = s.sim.issueRefreshToken('alice@example.com');
    const token = await oauth2.refreshToken(refreshToken);
    expect(token).toMatchObject({ instance_url: s.url, token_type: 'Bearer', id: `${s.url}/id/${ORG_ID}/${ALICE}` });
    expect(token.refresh_token).toBeUndefined();
    expect(String(token.issued_at)).toMatch(/^\d{13}$/);
    const conn = new Connection({ instanceUrl: s.url, accessToken: token.access_token, version: '62.0' });
    await conn.limits();
    await oauth2.revokeToken(refreshToken);
    await expect(conn.limits()).rejects.toMatchObject({ name: 'INVALID_SESSION_ID' });
    await expect(oauth2.refreshToken(refreshToken)).rejects.toMatchObject({ name: 'invalid_grant', message: 'expired access/refresh token' });
  });

  it('answers unsupported grants the OAuth way', async () => {
    const res = await rawFetch(`${s.url}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password&username=a&password=b' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });
});

describe('sessions', () => {
  it('expire after the TTL: 401 INVALID_SESSION_ID with WWW-Authenticate: Token', async () => {
    const token = s.sim.issueAccessToken('alice@example.com');
    s.sim.clock.advance(2 * 3_600_000 + 1000);
    try {
      const res = await rawFetch(`${s.url}/services/data/v62.0/limits`, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Token');
      expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      const conn = new Connection({ instanceUrl: s.url, accessToken: token, version: '62.0' });
      await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    } finally {
      s.sim.clock.advance(-(2 * 3_600_000 + 1000));
    }
  });

  it('end when logged out, or when their AuthSession record is deleted', async () => {
    const loggedOut = s.sim.issueAccessToken('alice@example.com');
    await new Connection({ instanceUrl: s.url, loginUrl: s.url, accessToken: loggedOut, version: '62.0' }).logout();
    expect((await rawFetch(`${s.url}/services/data/v62.0/limits`, { token: loggedOut })).status).toBe(401);

    const token = s.sim.issueAccessToken('alice@example.com');
    const own = new Connection({ instanceUrl: s.url, accessToken: token, version: '62.0' });
    const sessions = await own.query<{ Id: string }>(`SELECT Id FROM AuthSession WHERE UsersId = '${ALICE}' ORDER BY CreatedDate DESC`);
    const mine = s.sim.store.all('AuthSession').filter((r) => r['UsersId'] === ALICE).map((r) => r.Id);
    expect(sessions.records.map((r) => r.Id).sort()).toEqual(mine.sort());
    for (const id of mine) await s.conn.sobject('AuthSession').destroy(id);
    await expect(own.limits()).rejects.toMatchObject({ name: 'INVALID_SESSION_ID' });
  });

  it("revoking an OauthToken's DeleteToken removes that connected-app grant", async () => {
    const before = await s.conn.query(`SELECT AppName FROM OauthToken WHERE UserId = '${ALICE}'`);
    expect(before.totalSize).toBe(1);
    await new OAuth2({ loginUrl: s.url }).revokeToken('DEL-TOKEN-1');
    expect((await s.conn.query(`SELECT AppName FROM OauthToken WHERE UserId = '${ALICE}'`)).totalSize).toBe(0);
    await expect(new OAuth2({ loginUrl: s.url }).revokeToken('DEL-TOKEN-1')).rejects.toThrow(/invalid_token/);
  });

  it('serves OpenID userinfo for the token, and 403 for a bad one', async () => {
    const ok = await rawFetch(`${s.url}/services/oauth2/userinfo`, { token: s.token });
    expect(await ok.json()).toMatchObject({ user_id: ADMIN, organization_id: ORG_ID, preferred_username: 'admin@example.com' });
    const bad = await rawFetch(`${s.url}/services/oauth2/userinfo`, { token: '00D5g00000ABCDE!nope' });
    expect(bad.status).toBe(403);
  });
});
