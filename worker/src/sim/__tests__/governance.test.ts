/**
 * The governance levers OrgWarden pulls (DESIGN §3.6), driven through jsforce as the worker does:
 * freeze (UserLogin.IsFrozen), deactivate (User.IsActive), end sessions (delete AuthSession, one or
 * a collection), revoke a connected-app grant (OauthToken.DeleteToken to /services/oauth2/revoke),
 * and who a token belongs to (/services/oauth2/userinfo).
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { to18 } from '../ids';
import { ADMIN, ALICE, ORG_ID, STANDARD_PROFILE, baseFiles, removeTempDirs, startSim, type StartedSim } from './sim-test-kit';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const CAROL = to18('0055g00000Carol');

let s: StartedSim;

beforeAll(async () => {
  const base = baseFiles();
  s = await startSim({
    ...base,
    'records/User.json': [...(base['records/User.json'] as object[]), { Id: CAROL, Username: 'carol@example.com', LastName: 'Fox', Email: 'carol@example.com', IsActive: true, ProfileId: STANDARD_PROFILE }],
    'records/OauthToken.json': [{ AppName: 'Data Loader', UserId: ALICE, DeleteToken: 'DEL-ALICE-1', UseCount: 3, CreatedDate: '2023-06-01T00:00:00Z' }],
  }, { connectedApp: { consumerKey: 'TESTKEY', certificate: keys.publicKey } });
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

function jwtLogin(username: string): Promise<unknown> {
  const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode({ iss: 'TESTKEY', sub: username, aud: s.url, exp: Math.floor(Date.now() / 1000) + 180 })}`;
  const assertion = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(keys.privateKey).toString('base64url')}`;
  return new Connection({ loginUrl: s.url, version: '62.0' }).authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
}

const connFor = (token: string) => new Connection({ instanceUrl: s.url, accessToken: token, version: '62.0' });

async function userLoginId(userId: string): Promise<string> {
  const result = await s.conn.query<{ Id: string }>(`SELECT Id FROM UserLogin WHERE UserId = '${userId}'`);
  return result.records[0]?.Id ?? '';
}

describe('freezing a user (UserLogin.IsFrozen)', () => {
  it('blocks new logins but leaves sessions that exist running; unfreezing lets the user in again', async () => {
    const running = s.sim.issueAccessToken('alice@example.com');
    const id = await userLoginId(ALICE);
    await expect(s.conn.sobject('UserLogin').update({ Id: id, IsFrozen: true })).resolves.toMatchObject({ id, success: true });
    expect((await s.conn.query(`SELECT Id FROM UserLogin WHERE IsFrozen = true`)).totalSize).toBe(1);
    await expect(jwtLogin('alice@example.com')).rejects.toMatchObject({ name: 'invalid_grant', message: 'authentication failure' });
    // Salesforce documents freezing as "can't log in"; ending sessions is the separate AuthSession delete.
    await expect(connFor(running).limits()).resolves.toHaveProperty('DailyApiRequests');
    await s.conn.sobject('UserLogin').update({ Id: id, IsFrozen: false });
    await expect(jwtLogin('alice@example.com')).resolves.toMatchObject({ id: ALICE });
  });

  it('cannot create or delete UserLogin rows, nor move them to another user', async () => {
    const id = await userLoginId(ALICE);
    await expect(s.conn.sobject('UserLogin').update({ Id: id, UserId: ADMIN })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    await expect(s.conn.sobject('UserLogin').destroy(id)).rejects.toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED' });
  });
});

describe('deactivating a user (User.IsActive)', () => {
  it('ends the user\'s sessions and refresh tokens, and blocks new logins', async () => {
    const token = s.sim.issueAccessToken('carol@example.com');
    const refreshToken = s.sim.issueRefreshToken('carol@example.com');
    await connFor(token).limits();
    await s.conn.sobject('User').update({ Id: CAROL, IsActive: false });
    await expect(connFor(token).limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    await expect(new OAuth2({ loginUrl: s.url, clientId: 'TESTKEY' }).refreshToken(refreshToken)).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(jwtLogin('carol@example.com')).rejects.toMatchObject({ name: 'invalid_grant' });
  });
});

describe('ending sessions (AuthSession)', () => {
  it('a collection delete ends every session it names; their tokens get 401', async () => {
    const tokens = [s.sim.issueAccessToken('alice@example.com'), s.sim.issueAccessToken('alice@example.com')];
    const sessions = await s.conn.query<{ Id: string }>(`SELECT Id FROM AuthSession WHERE UsersId = '${ALICE}'`);
    const results = await s.conn.sobject('AuthSession').destroy(sessions.records.map((r) => r.Id));
    expect(results.every((r) => r.success)).toBe(true);
    expect(s.sim.requestLog.at(-1)?.path).toMatch(/^\/services\/data\/v62\.0\/composite\/sobjects\?ids=/);
    for (const token of tokens) await expect(connFor(token).limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    expect((await s.conn.query(`SELECT Id FROM AuthSession WHERE UsersId = '${ALICE}'`)).totalSize).toBe(0);
  });
});

describe('revoking a connected-app grant (OauthToken)', () => {
  it('cannot be done with a REST delete; the DeleteToken posted to /services/oauth2/revoke removes the grant', async () => {
    const grant = await s.conn.query<{ Id: string; DeleteToken: string }>(`SELECT Id, DeleteToken FROM OauthToken WHERE UserId = '${ALICE}'`);
    const [row] = grant.records;
    await expect(s.conn.sobject('OauthToken').destroy(row?.Id ?? '')).rejects.toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED' });
    await new OAuth2({ loginUrl: s.url }).revokeToken(row?.DeleteToken ?? '');
    expect((await s.conn.query(`SELECT Id FROM OauthToken WHERE UserId = '${ALICE}'`)).totalSize).toBe(0);
  });
});

describe('userinfo', () => {
  it('tells jsforce whose token it is', async () => {
    const info = await s.conn.request<Record<string, unknown>>('/services/oauth2/userinfo');
    expect(info).toMatchObject({ user_id: ADMIN, organization_id: ORG_ID, preferred_username: 'admin@example.com', active: true, sub: `${s.url}/id/${ORG_ID}/${ADMIN}` });
  });
});
