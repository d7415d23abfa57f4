/**
 * REST authentication: `Authorization: Bearer <session id>` (Salesforce also accepts the legacy
 * `OAuth <session id>`). Anything else is 401 INVALID_SESSION_ID, which jsforce treats as
 * "session expired" and answers by refreshing when it can.
 */
import type { IncomingMessage } from 'node:http';
import { invalidSession } from '../http/http-errors';
import type { SimCore } from '../sim-core';
import type { Session } from './token-store';

export function bearerToken(req: IncomingMessage): string | undefined {
  const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
  return m?.[1];
}

export function authenticate(core: SimCore, req: IncomingMessage): Session {
  const token = bearerToken(req);
  const session = token ? core.tokens.lookup(token) : undefined;
  if (!session) throw invalidSession();
  return session;
}
