/**
 * The dashboard and /metrics refuse every request without the configured credentials — pages,
 * the dashboard's API and static files, mutations, unknown paths — with a 401 that shows no
 * data, and serve the operator who has them.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseConfig } from '../config';
import { OrgWardenError } from '../errors';
import { silentLogger } from '../logger';
import { boardAdapters } from '../queues/board-adapters';
import { probeOf } from '../queues/queue-depths';
import { connectRedis } from '../state/redis';
import { createMetricsRegistry } from './metrics';
import { resolveCredentials } from './ops-auth';
import { startOpsServer, type OpsServer } from './ops-server';
import { StatusStore } from './status-store';

// content-disposition 3 is an ES module that @fastify/static require()s: Node 24 loads it, Jest's
// CommonJS runtime cannot. Bull Board never sends attachments, so a stand-in is enough here.
jest.mock('content-disposition', () => ({ create: (name: string) => `attachment; filename="${name}"` }));

const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const QUEUE = 'orgwarden-ingest';
const TOKEN = 'token-0123456789abcdef-token';
const PASSWORD = 'correct horse battery staple';
const SECRETS: Record<string, string> = { OPS_TOKEN: TOKEN, OPS_PASSWORD: PASSWORD, SHORT: 'short' };
const readSecret = (name: string) => SECRETS[name];

let redis: Redis;
let queue: Queue;

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Reply {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T>(): T;
}

/** A real request over TCP (node:http, which unlike fetch may set any Host header). */
function send(server: OpsServer, options: { method?: string; url: string; headers?: Record<string, string> }): Promise<Reply> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: options.url, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function server(opsRaw: Record<string, unknown>): Promise<OpsServer> {
  const config = parseConfig({ redis: { keyPrefix: KEY_PREFIX }, ops: { port: 0, ...opsRaw } });
  const credentials = resolveCredentials(config.ops!, readSecret);
  const log = silentLogger();
  const metrics = createMetricsRegistry({
    config,
    redis,
    store: new StatusStore(redis, KEY_PREFIX),
    queues: [probeOf(queue)],
    worker: { host: 'test-host', pid: 42, version: '0.0.0' },
    log,
  });
  return startOpsServer(config.ops!, { credentials, board: boardAdapters([queue], credentials.anonymous), metrics, log });
}

