/**
 * The service account's permissions (README install step 3) and its Salesforce CRM Content User
 * flag (step 4), from its profile and permission sets together.
 */
import { fail, pass, refusal, warn, type Check, type DoctorContext, type Outcome } from './check';
import type { ServiceUser } from './org-facts';
import { crmContentEnabled } from './settings-checks';
import { EXCESS_PERMISSIONS, grantedBy, readAccess, REQUIRED_PERMISSIONS, type PermissionDef, type ServiceAccess } from './service-access';

const ASSIGN_STEPS =
  'assign the Warden_Integration permission set: Setup → Users → Users → {name} → Permission Set Assignments → Edit Assignments → add "Warden Integration" → Save ' +
  '(or: npx sf org assign permset --name Warden_Integration --on-behalf-of {username} --target-org <admin alias>). ' +
  'If it is assigned and still lacks them, deploy the package again (scripts/deploy.sh).';

function describeSources(access: ServiceAccess): string {
  const profile = access.profileName ? `profile "${access.profileName}"` : access.profileRead ? 'its profile' : 'no readable profile';
  const sets = access.permissionSets.length ? `permission sets ${access.permissionSets.join(', ')}` : 'no permission sets';
  return `${profile}, ${sets}`;
}

const listOf = (defs: readonly PermissionDef[]) => defs.map((p) => `${p.label} (${p.why})`).join('; ');

async function permissionsOutcome(ctx: DoctorContext, user: ServiceUser, access: ServiceAccess): Promise<Outcome> {
  const content = await crmContentEnabled(ctx, access.offered);
  const required = REQUIRED_PERMISSIONS.filter((p) => p.name !== 'ManageContent' || content.enabled);
  const missing = required.filter((p) => grantedBy(access, p.name).length === 0);
  const excess = EXCESS_PERMISSIONS.filter((p) => grantedBy(access, p.name).length > 0);
  const held = `${user.Username} (${describeSources(access)})`;
  const contentNote = content.enabled ? '' : ` Manage Salesforce CRM Content not needed: CRM Content is off (${content.evidence}).`;
  if (missing.length > 0) {
    const fix = `${ASSIGN_STEPS.replace('{name}', user.Name ?? user.Username).replace('{username}', user.Username)}`;
    const names = missing.map((p) => p.label).join(', ');
    if (!access.profileRead) {
      // Its profile may grant them: say what is known, and that it is not all.
      const profile = user.ProfileId ? `its profile ${user.ProfileId} could not be read` : 'its User record names no profile';
      return warn(`${held} lacks ${names} through its permission sets, and ${profile}, so the profile may still grant them.${contentNote}`, fix);
    }
    return fail(`${held} is missing ${missing.length} permission(s): ${listOf(missing)}.${contentNote}`, fix);
  }
  if (excess.length > 0) {
    const where = [...new Set(excess.flatMap((p) => grantedBy(access, p.name)))].join(', ');
    return warn(
      `${held} holds every permission the worker needs, and also ${excess.map((p) => p.label).join(', ')} (through ${where}), which it does not need.${contentNote}`,
      `least privilege: remove ${excess.map((p) => p.label).join(', ')} from ${where} (Setup → Profiles or Permission Sets → the one named → System Permissions → Edit), ` +
        'or give the account the Warden Integration profile instead (scripts/setup-service-account.sh)',
    );
  }
  return pass(`${held} holds all ${required.length} permissions the worker needs.${contentNote}`);
}

export const permissionsCheck: Check = {
  id: 'permissions',
  async run(ctx) {
    const user = await ctx.facts.user();
    let access: ServiceAccess;
    try {
      access = await readAccess(ctx);
    } catch (err) {
      return fail(
        `the profile and permission sets of ${user.Username} cannot be read (${refusal(err)}): reading them needs View Setup and Configuration, which the worker also needs`,
        ASSIGN_STEPS.replace('{name}', user.Name ?? user.Username).replace('{username}', user.Username),
      );
    }
    return permissionsOutcome(ctx, user, access);
  },
};

export const crmContentUserCheck: Check = {
  id: 'crm-content-user',
  async run(ctx) {
    const user = await ctx.facts.user();
    const access = await readAccess(ctx);
    const content = await crmContentEnabled(ctx, access.offered);
    if (!content.enabled) return pass(`Salesforce CRM Content is off (${content.evidence}): the Salesforce CRM Content User flag is not needed`);
    if (user.UserPermissionsSFContentUser === true) return pass(`${user.Username} is a Salesforce CRM Content User (${content.evidence})`);
    return fail(
      `${user.Username} is not a Salesforce CRM Content User, and CRM Content is on (${content.evidence}): files in CRM Content libraries stay hidden from it`,
      `Setup → Users → Users → ${user.Name ?? user.Username} → Edit → check "Salesforce CRM Content User" → Save (scripts/setup-service-account.sh sets it)`,
    );
  },
};
