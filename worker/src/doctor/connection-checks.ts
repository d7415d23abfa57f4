/**
 * Can the worker reach the org, as whom, and does it read sign-ins right in that user's language
 * (README install steps 1, 7 and 8).
 */
import { OrgWardenError } from '../errors';
import { API_VERSION } from '../salesforce/api-version';
import { soql } from '../salesforce/soql';
import type { Target } from '../salesforce/targets';
import { ENGLISH_SUCCESS_STATUS, loginSuccessStatus } from '../streams/login-status';
import { DOCTOR_PRIORITY, fail, firstPage, pass, refusal, sfErrorCode, warn, type Check, type DoctorContext, type Outcome } from './check';
import { isIntegrationAccount, readAccess, type ServiceAccess } from './service-access';

const SETUP_SCRIPT = 'scripts/setup-service-account.sh --target-org <admin alias> --username orgwarden@yourcompany.example --email you@yourcompany.example';

/** How to get a working session again, for each way of reaching the org. */
export function reauthenticate(target: Target): string {
  switch (target.kind) {
    case 'sf':
      return `log the sf CLI in again as the service account: npx sf org login web --alias ${target.usernameOrAlias} (or sf org login jwt … for the connected app)`;
    case 'token':
      return 'get a new session id for the service account (e.g. npx sf org display --target-org <alias> --verbose) and pass it with --access-token';
    case 'jwt':
      return `check the connected app for ${target.username}: consumer key (clientId), the certificate matching privateKeyFile, "Admin approved users are pre-authorized" with the Warden Integration profile, and loginUrl ${target.loginUrl}`;
    case 'sim':
      return 'start doctor again (the simulated org issues a new session each time)';
  }
}

function cannotConnect(ctx: DoctorContext, err: unknown): Outcome {
  // The governor holding calls back is not the org's answer: the runner reports it for every check.
  if (err instanceof OrgWardenError && err.code === 'SF_REQUEST_LIMIT' && sfErrorCode(err) === undefined) throw err;
  const code = sfErrorCode(err);
  if (err instanceof OrgWardenError && err.code === 'SF_AUTH_FAILED') {
    return fail(`Salesforce refused the session (${code ?? err.message})`, reauthenticate(ctx.target));
  }
  if (code === 'API_DISABLED_FOR_ORG') {
    return fail('the org has no API access (API_DISABLED_FOR_ORG)', 'use Enterprise, Unlimited, Performance or Developer Edition; Professional Edition needs the API add-on from Salesforce');
  }
  if (code === 'API_CURRENTLY_DISABLED') {
    return fail('the service account may not use the API (API_CURRENTLY_DISABLED: API Enabled is not granted)', 'assign the Warden_Integration permission set to the service account (it grants API Enabled; see permissions)');
  }
  const where = ctx.client.instanceUrl;
  return fail(`${where} did not answer as a Salesforce org (${refusal(err)})`, 'check the instance URL (your My Domain, e.g. https://acme.my.salesforce.com), the network and any proxy between this machine and Salesforce');
}

interface OrganizationRow {
  Name: string | null;
  OrganizationType: string | null;
  IsSandbox: boolean | null;
}

const versionNumber = (v: string) => Number.parseFloat(v);

export const apiAccessCheck: Check = {
  id: 'api-access',
  async run(ctx) {
    let served: string[];
    let org: OrganizationRow | undefined;
    let username: string;
    try {
      const versions = await ctx.client.request<Array<{ version: string }>>(DOCTOR_PRIORITY, { method: 'GET', url: '/services/data' }, 'versions');
      served = versions.map((v) => v.version).sort((a, b) => versionNumber(a) - versionNumber(b));
      [org] = await firstPage<OrganizationRow>(ctx, soql`SELECT Name, OrganizationType, IsSandbox FROM Organization`);
      username = (await ctx.facts.identity()).username;
    } catch (err) {
      return cannotConnect(ctx, err);
    }
    const latest = served[served.length - 1] ?? 'none';
    const edition = org?.OrganizationType ? `${org.OrganizationType.replace(/ Edition$/, '')} Edition` : 'edition unknown';
    const about = `${edition}${org?.IsSandbox ? ' sandbox' : ''} org ${ctx.client.orgId}${org?.Name ? ` "${org.Name}"` : ''}, signed in as ${username}`;
    if (!served.includes(API_VERSION)) {
      return fail(`${about}; it serves REST API ${served[0] ?? '?'}–${latest}, not ${API_VERSION}, which OrgWarden speaks`, 'use an OrgWarden release that speaks an API version this org serves');
    }
    return pass(`${about}; REST API ${API_VERSION} served (the org's latest: ${latest})`);
  },
};

function who(user: { Username: string; Id: string }): string {
  return `${user.Username} (${user.Id})`;
}

export const serviceAccountCheck: Check = {
  id: 'service-account',
  async run(ctx) {
    const user = await ctx.facts.user();
    if (!user.IsActive) {
      return fail(`${who(user)} is inactive: its session predates the deactivation and the worker cannot sign in again`, `Setup → Users → Users → ${user.Name ?? user.Username} → Edit → check Active, or connect the worker as another service account (${SETUP_SCRIPT})`);
    }
    if (user.UserType !== 'Standard') {
      return warn(`${who(user)} is a ${user.UserType ?? 'non-standard'} user, not an internal one: it cannot hold the permissions the worker needs`, `use an internal user with a Salesforce licence: ${SETUP_SCRIPT}`);
    }
    const access: ServiceAccess | undefined = await readAccess(ctx).catch(() => undefined); // refusals are reported by permissions
    if (access?.profileRead && !isIntegrationAccount(access)) {
      return warn(
        `${who(user)} (profile "${access.profileName ?? '?'}") has neither the Warden Integration profile nor the Warden_Integration permission set: it is not a dedicated OrgWarden service account`,
        `create one (${SETUP_SCRIPT}) and connect the worker as that user; a dedicated account keeps OrgWarden's calls and rights apart from a person's`,
      );
    }
    const profile = access?.profileName ? `, profile "${access.profileName}"` : '';
    return pass(`the worker signs in as ${who(user)}: an active internal user${profile}`);
  },
};

export const languageCheck: Check = {
  id: 'language',
  async run(ctx) {
    const user = await ctx.facts.user();
    const language = user.LanguageLocaleKey ?? 'unknown';
    const english = /^en(_|$)/.test(language);
    const status = await loginSuccessStatus({ client: ctx.client, log: ctx.log });
    if (status.learned) {
      return pass(`${user.Username} reads Salesforce in ${language}; the success value of LoginHistory.Status ("${status.value}") was learned from its own sign-in, so sign-ins are read right in any language`);
    }
    if (english) {
      return pass(`${user.Username} reads Salesforce in ${language}: LoginHistory.Status reads "${ENGLISH_SUCCESS_STATUS}" for a success (not learned from its own sign-in, which was not readable)`);
    }
    return fail(
      `${user.Username} reads Salesforce in ${language}, and the success value of LoginHistory.Status could not be learned from its own sign-in: every sign-in would count as failed`,
      `Setup → Users → Users → ${user.Name ?? user.Username} → Edit → Locale Settings → Language: English → Save (scripts/setup-service-account.sh --language en_US)`,
    );
  },
};
