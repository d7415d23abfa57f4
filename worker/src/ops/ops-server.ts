/**
 * The operator's HTTP server of `orgwarden run`: Bull Board at /queues, Prometheus metrics at
 * /metrics and the status-component preview at /status, all behind the same check. The check
 * is a root `onRequest` hook, so it runs before
 * every route — dashboard pages, its API and static files, /metrics, and unknown paths (a 401,
 * not a 404: nothing about the server shows without credentials).
 */
import { createBullBoard } from '@bull-board/api';
import { FastifyAdapter } from '@bull-board/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import type { BoardQueue } from '../queues/board-adapters';
import { challenge, isAuthorized, isLoopbackHost, type OpsCredentials } from './ops-auth';
import type { OpsConfig } from './ops-config';
import { registerStatusPage, type StatusPageOptions } from './status-page';

export const DASHBOARD_PATH = '/queues';
export const METRICS_PATH = '/metrics';

export interface OpsServerOptions {
  credentials: OpsCredentials;
  board: BoardQueue[];
  metrics: Registry;
  log: Logger;
  /** The status-component preview at /status (status-page.ts). */
  status?: Omit<StatusPageOptions, 'log'>;
}

export interface OpsServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** The server without listening (tests use `inject`). */
export async function buildOpsServer(options: OpsServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    // One line per scrape would drown the worker's own logs; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    const { credentials } = options;
    if (credentials.anonymous) {
      if (isLoopbackHost(request.headers.host)) return;
      return reply.code(403).header('cache-control', 'no-store').type('text/plain').send('forbidden: anonymous access is for loopback addresses only\n');
    }
    if (isAuthorized(request.headers.authorization, credentials)) return;
    return reply.code(401).header('www-authenticate', challenge(credentials)).header('cache-control', 'no-store').type('text/plain').send('authentication required\n');
  });
  app.get(METRICS_PATH, async (_request, reply) => {
    const text = await options.metrics.metrics();
    return reply.header('cache-control', 'no-store').type(options.metrics.contentType).send(text);
  });
  app.get('/', async (_request, reply) => reply.redirect(DASHBOARD_PATH));
  if (options.status) registerStatusPage(app, { ...options.status, log: options.log });
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: options.board, serverAdapter, options: { uiConfig: { boardTitle: 'OrgWarden' } } });
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  return app;
}

export async function startOpsServer(ops: OpsConfig, options: OpsServerOptions): Promise<OpsServer> {
  const app = await buildOpsServer(options);
  try {
    await app.listen({ host: ops.bind, port: ops.port });
  } catch (cause) {
    await app.close();
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new OrgWardenError('CONFIG_INVALID', `ops: cannot listen on ${ops.bind} port ${ops.port} (${code})`, {
      cause,
      actions: ['choose another ops.port (each worker process on a machine needs its own), or stop the program using it'],
    });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ops.port;
  const host = ops.bind.includes(':') ? `[${ops.bind}]` : ops.bind;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}
