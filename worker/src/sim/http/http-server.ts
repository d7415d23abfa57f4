/**
 * The simulator's HTTP front: one loopback origin that plays both Salesforce's login host
 * (`/services/oauth2/*`, `/id/*`) and the org's instance (`/services/data/*`), plus the `/__sim/`
 * controls. Every request is logged; errors leave as Salesforce-shaped responses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { servedVersion, versionList } from '../api-versions';
import { dataApi } from '../api/data-api';
import { identityRoute } from '../auth/identity';
import { oauthRoute } from '../auth/oauth-routes';
import { soapRoute } from '../soap/soap-route';
import type { SimCore } from '../sim-core';
import { adminRoute } from './admin-routes';
import { methodNotAllowed, notFound, SfHttpError } from './http-errors';
import type { RequestLogEntry } from './request-log';
import { sendError, sendJson, unknownException, type Exchange } from './send';

function segmentsOf(pathname: string): string[] {
  return pathname
    .split('/')
    .slice(1)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

async function dispatch(core: SimCore, ex: Exchange, url: URL, log: RequestLogEntry): Promise<void> {
  const segs = segmentsOf(url.pathname.replace(/\/{2,}/g, '/'));
  const [first, second, third, ...rest] = segs;
  if (first === '__sim' && second) return adminRoute(core, ex, second);
  if (first === 'id' && second && third && rest.length === 0) return identityRoute(core, ex, url, second, third);
  if (first !== 'services') throw notFound();
  if (second === 'oauth2' && third) return oauthRoute(core, ex, url, third);
  if (second === 'Soap') return soapRoute(core, ex, log, segs.slice(2));
  if (second !== 'data') throw notFound();
  if (third === undefined || third === '') {
    // The versions list needs no session and does not count against the allocation.
    if (ex.req.method !== 'GET' && ex.req.method !== 'HEAD') throw methodNotAllowed(ex.req.method ?? '', ['GET', 'HEAD']);
    return sendJson(ex, 200, versionList());
  }
  const version = servedVersion(third);
  if (!version) throw notFound();
  return dataApi(core, ex, url, log, version, rest);
}

function fail(ex: Exchange, log: RequestLogEntry, err: unknown): void {
  const httpError = err instanceof SfHttpError ? err : unknownException();
  if (!(err instanceof SfHttpError)) log.body = { error: String((err as Error)?.stack ?? err) };
  log.errorCode = httpError.errorCode;
  if (ex.res.headersSent) {
    ex.res.destroy();
    return;
  }
  sendError(ex, httpError);
}

/** A `node:http` server answering for the simulated org. */
export function createSimServer(core: SimCore): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const ex: Exchange = { req, res, compress: core.compress };
    const now = core.clock.now();
    const log = core.requestLog.start(req, now);
    // The Date header is the org's clock, as with Salesforce: clients (OrgWarden's worker) read it.
    res.setHeader('Date', now.toUTCString());
    res.on('finish', () => {
      log.status = res.statusCode;
    });
    // Clients that keep an instance URL with a trailing slash (the sf CLI does) send `//services/…`;
    // Salesforce serves those, and `new URL` would read `//services` as a host.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://127.0.0.1');
    // Injected faults (faults/) strike before routing; a faulted request is answered or dropped there.
    core.faults
      .intercept(ex, url, log)
      .then((faulted) => (faulted ? undefined : dispatch(core, ex, url, log)))
      .catch((err: unknown) => fail(ex, log, err));
  });
}