beforeAll(async () => {
  redis = await connectRedis('redis://127.0.0.1:6379', 'producer');
  queue = new Queue(QUEUE, { connection: redis, prefix: KEY_PREFIX });
  await queue.add('logins', { org: 'acme', stream: 'logins' }, { delay: 60_000 });
});

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  const keys = await redis.keys(`${KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('with a bearer token and basic-auth credentials', () => {
  let app: OpsServer;
  beforeAll(async () => {
    app = await server({ tokenEnv: 'OPS_TOKEN', basicAuth: { username: 'ops', passwordEnv: 'OPS_PASSWORD' } });
  });
  afterAll(() => app.close());

  const REQUESTS = [
    ['GET', '/metrics'],
    ['GET', '/queues'],
    ['GET', '/queues/'],
    ['GET', `/queues/api/queues`],
    ['GET', '/queues/static/favicon.ico'],
    ['PUT', `/queues/api/queues/${QUEUE}/clean/delayed`],
    ['PUT', `/queues/api/queues/${QUEUE}/pause`],
    ['GET', '/'],
    ['GET', '/no-such-page'],
  ] as const;
  const WRONG = [
    ['no credentials', undefined],
    ['a wrong token', 'Bearer token-0123456789abcdef-tokeX'],
    ['the token as a basic password', basic('ops', TOKEN)],
    ['a wrong password', basic('ops', `${PASSWORD}!`)],
    ['a wrong user', basic('admin', PASSWORD)],
    ['an unknown scheme', `Digest ${TOKEN}`],
    ['an empty bearer', 'Bearer '],
  ] as const;

  it.each(REQUESTS.flatMap(([method, url]) => WRONG.map(([what, authorization]) => [method, url, what, authorization] as const)))(
    '%s %s with %s: 401, nothing leaked',
    async (method, url, _what, authorization) => {
      const response = await send(app, { method, url, ...(authorization ? { headers: { authorization } } : {}) });
      expect(response.statusCode).toBe(401);
      expect(response.body).toBe('authentication required\n');
      expect(response.headers['www-authenticate']).toBe('Basic realm="OrgWarden", charset="UTF-8", Bearer realm="OrgWarden"');
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  it('leaves the queue alone when an unauthenticated request tries to change it', async () => {
    await send(app, { method: 'PUT', url: `/queues/api/queues/${QUEUE}/clean/delayed` });
    expect(await queue.getDelayedCount()).toBe(1);
  });

  it('serves the metrics to the bearer token', async () => {
    const response = await send(app, { url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain(`orgwarden_queue_jobs{queue="${QUEUE}",state="delayed"} 1`);
    expect(response.body).toContain('orgwarden_worker_info{host="test-host",pid="42",version="0.0.0"} 1');
  });

  it('serves the dashboard, its API and its files to the basic-auth user', async () => {
    const headers = { authorization: basic('ops', PASSWORD) };
    const page = await send(app, { url: '/queues', headers });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await send(app, { url: '/queues/api/queues', headers });
    expect(api.statusCode).toBe(200);
    expect(api.json<{ queues: Array<{ name: string; readOnlyMode: boolean }> }>().queues).toEqual([
      expect.objectContaining({ name: QUEUE, readOnlyMode: false }),
    ]);
    expect((await send(app, { url: '/queues/static/favicon.ico', headers })).statusCode).toBe(200);
    expect((await send(app, { url: '/', headers })).headers.location).toBe('/queues');
  });

  it('accepts the scheme name in any case, as HTTP allows', async () => {
    expect((await send(app, { url: '/metrics', headers: { authorization: `bearer ${TOKEN}` } })).statusCode).toBe(200);
  });
});

describe('with basic auth only', () => {
  it('challenges with Basic alone and refuses a bearer token', async () => {
    const app = await server({ basicAuth: { username: 'ops', passwordEnv: 'OPS_PASSWORD' } });
    const response = await send(app, { url: '/metrics', headers: { authorization: `Bearer ${PASSWORD}` } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="OrgWarden", charset="UTF-8"');
    await app.close();
  });
});

describe('anonymous on loopback (explicit opt-in)', () => {
  let app: OpsServer;
  beforeAll(async () => {
    app = await server({ allowAnonymousOnLoopback: true });
  });
  afterAll(() => app.close());

  it('serves requests addressed to a loopback name, with a read-only dashboard', async () => {
    expect((await send(app, { url: '/metrics', headers: { host: '127.0.0.1:9464' } })).statusCode).toBe(200);
    const api = await send(app, { url: '/queues/api/queues', headers: { host: 'localhost:9464' } });
    expect(api.json<{ queues: Array<{ readOnlyMode: boolean }> }>().queues[0]?.readOnlyMode).toBe(true);
  });

  it('refuses any other Host (a web page rebinding its name to 127.0.0.1)', async () => {
    const response = await send(app, { url: '/metrics', headers: { host: 'attacker.example:9464' } });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('orgwarden_');
  });
});

describe('start-up checks', () => {
  const problems = (raw: unknown) => {
    try {
      parseConfig(raw);
    } catch (err) {
      return (err as OrgWardenError).data.problems as string[];
    }
    return [];
  };

  it('refuses a dashboard on a non-loopback address without credentials', () => {
    expect(problems({ ops: { bind: '0.0.0.0' } })).toEqual([expect.stringMatching(/^ {2}ops\.tokenEnv: the dashboard and metrics would be open to anyone who can reach 0\.0\.0\.0/)]);
    expect(problems({ ops: { bind: '0.0.0.0', allowAnonymousOnLoopback: true } })).toEqual([
      expect.stringContaining('ops.allowAnonymousOnLoopback: only allowed with a loopback bind address'),
      expect.stringContaining('ops.tokenEnv: the dashboard and metrics would be open'),
    ]);
  });

  it('refuses loopback without credentials unless anonymous access is asked for', () => {
    expect(problems({ ops: {} })).toEqual([expect.stringContaining('ops.tokenEnv: no credentials')]);
    expect(problems({ ops: { allowAnonymousOnLoopback: true } })).toEqual([]);
  });

  it('takes the names of environment variables, never secrets, and lists every problem', () => {
    expect(problems({ ops: { bind: '::', tokenEnv: 's3cr3t-token', basicAuth: { username: 'a:b', passwordEnv: 'hunter2' } } })).toEqual([
      expect.stringContaining('ops.tokenEnv: the NAME of an environment variable'),
      expect.stringContaining('ops.basicAuth.username: no ":"'),
      expect.stringContaining('ops.basicAuth.passwordEnv: the NAME of an environment variable'),
    ]);
  });

  it('stops when a named variable is unset or holds a short secret', () => {
    const ops = parseConfig({ ops: { tokenEnv: 'UNSET_VAR', basicAuth: { username: 'ops', passwordEnv: 'SHORT' } } }).ops!;
    expect(() => resolveCredentials(ops, readSecret)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        data: { problems: ['  ops.tokenEnv: environment variable UNSET_VAR is not set', '  ops.basicAuth.passwordEnv: the secret in SHORT is shorter than 16 characters'] },
      }),
    );
  });

  it('listens on the configured address, still behind the check, and names a busy port', async () => {
    const ops = parseConfig({ ops: { port: 0, tokenEnv: 'OPS_TOKEN' } }).ops!;
    const options = { credentials: resolveCredentials(ops, readSecret), board: boardAdapters([queue], false), metrics: createMetricsRegistry({ config: parseConfig({}), redis, store: new StatusStore(redis, KEY_PREFIX), queues: [], worker: { host: 'h', pid: 1, version: 'v' }, log: silentLogger() }), log: silentLogger() };
    const running = await startOpsServer(ops, options);
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${running.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      const port = Number(new URL(running.url).port);
      await expect(startOpsServer({ ...ops, port }, options)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('EADDRINUSE') });
    } finally {
      await running.close();
    }
  });
});
