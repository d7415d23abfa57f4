/**
 * LoginHistory rows → Activities. One row per sign-in attempt, interactive or API.
 * Field names from Salesforce's Object Reference; `LoginGeo` is joined in the query.
 */
import type { Activity, Geo } from './activity';
import { parseSfDateTime } from './sf-datetime';

export interface LoginHistoryRow {
  Id: string;
  LoginTime: string;
  UserId: string | null;
  LoginType: string | null;
  Status: string | null;
  SourceIp: string | null;
  CountryIso?: string | null;
  Application?: string | null;
  Browser?: string | null;
  Platform?: string | null;
  LoginUrl?: string | null;
  LoginGeo?: {
    Country?: string | null;
    CountryIso?: string | null;
    City?: string | null;
    Latitude?: number | null;
    Longitude?: number | null;
  } | null;
}

/** Fields the logins stream selects; every one exists on LoginHistory / LoginGeo since API 37. */
export const LOGIN_HISTORY_FIELDS = [
  'Id',
  'LoginTime',
  'UserId',
  'LoginType',
  'Status',
  'SourceIp',
  'CountryIso',
  'Application',
  'Browser',
  'Platform',
  'LoginUrl',
  'LoginGeo.Country',
  'LoginGeo.CountryIso',
  'LoginGeo.City',
  'LoginGeo.Latitude',
  'LoginGeo.Longitude',
] as const;

/**
 * `Status` is free text: the success value or the failure reason, written in the reading user's
 * language. `successStatus` is the value this reader sees for a success, learned from the
 * worker's own sign-in (streams/login-status.ts); "Success" only when it could not be learned.
 */
export function fromLoginHistory(row: LoginHistoryRow, orgId: string, successStatus = 'Success'): Activity | undefined {
  const timeMs = parseSfDateTime(row.LoginTime);
  if (!Number.isFinite(timeMs) || !row.Id) return undefined;
  const activity: Activity = {
    id: row.Id,
    source: 'LoginHistory',
    timeMs,
    orgId,
    kind: row.Status === successStatus ? 'login.success' : 'login.failure',
    ipTags: [],
  };
  if (row.UserId) activity.userId = row.UserId;
  if (row.Status) activity.status = row.Status;
  if (row.LoginType) activity.loginType = row.LoginType;
  if (row.Application) activity.application = row.Application;
  if (row.Browser) activity.userAgent = row.Browser;
  // Salesforce writes "Salesforce.com IP" or "N/A" for internal logins: not an address.
  if (row.SourceIp && /^[0-9a-fA-F:.]+$/.test(row.SourceIp)) activity.ip = row.SourceIp;
  const geo = geoOf(row);
  if (geo) activity.geo = geo;
  return activity;
}

function geoOf(row: LoginHistoryRow): Geo | undefined {
  const g = row.LoginGeo;
  if (g && (g.CountryIso || g.Country)) {
    const geo: Geo = { source: 'LoginGeo' };
    if (g.Country) geo.country = g.Country;
    if (g.CountryIso) geo.countryIso = g.CountryIso;
    if (g.City) geo.city = g.City;
    if (typeof g.Latitude === 'number') geo.latitude = g.Latitude;
    if (typeof g.Longitude === 'number') geo.longitude = g.Longitude;
    return geo;
  }
  return row.CountryIso ? { source: 'LoginGeo', countryIso: row.CountryIso } : undefined;
}
