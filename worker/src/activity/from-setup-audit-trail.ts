/**
 * SetupAuditTrail rows → Activities. `Action` is the stable, language-independent code of what was
 * done (`PermSetAssign`, `suOrgAdminLogin`, `deactivateduser` …): it becomes `operation`, and
 * detections decide on it. `Section` is kept as Salesforce wrote it; `Display` only yields the
 * target user (audit-target.ts) and is never a basis for a security decision.
 * Login-As entries (the admin opening a session as someone else) are `login-as` activities, every
 * other entry `admin.change`.
 */
import type { Activity } from './activity';
import { auditTarget, type NameResolver } from './audit-target';
import { parseSfDateTime } from './sf-datetime';

export interface SetupAuditTrailRow {
  Id: string;
  CreatedDate: string;
  CreatedById: string | null;
  Action: string | null;
  Section: string | null;
  Display: string | null;
  DelegateUser: string | null;
  CreatedByContext?: string | null;
}

/** Every field exists since API 35.0 (DelegateUser) / 48.0 (CreatedByContext). */
export const SETUP_AUDIT_TRAIL_FIELDS = ['Id', 'CreatedDate', 'CreatedById', 'Action', 'Section', 'Display', 'DelegateUser', 'CreatedByContext'] as const;

/** Action codes of an admin logging in as another user (org users; Experience Cloud site users). */
export const LOGIN_AS_ACTIONS: ReadonlySet<string> = new Set(['suOrgAdminLogin', 'suNetworkAdminLogin']);

export function fromSetupAuditTrail(row: SetupAuditTrailRow, orgId: string, resolveName?: NameResolver): Activity | undefined {
  const timeMs = parseSfDateTime(row.CreatedDate);
  if (!Number.isFinite(timeMs) || !row.Id || !row.Action) return undefined;
  const activity: Activity = {
    id: row.Id,
    source: 'SetupAuditTrail',
    timeMs,
    orgId,
    kind: LOGIN_AS_ACTIONS.has(row.Action) ? 'login-as' : 'admin.change',
    operation: row.Action,
    ipTags: [],
  };
  if (row.CreatedById) activity.userId = row.CreatedById;
  if (row.Section) activity.section = row.Section;
  if (row.DelegateUser) activity.delegateUser = row.DelegateUser;
  const target = auditTarget(row.Display, row.CreatedById ?? undefined, resolveName);
  if (target) activity.target = target;
  return activity;
}
