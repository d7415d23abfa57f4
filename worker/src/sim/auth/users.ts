/**
 * Who may sign in: an existing, active, not frozen user of the simulated org. Frozen users
 * (UserLogin.IsFrozen) "can't log in, but their account isn't deactivated" (Object Reference).
 */
import { findAdminUserId } from '../fixture/admin-user';
import type { SimCore } from '../sim-core';
import type { SimRecord } from '../schema/types';

export function findUserByUsername(core: SimCore, username: string): SimRecord | undefined {
  const wanted = username.toLowerCase();
  return core.view.records('User').find((u) => String(u['Username'] ?? '').toLowerCase() === wanted);
}

export function isFrozen(core: SimCore, userId: string): boolean {
  return core.view.records('UserLogin').some((l) => l['UserId'] === userId && l['IsFrozen'] === true);
}

/** True when the user exists now, is active and not frozen. */
export function canLogIn(core: SimCore, user: SimRecord | undefined): user is SimRecord {
  return !!user && user['IsActive'] !== false && !isFrozen(core, user.Id);
}

/**
 * The user client-credentials tokens (and the CLI's token) run as: org.json `serviceAccount`
 * when set, else the first active System Administrator.
 */
export function runAsUser(core: SimCore): SimRecord | undefined {
  if (core.serviceAccount) return findUserByUsername(core, core.serviceAccount);
  const id = findAdminUserId(core.view.records('User'), core.view.records('Profile'));
  return id ? core.view.get(id) : undefined;
}
