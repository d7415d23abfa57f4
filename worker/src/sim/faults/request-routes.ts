/**
 * Which routes a request belongs to, so a fault rule can aim at "queries", "LogFile downloads" or
 * "the token endpoint". A request carries every tag from the broadest to the narrowest
 * (`any` → `data` → `query` → `query-more`); a rule hits it when they share one.
 * `/__sim/*` controls are never faulted.
 */
export const ROUTE_NAMES = [
  'any',
  'oauth', // /services/oauth2/* (the login host)
  'token',
  'revoke',
  'userinfo',
  'identity', // /id/<org>/<user>
  'versions', // GET /services/data
  'data', // every REST call under /services/data/vXX.X/
  'resources',
  'limits',
  'query', // first page of query and queryAll
  'query-all',
  'query-more', // next pages (locators), query or queryAll
  'sobjects',
  'log-file', // GET …/sobjects/EventLogFile/<Id>/LogFile
  'composite',
  'tooling',
  'soap', // /services/Soap/*
] as const;

export type RouteName = (typeof ROUTE_NAMES)[number];

function segmentsOf(pathname: string): string[] {
  return pathname.replace(/\/{2,}/g, '/').split('/').slice(1);
}

function dataTags(rest: string[]): RouteName[] {
  const [resource, second, third, fourth] = rest;
  switch (resource) {
    case undefined:
    case '':
      return ['resources'];
    case 'limits':
      return ['limits'];
    case 'query':
      return second ? ['query-more'] : ['query'];
    case 'queryAll':
      return second ? ['query-more'] : ['query', 'query-all'];
    case 'sobjects':
      return second === 'EventLogFile' && third && fourth === 'LogFile' ? ['sobjects', 'log-file'] : ['sobjects'];
    case 'composite':
      return ['composite'];
    case 'tooling':
      return ['tooling'];
    default:
      return [];
  }
}

/** Tags of a request path, broadest first; undefined for the simulator's own controls. */
export function routeTags(pathname: string): RouteName[] | undefined {
  const [first, second, third, ...rest] = segmentsOf(pathname);
  if (first === '__sim') return undefined;
  if (first === 'id') return ['any', 'identity'];
  if (first !== 'services') return ['any'];
  if (second === 'oauth2') {
    const leaf: RouteName[] = third === 'token' || third === 'revoke' || third === 'userinfo' ? [third] : [];
    return ['any', 'oauth', ...leaf];
  }
  if (second === 'Soap') return ['any', 'soap'];
  if (second !== 'data') return ['any'];
  if (third === undefined || third === '') return ['any', 'versions'];
  return ['any', 'data', ...dataTags(rest)];
}
