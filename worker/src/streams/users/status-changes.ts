/**
 * When users were deactivated, reactivated, frozen or unfrozen, from the setup audit trail (User
 * and UserLogin keep only the current value). Matched on Action codes; the target user comes from
 * Display (audit-target.ts: a bracketed user id, a username, or a unique full name). Salesforce
 * does not publish the list of Action codes: these are the ones seen in orgs and samples, and a
 * change under an unknown code still shows through User.LastModifiedDate / UserLogin's.
 */
import { auditTarget, nameResolver } from '../../activity/audit-target';
import { parseSfDateTime } from '../../activity/sf-datetime';
import type { DirectoryUser, StatusChange } from '../../enrichment/user-state';
import { collectRows } from '../../salesforce/collect-rows';
import type { OrgClient } from '../../salesforce/org-client';
import { soql } from '../../salesforce/soql';

const CHANGE_BY_ACTION: Readonly<Record<string, StatusChange>> = {
  deactivateduser: 'deactivated',
  activateduser: 'activated',
  reactivateduser: 'activated',
  frozeuser: 'frozen',
  unfrozeuser: 'unfrozen',
};

/** Salesforce keeps the audit trail 180 days. */
const LOOKBACK_MS = 180 * 86_400_000;

interface AuditRow {
  CreatedDate: string;
  CreatedById: string | null;
  Action: string;
  Display: string | null;
}

/** Adds the audit trail's status changes to `users` (in place); returns how many entries matched a user. */
export async function addStatusChanges(client: OrgClient, users: DirectoryUser[], nowMs: number): Promise<number> {
  const actions = Object.keys(CHANGE_BY_ACTION);
  const rows = await collectRows<AuditRow>(
    client,
    // Only the status actions of the last 180 days: a few rows, one call.
    soql`SELECT CreatedDate, CreatedById, Action, Display FROM SetupAuditTrail WHERE Action IN ${actions} AND CreatedDate >= ${new Date(nowMs - LOOKBACK_MS)} ORDER BY CreatedDate ASC`,
    { priority: 'ingest' },
  );
  const byKey = new Map<string, DirectoryUser>();
  for (const user of users) for (const key of [user.id, user.id.slice(0, 15), user.username.toLowerCase()]) byKey.set(key, user);
  const resolve = nameResolver(users);
  let matched = 0;
  for (const row of rows) {
    const change = CHANGE_BY_ACTION[row.Action];
    const atMs = parseSfDateTime(row.CreatedDate);
    const target = auditTarget(row.Display, row.CreatedById ?? undefined, resolve);
    const user = target && (byKey.get(target.userId ?? '') ?? byKey.get(target.username?.toLowerCase() ?? ''));
    if (!change || !user || !Number.isFinite(atMs)) continue;
    user.changes.push({ atMs, change });
    matched += 1;
  }
  return matched;
}
