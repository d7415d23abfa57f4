/**
 * The generator's in-memory model of the org's people and their sign-in sessions. Records and
 * log rows are derived from these and streamed to disk; only these small objects stay in memory.
 */
import type { CityGeo } from './geo/city-lookup';
import type { Office } from './geo/world';

export type Role =
  | 'standard'
  | 'sales-ops'
  | 'marketing'
  | 'records-manager'
  | 'admin'
  | 'support'
  | 'integration'
  | 'service-account'
  | 'external';

/** A network location: an address and what GeoIP says about it. */
export interface Place {
  ip: string;
  geo: CityGeo;
}

/** The browser (or app) a person signs in with. */
export interface Device {
  /** LoginHistory.Browser, e.g. "Chrome 131". */
  browser: string;
  /** LoginHistory.Platform, e.g. "Windows 10". */
  platform: string;
  userAgent: string;
  /** Logout PLATFORM_TYPE code. */
  platformCode: string;
  /** LightningPageView OS_NAME / OS_VERSION / BROWSER_NAME / BROWSER_VERSION. */
  osName: string;
  osVersion: string;
  browserName: string;
  browserVersion: string;
}

export interface Trip {
  /** First and last day index (inclusive) away from home. */
  fromDay: number;
  toDay: number;
  city: string;
  country: string;
  timeZone: string;
  /** Hotel / local network used during the trip. */
  place: Place;
}

export interface SimUser {
  index: number;
  id: string;
  id15: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  alias: string;
  role: Role;
  department: string;
  title: string;
  office: Office;
  profileName: string;
  permissionSets: string[];
  createdMs: number;
  /** When the account was deactivated (User.IsActive false), if it was. */
  deactivatedMs?: number;
  frozenMs?: number;
  /** External (partner/customer community) users: their email domain is what matters. */
  userType: 'Standard' | 'PowerPartner' | 'CspLitePortal';
  device: Device;
  mobileDevice: Device;
  /** Home broadband address (changes rarely) and its network. */
  home: Place;
  homeAsn: number;
  mobileCountry: string;
  /** Share of workdays worked from home, and whether home work goes through the corporate VPN. */
  remoteShare: number;
  vpn: boolean;
  vpnGateway: number;
  /** Local start of the workday in minutes after midnight. */
  workStartMinutes: number;
  usesMobile: boolean;
  syncClient: boolean;
  trip?: Trip;
  /** Excluded from benign generation (e.g. an attack controls its whole history). */
  quiet?: boolean;
  /** Last successful sign-in (User.LastLoginDate). */
  lastLoginMs?: number;
}

/** A signed-in session: what ties a login to the events that follow (SESSION_KEY, LOGIN_KEY). */
export interface Session {
  user: SimUser;
  kind: 'ui' | 'mobile' | 'api' | 'login-as';
  sessionKey: string;
  loginKey: string;
  place: Place;
  device: Device;
  startMs: number;
  endMs: number;
  loginHistoryId: string;
  loginGeoId: string;
  /** Ended with an explicit logout (else a timeout). */
  explicitLogout: boolean;
}
