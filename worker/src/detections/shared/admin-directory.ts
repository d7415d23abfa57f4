/**
 * "Was this user privileged then?" from the user directory, which only knows who holds admin-level
 * permissions *now* (the users stream's last snapshot). For an activity from before the snapshot
 * the answer may be wrong: a user promoted since looks privileged at a time they were not (a
 * support lead's routine Login-As into a sales rep promoted a week later). So the directory is
 * trusted for activities no older than a day before its snapshot — always the case when the
 * worker runs (the directory is refreshed every hour), not for the older part of a backfill or a
 * scan, where privilege is then not judged.
 */
import type { UserStates } from '../../enrichment/user-state';

export const DIRECTORY_TRUST_MS = 24 * 3_600_000;

/** True / false when the directory can tell for `timeMs`; undefined when it cannot (no directory, or too new for that time). */
export function privilegedAt(users: UserStates | undefined, ref: string, timeMs: number): boolean | undefined {
  if (!users || timeMs < users.snapshot.takenAtMs - DIRECTORY_TRUST_MS) return undefined;
  return users.isPrivileged(ref);
}
