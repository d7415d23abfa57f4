/**
 * The users stream (every 60 min, current state): builds the user directory — active / frozen /
 * deactivated with the time it changed, admin-level privileges, terminations from the optional
 * terminated-users file — and saves it in the org's state for every worker and detection
 * (enrichment/user-state.ts). It yields no activities: one page whose cursor is the snapshot's
 * time and the terminated-users file's digest (a changed file is logged as reloaded).
 * Calls per poll: User pages (2,000 users each), UserLogin (frozen only), the audit trail's status
 * actions, PermissionSet, Profile, PermissionSetAssignment per 200 privileged sets.
 */
import { UserStates, type DirectoryUser, type UserDirectorySnapshot } from '../../enrichment/user-state';
import { readTerminatedUsers, type TerminatedUsers } from '../../enrichment/terminated-users-file';
import type { SourceContext, SourcePage, StreamDefinition, StreamSource } from '../stream';
import { fetchPrivileges } from './privileged-users';
import { addStatusChanges } from './status-changes';
import { fetchUserRecords } from './user-records';

interface UsersCursor {
  takenAtMs: number;
  terminatedFileDigest?: string;
}

export const userDirectorySource: StreamSource = {
  id: 'UserDirectory',
  // Current state: every poll reads everything; the window only dates the snapshot.
  resumeFrom: (cursor) => (cursor as UsersCursor).takenAtMs,
  async *pages(ctx, window, cursor) {
    const previous = cursor as UsersCursor | undefined;
    const { users, skipped } = await fetchUserRecords(ctx.client);
    await addStatusChanges(ctx.client, users, window.untilMs);
    const privileges = await fetchPrivileges(ctx.client);
    for (const user of users) {
      user.privileges = [...(privileges.byUser.get(user.id) ?? []), ...(user.profileId ? privileges.byProfile.get(user.profileId) ?? [] : [])];
    }
    const terminated = applyTerminations(ctx, users);
    const snapshot: UserDirectorySnapshot = { takenAtMs: window.untilMs, users };
    if (ctx.state) await UserStates.save(ctx.state, snapshot);
    if (terminated && previous?.terminatedFileDigest !== terminated.digest) {
      ctx.log.info({ stream: 'users', file: terminated.path, terminations: terminated.terminations.length, problems: terminated.problems.length }, 'terminated-users file loaded');
    }
    ctx.log.info({ stream: 'users', users: users.length, privileged: users.filter((u) => u.privileges.length > 0).length, inactive: users.filter((u) => !u.active).length, frozen: users.filter((u) => u.frozen).length }, 'user directory saved');
    const next: UsersCursor = { takenAtMs: window.untilMs, ...(terminated ? { terminatedFileDigest: terminated.digest } : {}) };
    const page: SourcePage = { activities: [], records: users.length + skipped, skipped: skipped + (terminated?.problems.length ?? 0), duplicates: 0, cursor: next };
    yield page;
  },
};

/** Marks users the terminated-users file names; reports bad rows and names it cannot match. */
function applyTerminations(ctx: SourceContext, users: DirectoryUser[]): TerminatedUsers | undefined {
  const path = ctx.config?.terminatedUsersFile;
  if (!path) return undefined;
  let file: TerminatedUsers;
  try {
    file = readTerminatedUsers(path);
  } catch (err) {
    ctx.log.warn({ stream: 'users', file: path, err }, 'cannot read the terminated-users file: terminations unknown this poll');
    ctx.report?.({ source: 'terminatedUsersFile', state: 'degraded', detail: `cannot read ${path}` });
    return undefined;
  }
  const byKey = new Map<string, DirectoryUser[]>();
  for (const user of users) for (const key of [user.username.toLowerCase(), user.email?.toLowerCase()]) if (key) byKey.set(key, [...(byKey.get(key) ?? []), user]);
  let unmatched = 0;
  for (const t of file.terminations) {
    const matches = byKey.get(t.username?.toLowerCase() ?? '') ?? byKey.get(t.email?.toLowerCase() ?? '') ?? [];
    if (matches.length === 0) unmatched += 1;
    // The earliest termination wins when a person is listed twice.
    for (const user of matches) user.terminatedAtMs = Math.min(user.terminatedAtMs ?? Infinity, t.terminatedAtMs);
  }
  for (const problem of file.problems.slice(0, 20)) ctx.log.warn({ stream: 'users', file: path, problem }, 'terminated-users file: row skipped');
  if (file.problems.length > 0 || unmatched > 0) {
    const detail = `${path}: ${file.terminations.length - unmatched} termination(s) applied, ${file.problems.length} bad row(s) skipped${file.problems[0] ? ` (first: ${file.problems[0]})` : ''}, ${unmatched} naming no user of the org`;
    ctx.report?.({ source: 'terminatedUsersFile', state: file.problems.length > 0 ? 'degraded' : 'ok', detail });
  }
  return file;
}

export const usersStream: StreamDefinition = {
  name: 'users',
  pollIntervalMinutes: 60,
  // Current state: nothing to backfill.
  backfillDays: 0,
  priority: 'ingest',
  sources: [userDirectorySource],
};
