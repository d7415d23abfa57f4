/**
 * `/services/data/vXX.X/…`: counts the call against the org's allocation (every call, including
 * `/limits` and failures; at the limit 403 REQUEST_LIMIT_EXCEEDED), stamps `Sforce-Limit-Info`,
 * authenticates the bearer token, then hands the call to its resource.
 */
import { authenticate } from '../auth/authenticate';
import { identityUrl } from '../auth/identity';
import { notFound, requestLimitExceeded } from '../http/http-errors';
import type { RequestLogEntry } from '../http/request-log';
import { sendJson, type Exchange } from '../http/send';
import type { SimCore } from '../sim-core';
import { compositeRoute } from './composite-routes';
import { allow, basePath, type DataRequest } from './data-request';
import { limitsRoute } from './limits';
import { queryRoute } from './query-routes';
import { sobjectRoute } from './sobject-routes';
import { actionsRoute } from '../actions/action-routes';
import { toolingRoute } from '../tooling/tooling-routes';

const RESOURCES = ['tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'chatter', 'tabs', 'appMenu', 'quickActions', 'queryAll', 'commerce', 'wave', 'iot', 'analytics', 'search', 'smartdatadiscovery', 'identity', 'composite', 'parameterizedSearch', 'fingerprint', 'theme', 'nouns', 'domino', 'event', 'serviceTemplates', 'recent', 'connect', 'licensing', 'limits', 'process', 'async-queries', 'query', 'match', 'emailConnect', 'compactLayouts', 'knowledgeManagement', 'sobjects', 'actions', 'support'];

function resourcesRoute(r: DataRequest): void {
  allow(r, ['GET']);
  const body: Record<string, string> = {};
  for (const name of RESOURCES) body[name] = `${basePath(r)}/${name}`;
  body['identity'] = identityUrl(r.core, r.session.userId);
  sendJson(r.ex, 200, body);
}

async function route(r: DataRequest): Promise<void> {
  switch (r.segments[0]) {
    case undefined:
    case '':
      return resourcesRoute(r);
    case 'limits':
      if (r.segments.length > 1) throw notFound();
      return limitsRoute(r);
    case 'query':
      return queryRoute(r, false);
    case 'queryAll':
      return queryRoute(r, true);
    case 'sobjects':
      return sobjectRoute(r);
    case 'tooling':
      return toolingRoute(r);
    case 'actions':
      return actionsRoute(r);
    case 'composite':
      return compositeRoute(r);
    default:
      throw notFound();
  }
}

export async function dataApi(core: SimCore, ex: Exchange, url: URL, log: RequestLogEntry, version: string, segments: string[]): Promise<void> {
  const counted = core.usage.tryConsume();
  ex.res.setHeader('Sforce-Limit-Info', core.usage.header());
  if (!counted) throw requestLimitExceeded();
  const session = authenticate(core, ex.req);
  await route({ core, ex, url, method: ex.req.method ?? 'GET', version, segments, session, log });
}
