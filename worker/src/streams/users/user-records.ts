/**
 * The directory's base: every user (active or not) with the fields detections and enrichment use,
 * and which of them are frozen. Two to a few calls: User pages of 2,000, then only the frozen
 * UserLogin rows.
 */
import { parseSfDateTime } from '../../activity/sf-datetime';
import type { DirectoryUser } from '../../enrichment/user-state';
import { collectRows } from '../../salesforce/collect-rows';
import type { OrgClient } from '../../salesforce/org-client';
import { soql } from '../../salesforce/soql';

interface UserRow {
  Id: string;
  Username: string | null;
  Email: string | null;
  Name: string | null;
  UserType: string | null;
  ProfileId: string | null;
  IsActive: boolean | null;
  LastModifiedDate: string | null;
}

interface UserLoginRow {
  UserId: string | null;
  LastModifiedDate: string | null;
}

export interface UserRecords {
  users: DirectoryUser[];
  /** Rows that could not be read (no Id or Username). */
  skipped: number;
}

export async function fetchUserRecords(client: OrgClient): Promise<UserRecords> {
  // Every user, internal and external: shares and grants name inactive and portal users too.
  const rows = await collectRows<UserRow>(client, soql`SELECT Id, Username, Email, Name, UserType, ProfileId, IsActive, LastModifiedDate FROM User ORDER BY Id`, { priority: 'ingest' });
  // Only frozen users: one row each, and far fewer than users.
  const frozen = await collectRows<UserLoginRow>(client, soql`SELECT UserId, LastModifiedDate FROM UserLogin WHERE IsFrozen = true`, { priority: 'ingest' });
  const frozenSince = new Map(frozen.flatMap((f) => (f.UserId ? [[f.UserId, timeOrUndefined(f.LastModifiedDate)] as const] : [])));
  const users: DirectoryUser[] = [];
  let skipped = 0;
  for (const row of rows) {
    if (!row.Id || !row.Username) {
      skipped += 1;
      continue;
    }
    users.push(toDirectoryUser(row, frozenSince));
  }
  return { users, skipped };
}

function toDirectoryUser(row: UserRow, frozenSince: ReadonlyMap<string, number | undefined>): DirectoryUser {
  const user: DirectoryUser = { id: row.Id, username: row.Username!, active: row.IsActive !== false, frozen: frozenSince.has(row.Id), changes: [], privileges: [] };
  if (row.Email) user.email = row.Email;
  if (row.Name) user.name = row.Name;
  if (row.UserType) user.userType = row.UserType;
  if (row.ProfileId) user.profileId = row.ProfileId;
  // LastModifiedDate is at or after the deactivation: a late bound when the audit trail has aged out.
  const modified = timeOrUndefined(row.LastModifiedDate);
  if (!user.active && modified !== undefined) user.activeSinceMs = modified;
  const frozenAt = frozenSince.get(row.Id);
  if (frozenAt !== undefined) user.frozenSinceMs = frozenAt;
  return user;
}

function timeOrUndefined(value: string | null): number | undefined {
  const ms = value ? parseSfDateTime(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
