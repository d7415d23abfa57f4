/**
 * SetupAuditTrail rows. Action names, sections and Display texts follow Salesforce's (e.g.
 * `PermSetAssign` / Manage Users / "Permission set X: assigned to user Y (UserID: [005…])",
 * `suOrgAdminLogin` / "Logged in using Login-As access for Y"). CreatedById is who made the
 * change; DelegateUser is the admin's username when the change was made while logged in as
 * someone else.
 */
import type { GenContext } from '../context';
import { keyPrefix } from '../key-prefixes';
import type { SimUser } from '../model';
import { sfDateTime } from '../time';

export interface AuditEntry {
  timeMs: number;
  actor: SimUser;
  action: string;
  section: string;
  display: string;
  delegateUser?: string;
}

export function writeAudit(ctx: GenContext, entry: AuditEntry): string {
  const id = ctx.ids.next(keyPrefix('SetupAuditTrail'));
  ctx.records.add('SetupAuditTrail', {
    Id: id, Action: entry.action, Section: entry.section, Display: entry.display, CreatedDate: sfDateTime(Math.floor(entry.timeMs / 1000) * 1000),
    CreatedById: entry.actor.id, DelegateUser: entry.delegateUser ?? null, CreatedByContext: null, CreatedByIssuer: null, ResponsibleNamespacePrefix: null,
  });
  return id;
}

const name = (u: SimUser): string => `${u.firstName} ${u.lastName}`;

/** Display texts of the actions the generator writes. */
export const AUDIT = {
  createdUser: (u: SimUser) => ({ action: 'createduser', section: 'Manage Users', display: `Created new user ${name(u)}` }),
  deactivatedUser: (u: SimUser) => ({ action: 'deactivateduser', section: 'Manage Users', display: `Deactivated user ${name(u)} (UserID: [${u.id15}])` }),
  frozeUser: (u: SimUser) => ({ action: 'frozeuser', section: 'Manage Users', display: `Froze user account for ${name(u)}` }),
  resetPassword: (u: SimUser) => ({ action: 'resetpassword', section: 'Manage Users', display: `Reset password for user ${name(u)}` }),
  permSetAssign: (label: string, u: SimUser) => ({ action: 'PermSetAssign', section: 'Manage Users', display: `Permission set ${label}: assigned to user ${name(u)} (UserID: [${u.id15}])` }),
  permSetUnassign: (label: string, u: SimUser) => ({ action: 'PermSetUnassign', section: 'Manage Users', display: `Permission set ${label}: unassigned from user ${name(u)} (UserID: [${u.id15}])` }),
  changedProfile: (u: SimUser, from: string, to: string) => ({ action: 'changedprofileforuser', section: 'Manage Users', display: `Changed profile for user ${name(u)} from ${from} to ${to}` }),
  changedEmail: (u: SimUser, from: string, to: string) => ({ action: 'changedemail', section: 'Manage Users', display: `Changed email for user ${name(u)} (UserID: [${u.id15}]) from ${from} to ${to}` }),
  changedManager: (u: SimUser, from: string, to: string) => ({ action: 'changedManager', section: 'Manage Users', display: `The manager for user ${name(u)} (UserID: [${u.id15}]) changed from ${from} to ${to}` }),
  loginAsStart: (target: SimUser) => ({ action: 'suOrgAdminLogin', section: 'Manage Users', display: `Logged in using Login-As access for ${name(target)}` }),
  loginAsEnd: (target: SimUser) => ({ action: 'suOrgAdminLogout', section: 'Manage Users', display: `Logged out using Login-As access for ${name(target)}` }),
  createdField: (field: string, type: string, object: string) => ({ action: 'createdCFCustom', section: 'Custom Objects', display: `Created custom field ${field} (${type}) on ${object}` }),
  changedFieldLength: (field: string, object: string, from: number, to: number) => ({ action: 'changedCFLengthCustom', section: 'Custom Objects', display: `Changed length of ${field} custom field on ${object} from ${from} to ${to}` }),
  changedPicklist: (field: string, from: string, to: string) => ({ action: 'changedPicklist', section: 'Customize Opportunities', display: `Changed ${field} picklist value from ${from} to ${to}` }),
  permSetEnablePerm: (label: string, permission: string) => ({ action: 'PermSetEnableUserPerm', section: 'Manage Users', display: `Changed permission set ${label}: ${permission} permission was changed from disabled to enabled` }),
  permSetDisablePerm: (label: string, permission: string) => ({ action: 'PermSetDisableUserPerm', section: 'Manage Users', display: `Changed permission set ${label}: ${permission} permission was changed from enabled to disabled` }),
  profilePermChanged: (profile: string, permission: string, from: string, to: string) => ({ action: 'profilePermChangedCustom', section: 'Manage Users', display: `Changed profile ${profile}: general user permission ${permission} was changed from ${from} to ${to}` }),
  loginIpRangeRemoved: (profile: string, start: string, end: string) => ({ action: 'loginIpRange', section: 'Manage Users', display: `Deleted Login Ip Range from ${profile} from ${start} to ${end}` }),
  createdConnectedApp: (app: string) => ({ action: 'insertApplication', section: 'Application', display: `Created Connected App ${app}` }),
  changedAppScopes: (app: string, scopes: string) => ({ action: 'changeOauthDefaultScope', section: 'Application', display: `Changed connected app ${app} scopes from null to ${scopes}` }),
  changedAppPolicy: (app: string) => ({ action: 'changeUserRuntimeAccessPolicy', section: 'Application', display: `Changed connected app ${app} Permitted Users setting from Admin approved users are pre-authorized to All users may self-authorize` }),
  sessionTimeout: (from: string, to: string) => ({ action: 'changedsessiontimeout', section: 'Session Settings', display: `Changed session timeout from ${from} to ${to}` }),
  passwordExpiry: (profile: string) => ({ action: 'passwordexpiryForProfile', section: 'Password Policies', display: `Changed profile ${profile}: Changed password expiry policy from 90 days to Never expires` }),
  passwordMaxInvalid: (profile: string) => ({ action: 'passwordmaxinvalidForProfile', section: 'Password Policies', display: `Changed profile ${profile}: Changed password maximum invalid attempts policy from 10 to No limit` }),
  transactionPolicyDisabled: (admin: SimUser, policy: string) => ({ action: 'transactionSecurityPolicyEnabledDisabled', section: 'Transaction Security', display: `${name(admin)} disabled transaction security policy "${policy}".` }),
  certificateCreated: (cn: string) => ({ action: 'insertCertificate', section: 'Certificate and Key Management', display: `Created certificate ${cn}` }),
};
