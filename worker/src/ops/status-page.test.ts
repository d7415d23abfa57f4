/**
 * The status preview's routes on the ops server: behind the same credentials as the dashboard,
 * the page and its build served, the component's query answered in the GraphQL wire shape from
 * the org's rows, and every failure explained to the person looking at the page.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { silentLogger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import { basicCredentials } from './ops-auth';
import { buildOpsServer } from './ops-server';
import type { StatusRows } from './status-graphql';
import type { StatusPageOptions } from './status-page';

// content-disposition 3 is an ES module that @fastify/static require()s (see ops-server.test.ts).
jest.mock('content-disposition', () => ({ create: (name: string) => `attachment; filename="${name}"` }));

const AUTH = { authorization: `Basic ${Buffer.from('ops:a-long-enough-password').toString('base64')}` };

const ROWS: StatusRows = {
  streams: [
    {
      Id: 'a01000000000001AAA',
      Stream__c: 'logins',
      State__c: 'Failing',
      State_Reason__c: '3 failed attempts in a row',
      Lag_Minutes__c: 140,
      Poll_Interval_Minutes__c: 15,
      Last_Success__c: '2026-11-20T15:40:00.000+0000',
      Last_Error__c: 'SF_API_ERROR: SERVER_UNAVAILABLE: try again later',
      Last_Error_Time__c: '2026-11-20T17:59:30.000+0000',
      API_Calls_Used__c: 1250,
      API_Calls_Limit__c: 15000,
      API_Calls_Reserve__c: 1500,
    },
  ],
  workers: [{ Id: 'a01000000000002AAA', State__c: 'Healthy', Heartbeat__c: '2026-11-20T17:58:00.000+0000', Worker_PID__c: 42 }],
  alerts: [{ Id: 'a00000000000009AAA', Name: 'Password spray from 203.0.113.7', Severity__c: 'High', Status__c: 'New', Username__c: null, Last_Occurrence__c: null }],
  openBySeverity: { High: 3, Medium: 0, Low: 1 },
};

function assetsDir(built: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-status-assets-'));
  if (built) {
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'main.js'), 'import "./chunks/a-1.js";');
    writeFileSync(join(dir, 'chunks', 'a-1.js'), 'export {};');
    writeFileSync(join(dir, 'slds.min.css'), '.slds-scope{}');
    writeFileSync(join(dir, 'BUILT'), 'not served');
  }
  return dir;
}

interface Reply {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
}

interface TestServer {
  inject(options: { url: string; headers?: Record<string, string> }): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * A real request over TCP: fastify's inject() needs an ES module Jest cannot load, and node:http
 * sends the path as written (no ../ clean-up, unlike fetch).
 */
