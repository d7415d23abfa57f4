/**
 * `/__sim/emails`: the email the simulated org sent (the `emailSimple` action), for tests and
 * the demo running outside the process.
 *
 * - `GET` → `{"emails": [{sentAt, userId, senderType, from, to, cc, bcc, subject, body, relatedRecordId, apiVersion}]}`, oldest first
 * - `DELETE` forgets them (the day's SingleEmail allocation stays used) → `{"emails": []}`
 */
import type { SimCore } from '../sim-core';
import { methodNotAllowed } from './http-errors';
import { sendJson, type Exchange } from './send';

export function emailsRoute(core: SimCore, ex: Exchange): void {
  if (ex.req.method === 'DELETE') core.outbox.clear();
  else if (ex.req.method !== 'GET') throw methodNotAllowed(ex.req.method ?? '', ['GET', 'DELETE']);
  sendJson(ex, 200, { emails: core.outbox.emails });
}
