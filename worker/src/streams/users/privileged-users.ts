/**
 * Who holds admin-level permissions — Modify All Data, View All Data, Manage Users, Author Apex
 * (DESIGN §3.4 privilege-escalation) — and through what. Permission sets with any of them, then
 * their assignments. A profile's permissions live in the permission set it owns
 * (`IsOwnedByProfile`, `ProfileId`); users get them through `User.ProfileId`. Profiles are also
 * read directly (Profile exposes the same Permissions* fields), which covers orgs where the
 * owned sets are not visible. 3 calls + 1 per 200 privileged permission sets.
 */
import { collectRows } from '../../salesforce/collect-rows';
import type { OrgClient } from '../../salesforce/org-client';
import { raw, soql } from '../../salesforce/soql';

export const ADMIN_PERMISSIONS = ['ModifyAllData', 'ViewAllData', 'ManageUsers', 'AuthorApex'] as const;

const PERMISSION_FIELDS = ADMIN_PERMISSIONS.map((p) => `Permissions${p}`);
const ANY_ADMIN_PERMISSION = raw(PERMISSION_FIELDS.map((f) => `${f} = true`).join(' OR '));
const IDS_PER_QUERY = 200;

type PermissionRow = Record<string, unknown> & { Id: string; Name?: string | null; Label?: string | null; IsOwnedByProfile?: boolean; ProfileId?: string | null };

/** Privileges by user id, plus profile id → privileges for users of a privileged profile. */
export interface Privileges {
  byUser: Map<string, string[]>;
  byProfile: Map<string, string[]>;
}

export async function fetchPrivileges(client: OrgClient): Promise<Privileges> {
  const fields = raw(PERMISSION_FIELDS.join(', '));
  const sets = await collectRows<PermissionRow>(client, soql`SELECT Id, Name, Label, IsOwnedByProfile, ProfileId, ${fields} FROM PermissionSet WHERE ${ANY_ADMIN_PERMISSION}`, { priority: 'ingest' });
  const profiles = await collectRows<PermissionRow>(client, soql`SELECT Id, Name, ${fields} FROM Profile WHERE ${ANY_ADMIN_PERMISSION}`, { priority: 'ingest' });
  const byProfile = new Map<string, string[]>();
  for (const profile of profiles) byProfile.set(profile.Id, granted(profile, `profile ${profile.Name ?? profile.Id}`));
  for (const set of sets.filter((s) => s.IsOwnedByProfile && s.ProfileId)) {
    if (!byProfile.has(set.ProfileId!)) byProfile.set(set.ProfileId!, granted(set, `profile ${set.ProfileId}`));
  }
  const assignable = sets.filter((s) => !s.IsOwnedByProfile);
  const byUser = await assignmentsOf(client, assignable);
  return { byUser, byProfile };
}

async function assignmentsOf(client: OrgClient, sets: PermissionRow[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  const bySet = new Map(sets.map((s) => [s.Id, granted(s, `permission set ${s.Name ?? s.Id}`)]));
  const ids = [...bySet.keys()];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const rows = await collectRows<{ AssigneeId: string | null; PermissionSetId: string }>(
      client,
      soql`SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSetId IN ${chunk}`,
      { priority: 'ingest' },
    );
    for (const row of rows) {
      if (!row.AssigneeId) continue;
      byUser.set(row.AssigneeId, [...(byUser.get(row.AssigneeId) ?? []), ...(bySet.get(row.PermissionSetId) ?? [])]);
    }
  }
  return byUser;
}

function granted(row: PermissionRow, via: string): string[] {
  return ADMIN_PERMISSIONS.filter((p) => row[`Permissions${p}`] === true).map((p) => `${p} (${via})`);
}