function send(port: number, options: { url: string; headers?: Record<string, string> }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: options.url, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function app(overrides: Partial<StatusPageOptions> = {}): Promise<TestServer> {
  const server = await build(overrides);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { inject: (options) => send(port, options), close: () => server.close() };
}

async function build(overrides: Partial<StatusPageOptions>): Promise<FastifyInstance> {
  const client = { instanceUrl: 'https://acme.my.salesforce.com' } as OrgClient;
  return buildOpsServer({
    credentials: basicCredentials('ops', 'a-long-enough-password'),
    board: [],
    metrics: new Registry(),
    log: silentLogger(),
    status: { orgs: ['acme', 'beta'], clientFor: async () => client, readRows: async () => ROWS, assetsDir: assetsDir(true), ...overrides },
  });
}

describe('status preview routes', () => {
  it('ask for the ops credentials before showing anything', async () => {
    const server = await app();
    for (const url of ['/status', '/status/graphql?operation=wardenStatus', '/status/assets/main.js', '/lightning/r/Warden_Alert__c/a00000000000009AAA/view']) {
      const reply = await server.inject({ url });
      expect(reply.statusCode).toBe(401);
      expect(reply.body).not.toContain('Password spray');
    }
    await server.close();
  });

  it('serve the page that mounts the component with the SLDS stylesheet, for the first org by default', async () => {
    const server = await app();
    const reply = await server.inject({ url: '/status', headers: AUTH });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toContain('text/html');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.body).toContain('<body class="slds-scope">');
    expect(reply.body).toContain('<link rel="stylesheet" href="status/assets/slds.min.css">');
    expect(reply.body).toContain('<script type="module" src="status/assets/main.js"></script>');
    expect(reply.body).toContain('served by the worker from org "acme"');
    expect(reply.body).toContain('<a href="status?org=beta">beta</a>');
    expect((await server.inject({ url: '/status?org=nope', headers: AUTH })).body).toBe('unknown org "nope": this worker watches "acme", "beta"\n');
    await server.close();
  });

  it('answer the component query in the GraphQL wire shape, datetimes in ISO-8601', async () => {
    const server = await app();
    const reply = await server.inject({ url: '/status/graphql?org=acme&operation=wardenStatus', headers: AUTH });
    expect(reply.statusCode).toBe(200);
    const { uiapi } = reply.json().data;
    const stream = uiapi.query.streams.edges[0].node;
    expect(stream.Stream__c).toEqual({ value: 'logins' });
    expect(stream.Last_Error_Time__c).toEqual({ value: '2026-11-20T17:59:30.000Z' });
    expect(stream.Lag_Minutes__c).toEqual({ value: 140 });
    // A field the row lacks is null, as GraphQL returns it.
    expect(uiapi.query.workers.edges[0].node.Worker_Host__c).toEqual({ value: null });
    expect(uiapi.query.Warden_Alert__c.edges[0].node.Name).toEqual({ value: 'Password spray from 203.0.113.7' });
    // Like GROUP BY: severities without open alerts have no group.
    expect(uiapi.aggregate.Warden_Alert__c.edges.map(({ node }: { node: { aggregate: { Severity__c: { value: string }; Id: { count: { value: number } } } } }) => [node.aggregate.Severity__c.value, node.aggregate.Id.count.value])).toEqual([
      ['High', 3],
      ['Low', 1],
    ]);
    await server.close();
  });

  it('reuse one org read within the cache window', async () => {
    const readRows = jest.fn(async () => ROWS);
    const server = await app({ readRows, cacheMs: 60_000 });
    for (let i = 0; i < 3; i += 1) await server.inject({ url: '/status/graphql?operation=wardenStatus', headers: AUTH });
    await server.inject({ url: '/status/graphql?org=beta&operation=wardenStatus', headers: AUTH });
    expect(readRows.mock.calls).toEqual([['acme'], ['beta']]);
    await server.close();
  });

  it('explain an org that cannot be read, an unknown query and an unknown org as GraphQL errors', async () => {
    const server = await app({ readRows: async () => Promise.reject(new Error('INVALID_TYPE: sObject type Warden_Status__c is not supported')), timeoutMs: 1000 });
    const failed = await server.inject({ url: '/status/graphql?operation=wardenStatus', headers: AUTH });
    expect(failed.statusCode).toBe(502);
    expect(failed.json().errors[0].message).toBe('OrgWarden could not read the status records of org "acme": INVALID_TYPE: sObject type Warden_Status__c is not supported');
    const other = await server.inject({ url: '/status/graphql?operation=somethingElse', headers: AUTH });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].message).toContain('answers the wardenStatus query only');
    expect((await server.inject({ url: '/status/graphql?org=zeta&operation=wardenStatus', headers: AUTH })).statusCode).toBe(404);
    await server.close();
  });

  it('give up on an org that does not answer in time', async () => {
    const server = await app({ readRows: () => new Promise(() => undefined), timeoutMs: 50 });
    const reply = await server.inject({ url: '/status/graphql?operation=wardenStatus', headers: AUTH });
    expect(reply.statusCode).toBe(502);
    expect(reply.json().errors[0].message).toContain('no answer within 0 s');
    await server.close();
  });

  it('serve the files of the build and nothing else', async () => {
    const server = await app();
    const main = await server.inject({ url: '/status/assets/main.js', headers: AUTH });
    expect(main.statusCode).toBe(200);
    expect(main.headers['content-type']).toContain('text/javascript');
    expect((await server.inject({ url: '/status/assets/chunks/a-1.js', headers: AUTH })).headers['cache-control']).toContain('immutable');
    for (const url of ['/status/assets/BUILT', '/status/assets/../../package.json', '/status/assets/%2e%2e/%2e%2e/package.json']) {
      expect((await server.inject({ url, headers: AUTH })).statusCode).toBe(404);
    }
    await server.close();
  });

  it('say how to build the preview when it is missing', async () => {
    const server = await app({ assetsDir: assetsDir(false) });
    const reply = await server.inject({ url: '/status', headers: AUTH });
    expect(reply.statusCode).toBe(503);
    expect(reply.body).toContain('run "npm run build"');
    await server.close();
  });

  it('send alert links on to the record page in the org the page showed', async () => {
    const clientFor = jest.fn(async (org: string) => ({ instanceUrl: `https://${org}.my.salesforce.com` }) as OrgClient);
    const server = await app({ clientFor });
    const reply = await server.inject({ url: '/lightning/r/Warden_Alert__c/a00000000000009AAA/view', headers: { ...AUTH, referer: 'http://127.0.0.1:9464/status?org=beta' } });
    expect(reply.statusCode).toBe(302);
    expect(reply.headers.location).toBe('https://beta.my.salesforce.com/lightning/r/Warden_Alert__c/a00000000000009AAA/view');
    expect((await server.inject({ url: '/lightning/r/Account/001000000000001AAA/view', headers: AUTH })).statusCode).toBe(404);
    expect((await server.inject({ url: '/lightning/r/Warden_Alert__c/not-an-id/view', headers: AUTH })).statusCode).toBe(404);
    await server.close();
  });
});
