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
  | 'api.query'
  | 'oauth.grant';

export interface Geo {
  country?: string;
  countryIso?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
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
  /** IP tags from config CIDRs and feeds: corporate, vpn, anonymous, suspicious, risky. */
  ipTags: string[];
}

export const byTime = (a: Activity, b: Activity): number => a.timeMs - b.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
