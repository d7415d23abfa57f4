/**
 * The org's user directory as the users stream last saw it: who is active, frozen or terminated
 * and since when, and who holds admin-level permissions. Persisted in the org's state (one small
 * JSON value) so every worker of the org reads the same snapshot; detections ask
 * `stateAt(user, time)` ("was this user active / frozen / terminated then?") and
 * `isPrivileged(user)`.
 */
import type { StateStore } from '../state/state-store';

export const USER_DIRECTORY_KEY = 'users:directory';

export type StatusChange = 'deactivated' | 'activated' | 'frozen' | 'unfrozen';

export interface DirectoryUser {
  id: string;
  username: string;
  email?: string;
  name?: string;
  userType?: string;
  profileId?: string;
  active: boolean;
  frozen: boolean;
  /** Changes seen in the audit trail, oldest first; precise times. */
  changes: Array<{ atMs: number; change: StatusChange }>;
  /** Upper bound for when the current state began when the audit trail has no entry (LastModifiedDate). */
  activeSinceMs?: number;
  frozenSinceMs?: number;
  /** From the terminated-users file (HR / IdP feed). */
  terminatedAtMs?: number;
  /** Admin-level permissions and where they come from, e.g. `ModifyAllData (profile System Administrator)`. */
  privileges: string[];
}

export interface UserDirectorySnapshot {
  takenAtMs: number;
  users: DirectoryUser[];
}

export interface UserStateAt {
  active: boolean;
  frozen: boolean;
  terminated: boolean;
}

export class UserStates {
  private readonly byKey = new Map<string, DirectoryUser>();

  constructor(readonly snapshot: UserDirectorySnapshot) {
    for (const user of snapshot.users) {
      for (const key of [user.id, user.id.slice(0, 15), user.username.toLowerCase()]) this.byKey.set(key, user);
      if (user.email && !this.byKey.has(user.email.toLowerCase())) this.byKey.set(user.email.toLowerCase(), user);
    }
  }

  /** The snapshot the users stream saved for the org, if any. */
  static async load(state: StateStore | undefined): Promise<UserStates | undefined> {
    if (!state) return undefined;
    const snapshot = (await state.begin().get<UserDirectorySnapshot>([USER_DIRECTORY_KEY])).get(USER_DIRECTORY_KEY);
    return snapshot ? new UserStates(snapshot) : undefined;
  }

  static async save(state: StateStore, snapshot: UserDirectorySnapshot): Promise<void> {
    const batch = state.begin();
    batch.stage(USER_DIRECTORY_KEY, snapshot);
    await batch.commit();
  }

  /** A user by 18- or 15-character id, username or e-mail (case-insensitive). */
  get(ref: string): DirectoryUser | undefined {
    return this.byKey.get(ref) ?? this.byKey.get(ref.toLowerCase());
  }

  isPrivileged(ref: string): boolean {
    return (this.get(ref)?.privileges.length ?? 0) > 0;
  }

  /** The user's state at `timeMs`; undefined for a user the directory does not know. */
  stateAt(ref: string, timeMs: number): UserStateAt | undefined {
    const user = this.get(ref);
    if (!user) return undefined;
    return {
      active: flagAt(user.changes, timeMs, { current: user.active, usual: true, sinceMs: user.activeSinceMs }, { on: 'activated', off: 'deactivated' }),
      frozen: flagAt(user.changes, timeMs, { current: user.frozen, usual: false, sinceMs: user.frozenSinceMs }, { on: 'frozen', off: 'unfrozen' }),
      terminated: user.terminatedAtMs !== undefined && timeMs >= user.terminatedAtMs,
    };
  }
}

interface Flag {
  current: boolean;
  /** The value a user has unless something happened (active, not frozen). */
  usual: boolean;
  /** When an unusual current value began at the latest. */
  sinceMs: number | undefined;
}

/**
 * A boolean state at `timeMs`: the last audit-trail change at or before it; before the first
 * change, the opposite of that change; with no change on record, an unusual current value
 * (deactivated, frozen) from `sinceMs` on and the usual value before.
 */
function flagAt(changes: DirectoryUser['changes'], timeMs: number, flag: Flag, names: { on: StatusChange; off: StatusChange }): boolean {
  const relevant = changes.filter((c) => c.change === names.on || c.change === names.off);
  const last = relevant.filter((c) => c.atMs <= timeMs).at(-1);
  if (last) return last.change === names.on;
  if (relevant[0]) return relevant[0].change !== names.on;
  if (flag.current !== flag.usual && flag.sinceMs !== undefined && timeMs < flag.sinceMs) return flag.usual;
  return flag.current;
}
