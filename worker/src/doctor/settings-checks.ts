/**
 * Org settings the connector's set-up changes (seed "How to connect Salesforce", README steps 4–6),
 * read through the Metadata API: SecuritySettings (session IP lock) and ContentSettings (Content
 * Deliveries, Salesforce CRM Content). One `readMetadata` call each.
 */
import { contentDistributionQuery } from '../streams/files';
import { DOCTOR_PRIORITY, fail, firstPage, lastHour, pass, refusal, sfErrorCode, warn, type Check, type DoctorContext } from './check';

const SESSION_SETTINGS_PATH = 'Setup → Security → Session Settings (Quick Find: "Session Settings")';
const CONTENT_DELIVERIES_PATH = 'Setup → Salesforce Files → Settings → Content Deliveries and Public Links (Quick Find: "Content Deliveries") → Edit';

interface MetadataRead {
  component?: Record<string, unknown>;
  /** Why it could not be read (errorCode), when it could not. */
  refusal?: string;
}

/** A Metadata API boolean: jsforce gives typed values for the types it knows, text for others. */
export function metadataFlag(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function readSettings(ctx: DoctorContext, type: string, fullName: string): Promise<MetadataRead> {
  return ctx.facts.remember(`metadata:${type}`, async () => {
    try {
      const component = await ctx.client.readMetadata(type, fullName, DOCTOR_PRIORITY);
      return component ? { component } : { refusal: `the org returned no ${type} component` };
    } catch (err) {
      // Refusals (no access, a type this org does not offer) are findings; outages are not.
      if (sfErrorCode(err) === undefined) throw err;
      return { refusal: refusal(err) };
    }
  });
}

export const sessionIpLockCheck: Check = {
  id: 'session-ip-lock',
  async run(ctx) {
    const read = await readSettings(ctx, 'SecuritySettings', 'Security');
    if (!read.component) {
      return fail(
        `SecuritySettings could not be read through the Metadata API (${read.refusal ?? 'no component'}), so the session IP lock is unknown`,
        'give the service account Modify Metadata Through Metadata API Functions (it is in the Warden_Integration permission set); meanwhile check by hand: ' +
          `${SESSION_SETTINGS_PATH}: "Lock sessions to the IP address from which they originated" must be cleared`,
      );
    }
    const sessionSettings = read.component['sessionSettings'] as Record<string, unknown> | undefined;
    const locked = metadataFlag(sessionSettings?.['lockSessionsToIp']);
    if (locked) {
      return fail(
        '"Lock sessions to the IP address from which they originated" is on (SecuritySettings sessionSettings.lockSessionsToIp = true): ' +
          "the worker's session stops working as soon as it is used from another address (a second worker machine, a changed NAT address)",
        `${SESSION_SETTINGS_PATH}: clear "Lock sessions to the IP address from which they originated" → Save`,
      );
    }
    return pass(
      locked === false
        ? 'sessions are not locked to their IP address (SecuritySettings sessionSettings.lockSessionsToIp = false)'
        : 'SecuritySettings sets no lockSessionsToIp: sessions are not locked to their IP address (the default)',
    );
  },
};

/** Whether Salesforce CRM Content is enabled, and what says so (ContentSettings, else the permission's presence). */
export async function crmContentEnabled(ctx: DoctorContext, offered: ReadonlySet<string>): Promise<{ enabled: boolean; evidence: string }> {
  const read = await readSettings(ctx, 'ContentSettings', 'Content');
  const enableContent = metadataFlag(read.component?.['enableContent']);
  if (enableContent !== undefined) return { enabled: enableContent, evidence: `ContentSettings enableContent = ${enableContent}` };
  // The permission exists only where CRM Content does.
  return offered.has('ManageContent')
    ? { enabled: true, evidence: 'the org has the Manage Salesforce CRM Content permission' }
    : { enabled: false, evidence: 'the org has no Manage Salesforce CRM Content permission: no PermissionSet.PermissionsManageContent field' };
}

export const contentDeliveriesCheck: Check = {
  id: 'content-deliveries',
  async run(ctx) {
    const fix = `${CONTENT_DELIVERIES_PATH}: check "Content Deliveries feature can be enabled for users" → Save`;
    const read = await readSettings(ctx, 'ContentSettings', 'Content');
    const enabled = metadataFlag(read.component?.['enableContentDistribution']);
    if (enabled === false) {
      return fail('Content Deliveries are off (ContentSettings enableContentDistribution = false): public links to files (ContentDistribution) cannot be read', fix);
    }
    // The setting itself, or else the object it gates: ContentDistribution answers only where Content Deliveries are on.
    try {
      await firstPage(ctx, contentDistributionQuery.query(lastHour(ctx)));
    } catch (err) {
      if (sfErrorCode(err) === 'INVALID_TYPE') return fail('ContentDistribution does not exist for the service account (INVALID_TYPE): Content Deliveries and Public Links are off', fix);
      if (sfErrorCode(err) === undefined) throw err;
      return fail(`ContentDistribution (public links to files) cannot be read (${refusal(err)})`, 'assign the Warden_Integration permission set to the service account (View All Data, Query All Files)');
    }
    if (enabled) return pass('Content Deliveries can be enabled for users (ContentSettings enableContentDistribution = true) and ContentDistribution is readable');
    return read.refusal
      ? pass(`ContentDistribution (public links to files) is readable, so Content Deliveries are on (ContentSettings not readable: ${read.refusal})`)
      : warn('ContentSettings does not say whether Content Deliveries are on; ContentDistribution is readable', `confirm in ${CONTENT_DELIVERIES_PATH}`);
  },
};
