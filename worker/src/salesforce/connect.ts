/**
 * Turns a Target into an OrgClient: authenticates, wires the quota governor, and knows how to
 * close what it opened (an in-process simulator, for `sim:` targets).
 */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Connection, OAuth2 } from 'jsforce';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import { API_VERSION } from './api-version';
import { toOrgWardenError } from './errors';
import { OrgClient, type ConnectionLike } from './org-client';
import type { QuotaGovernor } from './quota-governor';
import { describeTarget, orgIdFromToken, type Target } from './targets';

export interface Connected {
  client: OrgClient;
  /** Present for `sim:` targets: the simulator serving the org (the demo prints how to explore it). */
  simulator?: { url: string; issueAccessToken(): string };
  close(): Promise<void>;
}

export interface ConnectDeps {
  log: Logger;
  /** One governor per org (they share the Redis figure across processes). */
  governorFor(orgId: string, target: Target): QuotaGovernor;
}

export async function connect(target: Target, deps: ConnectDeps): Promise<Connected> {
  try {
    switch (target.kind) {
      case 'sim':
        return await connectSimulator(target.dir, deps);
      case 'token':
        return wrap(target, new Connection({ instanceUrl: target.instanceUrl, accessToken: target.accessToken, version: API_VERSION }), target.accessToken, deps);
      case 'jwt':
        return await connectJwt(target, deps);
      case 'sf':
        return await connectSfCli(target.usernameOrAlias, deps);
    }
  } catch (err) {
    if (err instanceof OrgWardenError) throw err;
    throw toOrgWardenError(err, `cannot connect to ${describeTarget(target)}`);
  }
}

function wrap(target: Target, connection: ConnectionLike, accessToken: string, deps: ConnectDeps, close = async () => {}): Connected {
  const orgId = orgIdFromToken(accessToken);
  if (!orgId) throw new OrgWardenError('TARGET_INVALID', `the access token for ${describeTarget(target)} is not a Salesforce session id (00D…!…)`);
  const client = new OrgClient(orgId, connection, deps.governorFor(orgId, target), deps.log.child({ orgId }));
  return { client, close };
}

async function connectSimulator(dir: string, deps: ConnectDeps): Promise<Connected> {
  const { OrgSimulator, FixtureError } = await import('../sim');
  const simulator = await OrgSimulator.load(dir).catch((err: unknown) => {
    if (!(err instanceof FixtureError)) throw err;
    throw new OrgWardenError('FIXTURE_INVALID', err.message, { cause: err, actions: ['fix the listed files, or point sim: at another fixture org directory'] });
  });
  const { url } = await simulator.start({ port: 0 });
  const accessToken = simulator.issueAccessToken();
  const connection = new Connection({ instanceUrl: url, accessToken, version: API_VERSION });
  const connected = wrap({ kind: 'sim', dir }, connection, accessToken, deps, () => simulator.stop());
  return { ...connected, simulator: { url, issueAccessToken: () => simulator.issueAccessToken() } };
}

async function connectJwt(target: Extract<Target, { kind: 'jwt' }>, deps: ConnectDeps): Promise<Connected> {
  const privateKey = readFileSync(target.privateKeyFile, 'utf8');
  const oauth2 = new OAuth2({ loginUrl: target.loginUrl, clientId: target.clientId });
  const grant = async () =>
    oauth2.requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signAssertion(target, privateKey) });
  const first = await grant();
  const connection = new Connection({
    instanceUrl: first.instance_url,
    accessToken: first.access_token,
    version: API_VERSION,
    // jsforce's default refresh needs a refresh token, which the JWT flow never issues: re-run the grant.
    refreshFn: (_conn, callback) => {
      grant().then(
        (token) => callback(null, token.access_token, token),
        (err: Error) => callback(err),
      );
    },
  });
  return wrap(target, connection, first.access_token, deps);
}

/** RS256 JWT for the OAuth 2.0 JWT bearer flow: iss = consumer key, sub = username, exp ≤ 3 min. */
export function signAssertion(target: { clientId: string; username: string; loginUrl: string }, privateKeyPem: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: target.clientId, sub: target.username, aud: audienceFor(target.loginUrl), exp: Math.floor(Date.now() / 1000) + 180 };
  const unsigned = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem).toString('base64url');
  return `${unsigned}.${signature}`;
}

function audienceFor(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com';
  if (host.endsWith('.salesforce.com') || host.endsWith('.force.com')) return 'https://login.salesforce.com';
  return new URL(loginUrl).origin; // a community URL or the simulator
}

async function connectSfCli(usernameOrAlias: string, deps: ConnectDeps): Promise<Connected> {
  const core = await import('@salesforce/core');
  const aggregator = await core.StateAggregator.getInstance();
  const username = aggregator.aliases.resolveUsername(usernameOrAlias);
  const authInfo = await core.AuthInfo.create({ username });
  const connection = await core.Connection.create({ authInfo, connectionOptions: { version: API_VERSION } });
  const token = connection.accessToken;
  if (!token) throw new OrgWardenError('SF_AUTH_FAILED', `sf org ${usernameOrAlias} has no access token`, { actions: [`run: sf org login web --alias ${usernameOrAlias}`] });
  return wrap({ kind: 'sf', usernameOrAlias }, connection as unknown as ConnectionLike, token, deps);
}
