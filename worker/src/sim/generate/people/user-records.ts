/**
 * Profile, PermissionSet, User, UserLogin and PermissionSetAssignment rows. Profiles and
 * permission sets exist before the period; users, their login state (frozen) and assignments
 * are written at the end, in the state they have at the end of the period (deactivations,
 * freezes and grants made during it included, each with its own timestamp).
 */
import type { GenContext } from '../context';
import { keyPrefix } from '../key-prefixes';
import type { SimUser } from '../model';
import { DAY_MS, sfDateTime } from '../time';
import { PERMISSION_SETS, PROFILES, type AccessDef } from './access-catalog';

function permissionFields(def: AccessDef): Record<string, boolean> {
  return Object.fromEntries(def.permissions.map((p) => [p, true]));
}

/** Writes Profile and PermissionSet rows; returns name → id. */
export function writeAccessCatalog(ctx: GenContext): Map<string, string> {
  const ids = new Map<string, string>();
  const created = sfDateTime(ctx.options.startMs - 1500 * DAY_MS);
  for (const def of PROFILES) {
    const id = ctx.ids.next(keyPrefix('Profile'));
    ids.set(def.name, id);
    ctx.records.add('Profile', { Id: id, Name: def.name, Description: def.description, UserType: def.userType ?? 'Standard', CreatedDate: created, LastModifiedDate: created, ...permissionFields(def) });
  }
  for (const def of PERMISSION_SETS) {
    const id = ctx.ids.next(keyPrefix('PermissionSet'));
    ids.set(def.name, id);
    ctx.records.add('PermissionSet', {
      Id: id, Name: def.name, Label: def.label ?? def.name, Description: def.description, IsCustom: true, IsOwnedByProfile: false,
      Type: 'Regular', CreatedDate: created, LastModifiedDate: created, ...permissionFields(def),
    });
  }
  return ids;
}

function userRecord(ctx: GenContext, user: SimUser): Record<string, unknown> {
  const modified = Math.max(user.createdMs, user.deactivatedMs ?? 0, user.frozenMs ?? 0);
  return {
    Id: user.id, Username: user.username, Email: user.email, FirstName: user.firstName, LastName: user.lastName, Alias: user.alias,
    IsActive: user.deactivatedMs === undefined || user.deactivatedMs > ctx.options.nowMs, UserType: user.userType,
    ProfileId: ctx.accessIds.get(user.profileName) ?? null, Department: user.department, Title: user.title,
    TimeZoneSidKey: user.office.timeZone, LanguageLocaleKey: user.office.language, LocaleSidKey: user.office.locale,
    EmailEncodingKey: 'UTF-8', City: user.office.city, Country: user.office.country, CompanyName: user.userType === 'Standard' ? ctx.org.companyName : null,
    LastLoginDate: user.lastLoginMs !== undefined ? sfDateTime(user.lastLoginMs) : null,
    CreatedDate: sfDateTime(user.createdMs), LastModifiedDate: sfDateTime(modified), SystemModstamp: sfDateTime(modified),
  };
}

/** User, UserLogin and PermissionSetAssignment rows for everyone (internal and external). */
export function writeUsers(ctx: GenContext): void {
  const everyone = [...ctx.users, ...ctx.externalUsers];
  for (const user of everyone) ctx.records.add('User', userRecord(ctx, user));
  for (const user of everyone) {
    const frozen = user.frozenMs !== undefined && user.frozenMs <= ctx.options.nowMs;
    ctx.records.add('UserLogin', {
      Id: ctx.ids.next(keyPrefix('UserLogin')), UserId: user.id, IsFrozen: frozen, IsPasswordLocked: false,
      LastModifiedDate: sfDateTime(frozen ? (user.frozenMs as number) : user.createdMs),
    });
  }
  for (const user of everyone) {
    // Accounts created during the period (bulk onboarding) get their sets minutes later, older ones a day later.
    const at = user.createdMs + (user.createdMs >= ctx.options.startMs ? 2 * 60_000 : DAY_MS);
    for (const name of user.permissionSets) writeAssignment(ctx, user.id, name, at);
  }
  for (const a of ctx.people.assignments) writeAssignment(ctx, a.userId, a.permissionSet, a.atMs);
}

function writeAssignment(ctx: GenContext, userId: string, permissionSet: string, atMs: number): void {
  ctx.records.add('PermissionSetAssignment', {
    Id: ctx.ids.next(keyPrefix('PermissionSetAssignment')), AssigneeId: userId, PermissionSetId: ctx.accessIds.get(permissionSet),
    IsActive: true, IsRevoked: false, ExpirationDate: null, SystemModstamp: sfDateTime(atMs),
  });
}
