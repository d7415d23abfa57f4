/**
 * Admins' routine setup work, inside their sessions: resetting passwords, assigning the usual
 * permission sets, changing managers, adding custom fields and picklist values — two or three
 * changes a day in the sections they always use. One admin batches the week's requests every
 * Monday (15–20 changes in an hour): routine for that admin, and the reason a volume-only
 * threshold would be noisy.
 */
import type { GenContext } from '../context';
import type { Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { PERMISSION_SETS } from '../people/access-catalog';
import { AUDIT, writeAudit } from '../records/audit';
import { MINUTE_MS, weekday } from '../time';
import { dayStart } from '../context';
import { timeDuring } from './session-time';

const ROUTINE_SETS = ['Sales_Cloud_User', 'Service_Cloud_User', 'Report_Exporter'];
const FIELDS = [['Region', 'Picklist', 'Account'], ['Renewal Date', 'Date', 'Contract'], ['Escalation Reason', 'Text', 'Case'], ['Partner Tier', 'Picklist', 'Opportunity']] as const;

function colleague(ctx: GenContext, rng: Rng): SimUser {
  return rng.pick(ctx.users.filter((u) => u.role === 'standard' && u.deactivatedMs === undefined));
}

/** One routine change by `admin` at `timeMs`. */
export function routineChange(ctx: GenContext, rng: Rng, admin: SimUser, timeMs: number): string {
  const user = colleague(ctx, rng);
  const kind = rng.weighted([['reset', 3], ['permset', 3], ['manager', 2], ['field', 1], ['picklist', 1]] as const);
  if (kind === 'reset') return writeAudit(ctx, { timeMs, actor: admin, ...AUDIT.resetPassword(user) });
  if (kind === 'permset') {
    const set = rng.pick(ROUTINE_SETS);
    ctx.people.assign(user.id, set, timeMs);
    return writeAudit(ctx, { timeMs, actor: admin, ...AUDIT.permSetAssign(PERMISSION_SETS.find((p) => p.name === set)!.label!, user) });
  }
  if (kind === 'manager') {
    const [a, b] = [colleague(ctx, rng), colleague(ctx, rng)];
    return writeAudit(ctx, { timeMs, actor: admin, ...AUDIT.changedManager(user, `${a.firstName} ${a.lastName}`, `${b.firstName} ${b.lastName}`) });
  }
  if (kind === 'field') {
    const [field, type, object] = rng.pick(FIELDS);
    return writeAudit(ctx, { timeMs, actor: admin, ...AUDIT.createdField(`${field} ${rng.int(2, 9)}`, type, object) });
  }
  return writeAudit(ctx, { timeMs, actor: admin, ...AUDIT.changedPicklist('Stage', 'Negotiation', 'Negotiation/Review') });
}

export function adminWork(ctx: GenContext, rng: Rng, admin: SimUser, day: number, sessions: readonly Session[]): void {
  const ui = sessions.filter((s) => s.kind === 'ui');
  if (ui.length === 0) return;
  const batchAdmin = ctx.users.find((u) => u.role === 'admin') === admin;
  if (batchAdmin && weekday(dayStart(ctx, day)) === 1) {
    // The Monday batch: the week's queued requests, worked through in about an hour.
    const start = ui[0]!.startMs + 20 * MINUTE_MS;
    const count = rng.int(15, 20);
    const ids: string[] = [];
    let t = start;
    for (let i = 0; i < count; i++, t += rng.int(2, 4) * MINUTE_MS) ids.push(routineChange(ctx, rng, admin, t));
    ctx.journal.note({ kind: 'admin-batch', user: admin, day, fromMs: start, toMs: t, evidence: { records: { SetupAuditTrail: ids }, counts: { changes: count }, sections: ['Manage Users', 'Custom Objects', 'Customize Opportunities'] } });
    return;
  }
  const count = rng.poisson(batchAdmin ? 1 : 2.5);
  for (let i = 0; i < count; i++) routineChange(ctx, rng, admin, timeDuring(rng, rng.pick(ui)));
}
