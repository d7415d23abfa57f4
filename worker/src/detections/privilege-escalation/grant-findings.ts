/**
 * What one setup audit trail entry means for privilege escalation, decided from its `Action` code
 * and, where the code names a user (the target the normalizer resolved from Display), from what
 * the user directory says that user holds now. Display text itself is never read: it is in the
 * acting admin's language, and the Activity does not carry it.
 *
 * Admin-level = Modify All Data, View All Data, Manage Users or Author Apex (the users stream's
 * `privileges`, e.g. `ModifyAllData (profile System Administrator)`).
 */
import type { Activity } from '../../activity/activity';
import type { DirectoryUser, UserStates } from '../../enrichment/user-state';

export type FindingKind =
  /** A profile change or new user that left the target with admin-level permissions. */
  | 'admin-grant'
  /** A permission set assigned to a user who holds admin-level permissions through a permission set. */
  | 'admin-set-assigned'
  /** Org-wide MFA or identity verification requirement turned off. */
  | 'mfa-disabled'
  /** Another user's MFA method removed, the user being an admin. */
  | 'mfa-method-removed'
  /** A profile's login IP ranges changed (the code is the same for added and deleted ranges). */
  | 'login-ip-range-changed'
  /** A trusted IP range added: sign-ins from it skip identity verification. */
  | 'trusted-ip-added'
  /** A connected app created or installed. */
  | 'new-connected-app'
  /** OAuth scopes set on a connected app. */
  | 'app-scopes-changed'
  /** A connected app opened to self-authorization. */
  | 'app-self-authorize'
  /** A client-credentials app set to run as an admin-level user. */
  | 'app-runs-as-admin'
  /** A user permission enabled or disabled on a permission set or profile (which one: not in the code). */
  | 'permission-changed'
  /** A permission set assigned to a user who is an admin through their profile anyway. */
  | 'set-assigned-to-admin';

export interface Finding {
  kind: FindingKind;
  atMs: number;
  action: string;
  auditId: string;
  target?: { id?: string; username?: string; name?: string; via: string[] };
}

const PROFILE_CHANGE = new Set(['changedprofileforuser', 'changedprofileforusercusttostd', 'changedprofileforuserstdtocust', 'changedprofileforuserstdtostd']);
const SET_ASSIGN = new Set(['permsetassign', 'permsetassign_hasexpiration', 'permsetgroupassign']);
const MFA_ORG_OFF = new Set(['mfadirectuiloginoptinonoff', 'verifyon2faregistrationonoff']);
const MFA_METHOD_REMOVED = new Set(['deletetwofactorinfo2', 'deleteauthenticatorpairing', 'deletetwofactorwebauthn', 'unregisterduserphonenumber']);
const NEW_APP = new Set(['insertapplication', 'insertconnectedapplication']);
const PERMISSION_CHANGED = new Set(['permsetenableuserperm', 'permsetdisableuserperm', 'profilepermchangedcustom', 'profilepermchangedstandard']);

/** Action codes this policy reads (lower case); everything else is skipped before any state is loaded. */
export const RELEVANT_ACTIONS: ReadonlySet<string> = new Set([
  ...PROFILE_CHANGE, ...SET_ASSIGN, ...MFA_ORG_OFF, ...MFA_METHOD_REMOVED, ...NEW_APP, ...PERMISSION_CHANGED,
  'createduser', 'loginiprange', 'createipwhitelist', 'changeoauthdefaultscope', 'changeuserruntimeaccesspolicy', 'addoauthclientcredentialuser',
]);

interface Privilege {
  permission: string;
  via: 'profile' | 'permission set' | 'other';
  name: string;
}

const PRIVILEGE = /^(\w+) \((profile|permission set) (.+)\)$/;

export function privilegesOf(user: DirectoryUser | undefined): Privilege[] {
  return (user?.privileges ?? []).map((text) => {
    const m = PRIVILEGE.exec(text);
    return m ? { permission: m[1]!, via: m[2] as Privilege['via'], name: m[3]! } : { permission: text, via: 'other' as const, name: '' };
  });
}

/** `ModifyAllData, ViewAllData (profile System Administrator)` per vehicle, for titles and evidence. */
function describe(privileges: readonly Privilege[]): string[] {
  const byVehicle = new Map<string, string[]>();
  for (const p of privileges) {
    const vehicle = p.via === 'other' ? 'other' : `${p.via} ${p.name}`;
    byVehicle.set(vehicle, [...(byVehicle.get(vehicle) ?? []), p.permission]);
  }
  return [...byVehicle].map(([vehicle, perms]) => `${perms.join(', ')} (${vehicle})`);
}

function targetOf(activity: Activity, users: UserStates | undefined): { user?: DirectoryUser; ref?: string } {
  const ref = activity.target?.userId ?? activity.target?.username;
  return { ...(ref ? { ref } : {}), ...(ref && users?.get(ref) ? { user: users.get(ref)! } : {}) };
}

/** The finding of one audit entry, or undefined when it grants or removes nothing this policy knows. */
export function classify(activity: Activity, users: UserStates | undefined): Finding | undefined {
  const code = activity.operation?.toLowerCase();
  if (!code || !RELEVANT_ACTIONS.has(code)) return undefined;
  const base = { atMs: activity.timeMs, action: activity.operation!, auditId: activity.id };
  const { user, ref } = targetOf(activity, users);
  const privileges = privilegesOf(user);
  const target = ref ? { ...(user ? { id: user.id, username: user.username, ...(user.name ? { name: user.name } : {}) } : { username: ref }), via: describe(privileges) } : undefined;
  const withTarget = (kind: FindingKind): Finding => ({ kind, ...base, ...(target ? { target } : {}) });
  const viaProfile = privileges.some((p) => p.via === 'profile');
  const viaSet = privileges.some((p) => p.via === 'permission set');
  if (PROFILE_CHANGE.has(code)) return viaProfile ? withTarget('admin-grant') : undefined;
  if (code === 'createduser') return privileges.length > 0 ? withTarget('admin-grant') : undefined;
  if (SET_ASSIGN.has(code)) {
    if (!viaSet) return undefined;
    return withTarget(viaProfile ? 'set-assigned-to-admin' : 'admin-set-assigned');
  }
  if (MFA_ORG_OFF.has(code)) return withTarget('mfa-disabled');
  if (MFA_METHOD_REMOVED.has(code)) {
    const ownMethod = user !== undefined && user.id.slice(0, 15) === activity.userId?.slice(0, 15);
    return privileges.length > 0 && !ownMethod ? withTarget('mfa-method-removed') : undefined;
  }
  if (code === 'loginiprange') return withTarget('login-ip-range-changed');
  if (code === 'createipwhitelist') return withTarget('trusted-ip-added');
  if (NEW_APP.has(code)) return withTarget('new-connected-app');
  if (code === 'changeoauthdefaultscope') return withTarget('app-scopes-changed');
  if (code === 'changeuserruntimeaccesspolicy') return withTarget('app-self-authorize');
  if (code === 'addoauthclientcredentialuser') return privileges.length > 0 ? withTarget('app-runs-as-admin') : undefined;
  if (PERMISSION_CHANGED.has(code)) return withTarget('permission-changed');
  return undefined;
}
