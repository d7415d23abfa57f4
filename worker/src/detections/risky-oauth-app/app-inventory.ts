/**
 * The org's connected apps as this policy has seen them: when each was first seen, by which users
 * (grants, and OAuth sign-ins naming the app in LoginHistory.Application), and the recent grants
 * for burst detection. One small JSON value for the whole org (tens of apps), read and written
 * once per page.
 *
 * "Established" answers "is this an app the org has used for a while?" at the time of a grant:
 * first seen at least `knownAfterDays` before, and by at least `minKnownUsers` users a day before.
 */
import { nameKey } from './app-names';

export interface AppRecord {
  name: string;
  firstSeenMs: number;
  lastSeenMs: number;
  /** user id → first time seen with the app (the earliest users are kept). */
  users: Record<string, number>;
  /** Grants of the last days: user, time, privileged grantor. */
  grants: Array<{ u: string; t: number; p: boolean }>;
}

export interface AppInventory {
  apps: Record<string, AppRecord>;
}

export interface Establishment {
  knownAfterDays: number;
  minKnownUsers: number;
}

const DAY_MS = 86_400_000;
const MAX_USERS_PER_APP = 50;
const MAX_APPS = 2000;
const FORGET_AFTER_DAYS = 180;
const KEEP_GRANTS_MS = 2 * DAY_MS;

/** The app's record (created on first sight); `changed` says whether the inventory needs saving. */
export function appOf(inventory: AppInventory, name: string, timeMs: number): { app: AppRecord; changed: boolean } {
  const key = nameKey(name) || name;
  const app = inventory.apps[key];
  if (!app) {
    inventory.apps[key] = { name, firstSeenMs: timeMs, lastSeenMs: timeMs, users: {}, grants: [] };
    return { app: inventory.apps[key]!, changed: true };
  }
  let changed = false;
  if (timeMs < app.firstSeenMs) {
    app.firstSeenMs = timeMs;
    changed = true;
  }
  // Last seen only decides when an app is forgotten (months): a day's precision saves rewriting it on every page.
  if (timeMs - app.lastSeenMs >= DAY_MS) {
    app.lastSeenMs = timeMs;
    changed = true;
  }
  return { app, changed };
}

/** Notes that `userId` used or approved the app at `timeMs`; true when that changed the record. */
export function noteUser(app: AppRecord, userId: string, timeMs: number): boolean {
  const known = app.users[userId];
  if (known !== undefined) {
    if (timeMs >= known) return false;
    app.users[userId] = timeMs;
    return true;
  }
  const entries = Object.entries(app.users);
  if (entries.length >= MAX_USERS_PER_APP) {
    // The earliest users are what "established" asks about; a later one changes nothing.
    const [latestUser, latestMs] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (timeMs >= latestMs) return false;
    delete app.users[latestUser];
  }
  app.users[userId] = timeMs;
  return true;
}

/** Users seen with the app before `beforeMs`. */
export function usersBefore(app: AppRecord, beforeMs: number): number {
  return Object.values(app.users).filter((t) => t < beforeMs).length;
}

export function isEstablished(app: AppRecord, atMs: number, rule: Establishment): boolean {
  return app.firstSeenMs <= atMs - rule.knownAfterDays * DAY_MS && usersBefore(app, atMs - DAY_MS) >= rule.minKnownUsers;
}

/** Whether `userId` used or approved the app before this grant (a re-approval of an app they use). */
export function knownToUser(app: AppRecord, userId: string, atMs: number): boolean {
  const since = app.users[userId];
  return since !== undefined && since < atMs - 3_600_000;
}

/** Drops old grants, apps not seen for months, and the least recently seen apps beyond the cap. */
export function pruneInventory(inventory: AppInventory, nowMs: number): AppInventory {
  const apps = Object.entries(inventory.apps).filter(([, app]) => nowMs - app.lastSeenMs <= FORGET_AFTER_DAYS * DAY_MS);
  apps.sort((a, b) => b[1].lastSeenMs - a[1].lastSeenMs);
  const kept: Record<string, AppRecord> = {};
  for (const [key, app] of apps.slice(0, MAX_APPS)) {
    app.grants = app.grants.filter((g) => nowMs - g.t <= KEEP_GRANTS_MS);
    kept[key] = app;
  }
  return { apps: kept };
}
