/**
 * The Activity model (DESIGN §3.3): every source (LoginHistory, audit trail, event log rows …)
 * is normalized into this one shape before enrichment and detection.
 */

export type ActivityKind =
  | 'login.success'
  | 'login.failure'
  | 'logout'
  | 'login-as'
  | 'admin.change'
  | 'file.download'
  | 'file.share'
  | 'file.delete'
  | 'report.export'
  | 'report.run'
  | 'api.query'
  /** An API request that is not a read (create, update, describe …): event logs API/RestApi/BulkApi. */
  | 'api.call'
  /** A report run (ELF Report, ROW_COUNT in `rows`); exports are `report.export`. */
  | 'report.run'
  /** A page or record viewed (ELF URI, LightningPageView). */
  | 'page.view'
  /** A global search (ELF Search, result count in `rows`). */
  | 'search'
  | 'oauth.grant'
  /** Salesforce's own Threat Detection finding (session hijacking, credential stuffing, report/API anomaly). */
  | 'threat';

export interface Geo {
  country?: string;
  countryIso?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
  /** How far the true location may be from the coordinates, when the database says (GeoIP2 / GeoLite2). */
  accuracyRadiusKm?: number;
  /** Where the location came from: Salesforce's own LoginGeo wins over the offline database. */
  source: 'LoginGeo' | 'geoip';
}

export interface Activity {
  /** Stable id of the source record (LoginHistory Id, ELF REQUEST_ID …): the de-dup key. */
  id: string;
  /** Source object or event type: `LoginHistory`, `SetupAuditTrail`, `ELF:Login` … */
  source: string;
  /** Epoch milliseconds (UTC). */
  timeMs: number;
  orgId: string;
  userId?: string;
  username?: string;
  kind: ActivityKind;
  ip?: string;
  /** Source-specific outcome detail in codes, never localized labels where a code exists. */
  status?: string;
  loginType?: string;
  application?: string;
  userAgent?: string;
  sessionKey?: string;
  object?: string;
  rows?: number;
  geo?: Geo;
  /** Autonomous system and its holder (the ISP, carrier or hosting provider) of `ip`. */
  asn?: number;
  isp?: string;
  /** IP tags from config CIDRs and feeds: corporate, vpn, anonymous, suspicious, risky. */
  ipTags: string[];
  /** Event log type (`Login`, `URI` …) for activities read from event logs or real-time events. */
  eventType?: string;
  /** Salesforce's request id (ELF REQUEST_ID, real-time EventIdentifier). */
  requestId?: string;
  loginKey?: string;
  uri?: string;
  /** What was done, in the source's own code (audit `Action`, ELF `OPERATION`/`METHOD` …). */
  operation?: string;
  /** Setup area of an audit trail entry (`Section`). */
  section?: string;
  /** Who or what the action was aimed at: the impersonated user, a share's recipient. */
  target?: { userId?: string; username?: string; email?: string; domain?: string };
  /** Connected app (OAuth grants, API clients). */
  appName?: string;
  /** File or record the action touched (ContentDocument / ContentVersion / report id). */
  recordId?: string;
  /** Who acted on behalf of the user (audit `DelegateUser`, Login-As admin). */
  delegateUser?: string;
  /** How a file was shared: a public link's settings, or the recipient of a share. */
  share?: FileShare;
  /** OAuth grants: how often the token was used and when last. */
  useCount?: number;
  lastUsedAtMs?: number;
  /** Threat Detection findings: Salesforce's score and summary, carried as they are. */
  score?: number;
  summary?: string;
}

export const byTime = (a: Activity, b: Activity): number => a.timeMs - b.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface FileShare {
  /** public-link: a ContentDistribution; otherwise what the ContentDocumentLink points at. */
  kind: 'public-link' | 'user' | 'group' | 'library';
  /** The user, group or library shared with (ContentDocumentLink.LinkedEntityId). */
  recipientId?: string;
  /** ContentDocumentLink.ShareType code (V viewer, C collaborator, I inferred) and Visibility. */
  shareType?: string;
  visibility?: string;
  /** Public links: PreferencesPasswordRequired, ExpiryDate (absent: never), download allowed. */
  passwordRequired?: boolean;
  expiresAtMs?: number;
  allowDownload?: boolean;
}
