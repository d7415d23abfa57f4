/**
 * What a SetupAuditTrail entry is about, decided from its `Action` code — the stable,
 * language-independent identifier Salesforce writes (the `Display` text is in the acting admin's
 * language and changes between releases, so it is never the basis of a decision here).
 *
 * Salesforce does not publish the list of codes; the ones below are those seen in orgs, in public
 * samples and in community references of the audit trail (e.g. `PermSetAssign` / Manage Users,
 * `changeOauthDefaultScope` / Application, `passwordexpiryForProfile` / Password Policies). A code
 * not listed here falls back to its `Section` (English names only) and otherwise counts as an
 * ordinary setup change.
 */

/** Setup areas where one change can open the org: authentication, network, apps, keys, monitoring. */
export type RiskArea =
  | 'password-policy'
  | 'session-security'
  | 'mfa-identity'
  | 'login-flows'
  | 'network-access'
  | 'connected-apps'
  | 'sso-auth-providers'
  | 'my-domain'
  | 'certificates'
  | 'transaction-security'
  | 'credentials'
  | 'delegated-admin'
  | 'permissions'
  | 'apex-code'
  | 'packages'
  | 'sharing-defaults'
  | 'login-access'
  | 'data-export';

/** Families of codes, matched on the lower-cased code. Order matters: the first match wins. */
const CODE_RULES: ReadonlyArray<[RegExp, RiskArea]> = [
  [/^(password|minimumpasswordlifetime|obscuresecretanswer|selfapisetpassword)/, 'password-policy'],
  [/^(changedsessiontimeout|requiredsessionlevelforprofile|updatesessionsecuritylevel|localstorageforlogouturl|sessionsettings)/, 'session-security'],
  [/^(mfadirectuiloginoptin|verifyon2faregistration|skipsfawhenmfauilogin|u2fenabled|restrictpasswordauth|identityverification)/, 'mfa-identity'],
  [/loginflow/, 'login-flows'],
  [/^(loginiprange|createipwhitelist|deleteipwhitelist|remoteproxy|changeiprelaxationpolicy|trustediprange)/, 'network-access'],
  [/(connectedapp|^insertapplication|^deleteapplication|^changeapplication|^changeoauthdefaultscope|^changeuserruntimeaccesspolicy|^enableoauth|oauthclientcredentialuser|oauthstagedcredential|^dynamicinitialtokengeneration|^insertapplicationcertificate)/, 'connected-apps'],
  [/(serviceprovider|authprovider|samlsso|ssosettings|^changedfederationid)/, 'sso-auth-providers'],
  [/^(customdomainredirectpolicy|disableapiloginrequiresorgdomain|disablerequireloginfromorgdomain|domainchosen|enhanceddomainchosen)/, 'my-domain'],
  [/(certificate|^signcert)/, 'certificates'],
  [/^(transactionsecuritypolicy|eventloggenerationenabled)/, 'transaction-security'],
  [/(namedcredential|externalcredential)/, 'credentials'],
  [/^(adddelegatedgroup|addedtodelegatedgroup|changedelegategrouploginaccess)/, 'delegated-admin'],
  [/^(permsetenableuserperm|permsetdisableuserperm|profilepermchanged|permsetcreate|permsetclone|permissionsetgroupcomponentadd|permissionsetgroupcreate|profileclonedstandard)/, 'permissions'],
  [/^(created|changed|deleted)apex(class|trigger|page|component)$/, 'apex-code'],
  [/^(installedpackagingapp|nonsecurityreviewedmanagedpackageinstalled)$/, 'packages'],
  [/^(owdupdatestarted|owdexternalupdatestartedforentity|defaultcustomentityextaccess|externalsharingmodelenabled|secureguestuserrecordaccess)/, 'sharing-defaults'],
  [/^(loginasgrantedtosfdc|loginasgrantedtopartnerbt|loginasmodifiedto|overridegrantaccess|enableoverridegrantaccess|sessiongen$)/, 'login-access'],
  [/^export$/, 'data-export'],
];

/** English Section names of the same areas, for codes not in CODE_RULES. */
const SECTION_RULES: Readonly<Record<string, RiskArea>> = {
  'password policies': 'password-policy',
  'session settings': 'session-security',
  'identity verification': 'mfa-identity',
  'login flows': 'login-flows',
  'network access': 'network-access',
  'security controls': 'network-access',
  'connected apps': 'connected-apps',
  'connected app session policy': 'connected-apps',
  'oauth client credentials user': 'connected-apps',
  'remote access': 'connected-apps',
  'single sign-on settings': 'sso-auth-providers',
  'auth. providers': 'sso-auth-providers',
  'identity provider': 'sso-auth-providers',
  'service provider': 'sso-auth-providers',
  'my domain': 'my-domain',
  'certificate and key management': 'certificates',
  'transaction security': 'transaction-security',
  'event monitoring': 'transaction-security',
  'named credentials': 'credentials',
  'external credentials': 'credentials',
  'platform encryption': 'certificates',
  'sharing defaults': 'sharing-defaults',
  'data export': 'data-export',
};

const areaCache = new Map<string, RiskArea | null>();

/** The high-risk area of an entry, or undefined for an ordinary setup change. */
export function riskAreaOf(action: string | undefined, section: string | undefined): RiskArea | undefined {
  const key = `${action ?? ''}\u0000${section ?? ''}`;
  let area = areaCache.get(key);
  if (area === undefined) {
    const code = (action ?? '').toLowerCase();
    area = CODE_RULES.find(([pattern]) => pattern.test(code))?.[1] ?? SECTION_RULES[(section ?? '').trim().toLowerCase()] ?? null;
    if (areaCache.size < 5000) areaCache.set(key, area);
  }
  return area ?? undefined;
}

/**
 * The area a change counts in for "has this user worked here before": the high-risk area when
 * the code is known, else the Section as Salesforce wrote it, else the code itself.
 */
export function workAreaOf(action: string | undefined, section: string | undefined): string {
  const risk = riskAreaOf(action, section);
  if (risk) return risk;
  if (section) return `section:${section.trim().toLowerCase()}`;
  return `action:${(action ?? 'unknown').toLowerCase()}`;
}

/** Login-As sessions starting (org users, Experience Cloud users, partner portal users). */
export const LOGIN_AS_START_CODES: ReadonlySet<string> = new Set(['suOrgAdminLogin', 'suNetworkAdminLogin', 'suPRMAdminLogin']);
/** …and ending: the same Login-As, not a setup change. */
export const LOGIN_AS_END_CODES: ReadonlySet<string> = new Set(['suOrgAdminLogout', 'suNetworkAdminLogout', 'suPRMAdminLogout', 'suLogout']);

/** Entries that are no setup change of the actor: Login-As sessions opening and closing. */
export function isLoginAsEntry(action: string | undefined): boolean {
  return action !== undefined && (LOGIN_AS_START_CODES.has(action) || LOGIN_AS_END_CODES.has(action));
}
