/**
 * What the geo policies need to know about a sign-in: was it a person typing a password or
 * coming through single sign-on (interactive), and with which client. LoginHistory's LoginType
 * arrives as its label ("Application", "Remote Access 2.0" …; objects.json in the shared
 * reference), older exports as the API name ("Saml", "Oauth2" …): both are listed.
 */
import type { Activity } from '../../activity/activity';

/**
 * Sign-ins where a person is at the keyboard of a browser: the UI login page, SSO, passwordless,
 * certificate, community/portal UI logins. Not interactive: OAuth ("Remote Access 2.0",
 * "Remote Access Client" — integrations and the mobile app refreshing its token in the
 * background, whose address is a server's or a roaming carrier's), SOAP API clients ("Other
 * Apex API", "Partner Product", "AppExchange"), sync and offline clients, internal switches.
 */
const INTERACTIVE_LOGIN_TYPES = new Set(
  [
    'Application', 'SAML Idp Initiated SSO', 'SAML Sfdc Initiated SSO', 'Third Party SSO', 'Lightning Login', 'Passwordless Login',
    'Passwordless Login via Passkeys (beta)', 'Certificate-based login', 'Chatter Communities External User',
    'Chatter Communities External User Third Party SSO', 'SAML Chatter Communities External User SSO', 'Employee Login to Community',
    'Customer Service Portal', 'Customer Service Portal Third-Party SSO', 'Partner Portal', 'Partner Portal Third-Party SSO',
    'SAML Customer Service Portal SSO', 'SAML Partner Portal SSO', 'SAML Site SSO', 'SelfService', 'Self-Service',
    // API names of the same values
    'Saml', 'Saml2', 'ThirdPartySso', 'LightningLogin', 'PasswordlessLogin', 'PasswordlessPasskeyLogin', 'Certificate',
    'ChatterCommunityPortalUnPwd', 'ChatterCommunityThirdPartySso', 'SamlChatterNetworks', 'EmployeeLoginToCommunity', 'Portal',
    'PortalThirdPartySso', 'PrmPortal', 'PrmPortalThirdPartySso', 'SamlCspPortal', 'SamlPrmPortal', 'SamlSite',
  ].map((t) => t.toLowerCase()),
);

/** A successful interactive sign-in (a LoginHistory row without a LoginType counts: nothing says otherwise). */
export function isInteractiveSuccess(activity: Activity): boolean {
  if (activity.kind !== 'login.success') return false;
  return activity.loginType === undefined || INTERACTIVE_LOGIN_TYPES.has(activity.loginType.toLowerCase());
}

export interface Client {
  /** Browser (and, from a full user agent, OS) family: `chrome`, `safari`, `chrome|linux` … */
  family: string;
  /** Major version, when the source says. */
  major?: number;
}

/**
 * The client of a sign-in. LoginHistory's `Browser` ("Chrome 131") is the activity's userAgent;
 * event log rows carry a full user agent, read as browser and OS families. LoginHistory's
 * Platform is not on the Activity, so a headless Chrome on Linux and a Chrome on a Mac differ
 * there only by version (see `isFamiliarClient`).
 */
export function clientOf(activity: Pick<Activity, 'userAgent'>): Client | undefined {
  const ua = activity.userAgent?.trim();
  if (!ua || ua === 'Unknown' || ua === 'N/A') return undefined;
  if (ua.includes('/')) return uaClient(ua);
  const m = /^(.*?)[\s]*(\d+)(?:\.[\d.]*)?$/.exec(ua);
  if (!m) return { family: ua.toLowerCase() };
  return m[1] ? { family: m[1].toLowerCase(), major: Number(m[2]) } : undefined;
}

function uaClient(ua: string): Client {
  const os = /Windows/i.test(ua) ? 'windows' : /iPhone|iPad|iOS/i.test(ua) ? 'ios' : /Mac OS X|Macintosh/i.test(ua) ? 'mac' : /Android/i.test(ua) ? 'android' : /Linux/i.test(ua) ? 'linux' : 'other';
  const [browser, version] =
    /HeadlessChrome\/(\d+)/.exec(ua) ? ['headless', /HeadlessChrome\/(\d+)/.exec(ua)![1]]
    : /Edg\/(\d+)/.exec(ua) ? ['edge', /Edg\/(\d+)/.exec(ua)![1]]
    : /Firefox\/(\d+)/.exec(ua) ? ['firefox', /Firefox\/(\d+)/.exec(ua)![1]]
    : /Chrome\/(\d+)/.exec(ua) ? ['chrome', /Chrome\/(\d+)/.exec(ua)![1]]
    : /Version\/(\d+).*Safari\//.exec(ua) ? ['safari', /Version\/(\d+)/.exec(ua)![1]]
    : ['other', undefined];
  return { family: `${browser}|${os}`, ...(version ? { major: Number(version) } : {}) };
}

/** How a client is remembered in a profile's `client` dimension. */
export function clientKey(client: Client): string {
  return client.major === undefined ? client.family : `${client.family}@${client.major}`;
}

/**
 * Whether `client` is one the user has used (keys from `clientKey`, the last 30 days): same
 * family at the same or an older major version. Browsers update themselves forwards, so "Chrome
 * 133" after "Chrome 131" is the same browser a month later; a new family, or a version older
 * than any the user ran (stale attack tooling), is unfamiliar.
 */
export function isFamiliarClient(client: Client | undefined, knownKeys: readonly string[]): boolean {
  if (!client) return true; // nothing to compare: do not count it against the user
  for (const key of knownKeys) {
    const at = key.lastIndexOf('@');
    const family = at < 0 ? key : key.slice(0, at);
    if (family !== client.family) continue;
    if (at < 0 || client.major === undefined) return true;
    if (Number(key.slice(at + 1)) <= client.major) return true;
  }
  return false;
}
