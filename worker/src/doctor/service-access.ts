/**
 * The system permissions the service account holds, and through what: its profile and every
 * permission set assigned to it. Profile rows carry the same `Permissions<Name>` fields as
 * permission sets; a profile's own permission set (`IsOwnedByProfile`) repeats it, so the profile
 * is read directly as well (some orgs do not list owned sets among the assignments).
 * 3–4 calls: describe PermissionSet (which permission fields this org has), the profile, the
 * assignments, their permission sets.
 */
import { collectRows } from '../salesforce/collect-rows';
import { raw, soql } from '../salesforce/soql';
import { DOCTOR_PRIORITY, type DoctorContext } from './check';

export interface PermissionDef {
  /** API name without the `Permissions` prefix of the PermissionSet/Profile field. */
  name: string;
  /** As Setup shows it. */
  label: string;
  /** What the worker needs it for. */
  why: string;
}

/** DESIGN §2: the service account's system permissions (the Warden_Integration permission set and profile). */
export const REQUIRED_PERMISSIONS: readonly PermissionDef[] = [
  { name: 'ApiEnabled', label: 'API Enabled', why: 'every call the worker makes' },
  { name: 'ViewAllData', label: 'View All Data', why: "every user's sign-ins, files and records" },
  { name: 'ViewEventLogFiles', label: 'View Event Log Files', why: 'event log files (eventlogs stream)' },
  { name: 'ManageUsers', label: 'Manage Users', why: "every user's OAuth grants and login state; freeze, deactivate, end sessions" },
  { name: 'QueryAllFiles', label: 'Query All Files', why: 'file shares of every user (ContentDocumentLink)' },
  { name: 'ManageContent', label: 'Manage Salesforce CRM Content', why: 'files in Salesforce CRM Content libraries (only when CRM Content is enabled)' },
  { name: 'ModifyMetadata', label: 'Modify Metadata Through Metadata API Functions', why: 'reading SecuritySettings through the Metadata API' },
  { name: 'ViewSetup', label: 'View Setup and Configuration', why: 'Setup Audit Trail, profiles and permission sets, Health Check' },
];

/** Granted to no OrgWarden account (least privilege): a warning when the account holds them. */
export const EXCESS_PERMISSIONS: readonly PermissionDef[] = [
  { name: 'ModifyAllData', label: 'Modify All Data', why: 'not needed: the worker edits only its own objects' },
  { name: 'CustomizeApplication', label: 'Customize Application', why: 'not needed: the worker changes no setup' },
  { name: 'AuthorApex', label: 'Author Apex', why: 'not needed: OrgWarden has no Apex' },
];

export const INTEGRATION_PERMISSION_SET = 'Warden_Integration';
export const INTEGRATION_PROFILE = 'Warden Integration';

export interface Grant {
  /** `profile "Warden Integration"` or `permission set Warden_Integration`. */
  via: string;
  permissions: ReadonlySet<string>;
}

export interface ServiceAccess {
  /** Permissions this org has a field for (absent ones cannot be granted here at all). */
  offered: ReadonlySet<string>;
  /** The profile's name, when the User record names a readable profile. */
  profileName?: string;
  /** Whether the profile's permissions were read (its row, or its own permission set). */
  profileRead: boolean;
  permissionSets: string[];
  grants: Grant[];
}

type PermissionRow = Record<string, unknown> & { Id: string; Name?: string | null; IsOwnedByProfile?: boolean };

const IDS_PER_QUERY = 200;

export function readAccess(ctx: DoctorContext): Promise<ServiceAccess> {
  return ctx.facts.remember('access', async () => {
    const user = await ctx.facts.user();
    const fieldNames = new Set((await ctx.facts.describe('PermissionSet')).fields.map((f) => f.name));
    const offered = new Set([...REQUIRED_PERMISSIONS, ...EXCESS_PERMISSIONS].map((p) => p.name).filter((name) => fieldNames.has(`Permissions${name}`)));
    const fields = raw(['Id', 'Name', ...[...offered].map((name) => `Permissions${name}`)].join(', '));
    const grants: Grant[] = [];
    let profileName: string | undefined;
    if (user.ProfileId) {
      const [profile] = await collectRows<PermissionRow>(ctx.client, soql`SELECT ${fields} FROM Profile WHERE Id = ${user.ProfileId}`, { priority: DOCTOR_PRIORITY });
      if (profile) {
        profileName = profile.Name ?? profile.Id;
        grants.push({ via: `profile "${profileName}"`, permissions: held(profile, offered) });
      }
    }
    const assignments = await collectRows<{ PermissionSetId: string }>(
      ctx.client,
      soql`SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${user.Id}`,
      { priority: DOCTOR_PRIORITY },
    );
    const ids = [...new Set(assignments.map((a) => a.PermissionSetId))];
    const permissionSets: string[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY);
      const sets = await collectRows<PermissionRow>(ctx.client, soql`SELECT ${fields}, IsOwnedByProfile FROM PermissionSet WHERE Id IN ${chunk}`, { priority: DOCTOR_PRIORITY });
      for (const set of sets) {
        // The profile's own set: the same grants as the profile row (read above when readable).
        if (set.IsOwnedByProfile && profileName) continue;
        const via = set.IsOwnedByProfile ? 'its profile' : `permission set ${set.Name ?? set.Id}`;
        if (!set.IsOwnedByProfile) permissionSets.push(set.Name ?? set.Id);
        grants.push({ via, permissions: held(set, offered) });
      }
    }
    const profileRead = grants.some((grant) => grant.via.startsWith('profile ') || grant.via === 'its profile');
    return { offered, ...(profileName === undefined ? {} : { profileName }), profileRead, permissionSets: permissionSets.sort(), grants };
  });
}

function held(row: PermissionRow, offered: ReadonlySet<string>): Set<string> {
  return new Set([...offered].filter((name) => row[`Permissions${name}`] === true));
}

/** Where the account gets a permission from (empty: it does not hold it). */
export function grantedBy(access: ServiceAccess, permission: string): string[] {
  return access.grants.filter((grant) => grant.permissions.has(permission)).map((grant) => grant.via);
}

/** Whether the account is set up as OrgWarden's service account (its profile or permission set). */
export function isIntegrationAccount(access: ServiceAccess): boolean {
  return access.profileName === INTEGRATION_PROFILE || access.permissionSets.includes(INTEGRATION_PERMISSION_SET);
}
