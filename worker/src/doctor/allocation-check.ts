/**
 * The org's daily API allocation against OrgWarden's reserve (DESIGN §3.1): `/limits`
 * DailyApiRequests, or — when the governor already holds calls back — the figure it last read
 * from a response's Sforce-Limit-Info.
 */
import { OrgWardenError } from '../errors';
import { PRIORITY_HEADROOM_PERCENT } from '../salesforce/quota-policy';
import { DOCTOR_PRIORITY, pass, warn, type Check, type DoctorContext } from './check';

interface Allocation {
  max: number;
  remaining: number;
}

async function readAllocation(ctx: DoctorContext): Promise<Allocation | undefined> {
  try {
    const limits = await ctx.client.request<{ DailyApiRequests?: { Max: number; Remaining: number } }>(DOCTOR_PRIORITY, { method: 'GET', url: '/limits' }, 'limits');
    if (limits.DailyApiRequests) return { max: limits.DailyApiRequests.Max, remaining: limits.DailyApiRequests.Remaining };
  } catch (err) {
    if (!(err instanceof OrgWardenError) || err.code !== 'SF_REQUEST_LIMIT') throw err;
  }
  const status = await ctx.client.quota.status();
  return status.max !== undefined && status.used !== undefined ? { max: status.max, remaining: status.max - status.used } : undefined;
}

const n = (value: number) => value.toLocaleString('en-US');

export const apiAllocationCheck: Check = {
  id: 'api-allocation',
  async run(ctx) {
    const { reservePercent, ownSharePercent } = ctx.config;
    const allocation = await readAllocation(ctx);
    if (!allocation) {
      return warn('the org reported no daily API allocation (no DailyApiRequests in /limits, no Sforce-Limit-Info)', 'nothing to change; the worker reads the figure from every response it gets');
    }
    const { max, remaining } = allocation;
    const reserve = Math.ceil((max * reservePercent) / 100);
    // Below this, backfill (the lowest priority) stops first; event logs, then ingestion follow.
    const backfillStop = Math.ceil((max * (reservePercent + PRIORITY_HEADROOM_PERCENT.backfill)) / 100);
    const share = ownSharePercent ? `; OrgWarden's own calls capped at ${ownSharePercent}% = ${n(Math.floor((max * ownSharePercent) / 100))}` : '';
    const observed = `${n(remaining)} of ${n(max)} daily API requests remain (rolling 24 h); reserve ${reservePercent}% = ${n(reserve)}${share}`;
    const relief =
      "the worker resumes by itself when the org's 24 h usage drops; if other integrations keep the org this busy, reduce their calls or buy more API capacity from Salesforce, " +
      'or lower reservePercent in the config (it protects the org\'s other integrations)';
    if (remaining <= reserve) return warn(`${observed}: at the reserve, so the worker makes no calls until usage drops`, relief);
    if (remaining < backfillStop) return warn(`${observed}: backfill and event log reads pause below ${n(backfillStop)}`, relief);
    return pass(observed);
  },
};
