/**
 * Simulator controls for out-of-process tests and the demo, under `/__sim/` — outside `/services`
 * so no Salesforce client ever calls them by accident. They need no token and do not count as
 * API calls (the server only listens on 127.0.0.1).
 *
 * - `/__sim/api-usage`: the rolling 24 h API usage, other apps' calls (`admin-api-usage.ts`)
 * - `/__sim/clock`: the simulated clock (`admin-clock.ts`)
 * - `/__sim/emails`: email sent by the `emailSimple` action (`admin-emails.ts`)
 * - `/__sim/faults`: faults on demand and what they struck (`faults/faults-admin-route.ts`)
 */
import type { SimCore } from '../sim-core';
import { apiUsageRoute } from './admin-api-usage';
import { clockRoute } from './admin-clock';
import { emailsRoute } from './admin-emails';
import { faultsAdminRoute } from '../faults/faults-admin-route';
import { notFound } from './http-errors';
import type { Exchange } from './send';

export async function adminRoute(core: SimCore, ex: Exchange, name: string): Promise<void> {
  if (name === 'api-usage') return apiUsageRoute(core, ex);
  if (name === 'clock') return clockRoute(core, ex);
  if (name === 'emails') return emailsRoute(core, ex);
  if (name === 'faults') return faultsAdminRoute(core.faults, ex);
  throw notFound();
}
