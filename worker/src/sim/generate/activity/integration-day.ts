/**
 * Integration users call the API around the clock, every day: an OAuth token (Remote Access 2.0,
 * client credentials) every few hours from whichever cloud address the job runs on, then REST
 * and SOAP queries and updates (each also an ApiTotalUsage row). The first integration also runs
 * a nightly Bulk API extract of about a million rows — large, but the same every night.
 */
import type { GenContext } from '../context';
import { dayStart } from '../context';
import { emitApiRow } from '../event-logs/types/api';
import { emitApiTotalUsageRow } from '../event-logs/types/api-total-usage';
import { emitBulkApiRow } from '../event-logs/types/bulk-api';
import { emitRestApiRow } from '../event-logs/types/rest-api';
import { API_DEVICE } from '../people/devices';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { REFERENCE_PREFIXES } from '../key-prefixes';
import { recordLogin } from './logins';
import { endSession } from './session-end';

const ENTITIES = ['Account', 'Contact', 'Opportunity', 'Case', 'Order', 'Product2'];
export const INTEGRATION_APPS = ['ERP Sync (MuleSoft)', 'Marketing Automation Connector', 'Data Warehouse Loader', 'Billing Integration'];

export function integrationApp(user: SimUser, integrations: readonly SimUser[]): string {
  return INTEGRATION_APPS[integrations.indexOf(user) % INTEGRATION_APPS.length] as string;
}

function calls(ctx: GenContext, rng: Rng, session: Session, app: string): void {
  const appId = ctx.appIds.get(app);
  const count = rng.int(10, 25);
  for (let i = 0; i < count; i++) {
    const t = rng.int(session.startMs + 1_000, session.endMs);
    const entity = rng.pick(ENTITIES);
    if (rng.chance(0.7)) {
      const rows = rng.int(0, 2000);
      emitRestApiRow(ctx, rng, session, t, { method: 'GET', uri: `/services/data/v62.0/query`, entity, rows, ...(appId ? { connectedAppId: appId } : {}), clientName: app });
      emitApiTotalUsageRow(ctx, rng, session, t, { family: 'REST', resource: '/v62.0/query', entity, method: 'GET', ...(appId ? { appId } : {}), appName: app, clientName: app });
    } else {
      const method = rng.pick(['query', 'update', 'upsert'] as const);
      emitApiRow(ctx, rng, session, t, { method, entity, rows: rng.int(1, 500), clientName: app, ...(method === 'query' ? { query: `SELECT Id, Name FROM ${entity} WHERE LastModifiedDate = TODAY` } : {}) });
      emitApiTotalUsageRow(ctx, rng, session, t, { family: 'SOAP', resource: method, entity, method: 'POST', ...(appId ? { appId } : {}), appName: app, clientName: app });
    }
  }
}

/** The nightly extract: one Bulk API query job, ~20 batches of ~50,000 rows. */
export function nightlyExtract(ctx: GenContext, rng: Rng, session: Session, startMs: number, batches: number): number {
  const jobId = ctx.ids.next(REFERENCE_PREFIXES.BulkJob);
  let rows = 0;
  for (let b = 0; b < batches; b++) {
    const batchRows = rng.int(45_000, 55_000);
    rows += batchRows;
    emitBulkApiRow(ctx, rng, session, startMs + b * rng.int(40_000, 90_000), { jobId, batchId: ctx.ids.next(REFERENCE_PREFIXES.BulkBatch), entity: 'Opportunity', operation: 'query', rows: batchRows });
  }
  return rows;
}

export function integrationDay(ctx: GenContext, rng: Rng, user: SimUser, day: number): void {
  const integrations = ctx.users.filter((u) => u.role === 'integration');
  const app = integrationApp(user, integrations);
  const midnight = dayStart(ctx, day);
  let first = true;
  for (let t = midnight + rng.int(0, 60) * MINUTE_MS; t < midnight + 24 * HOUR_MS; t += rng.int(3 * 60, 5 * 60) * MINUTE_MS) {
    const { session } = recordLogin(ctx, rng, { user, timeMs: t, place: rng.pick(ctx.pools.cloud), device: API_DEVICE, kind: 'api', status: 'Success', application: app, durationMs: 2 * HOUR_MS });
    if (!session) continue;
    calls(ctx, rng, session, app);
    if (first && integrations[0] === user) {
      const from = t + rng.int(50, 70) * MINUTE_MS;
      const rows = nightlyExtract(ctx, rng, session, from, rng.int(18, 22));
      ctx.journal.note({ kind: 'nightly-extract', user, day, fromMs: from, toMs: from + 30 * MINUTE_MS, evidence: { ips: [session.place.ip], counts: { rows }, eventTypes: ['BulkApi'], app } });
    }
    first = false;
    endSession(ctx, rng, session);
  }
}
