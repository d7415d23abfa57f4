/**
 * A sign-in attempt as Salesforce records it: a LoginHistory row (Status in English, as the
 * integration user reads it), its LoginGeo (from the GeoIP city record of the address, so the
 * two agree), a Login event log row and, with Event Monitoring, a LoginEvent. A success opens a
 * session with fresh SESSION_KEY and LOGIN_KEY; later events of the session carry both.
 */
import type { GenContext } from '../context';
import { emitLoginRow } from '../event-logs/types/login';
import { storeLoginEvent } from '../realtime/login-event';
import { logKey } from '../id-factory';
import type { Device, Place, Session, SimUser } from '../model';
import type { Rng } from '../prng';
import { sfDateTime } from '../time';

/** LoginHistory.Status text (English, as fixtures store it; the simulator localizes it) → Login event LOGIN_STATUS code. */
export const LOGIN_STATUS = {
  Success: 'LOGIN_NO_ERROR',
  'Invalid Password': 'LOGIN_ERROR_INVALID_PASSWORD',
  'User is Frozen': 'LOGIN_ERROR_USER_FROZEN',
  'User is Inactive': 'LOGIN_ERROR_USER_INACTIVE',
} as const;

export type LoginStatus = keyof typeof LOGIN_STATUS;

export interface LoginAttempt {
  user: SimUser;
  timeMs: number;
  place: Place;
  device: Device;
  kind: Session['kind'];
  status: LoginStatus;
  /** LoginHistory.Application: "Browser", "Salesforce for iOS", a connected app's name. */
  application?: string;
  /** How long a successful session lasts (for the session's end and AuthSession). */
  durationMs?: number;
  explicitLogout?: boolean;
}

export interface LoginResult {
  loginHistoryId: string;
  loginGeoId: string;
  session?: Session;
}

function applicationOf(attempt: LoginAttempt): string {
  if (attempt.application) return attempt.application;
  if (attempt.kind === 'mobile') return attempt.device.platform === 'iPhone' ? 'Salesforce for iOS' : 'Salesforce for Android';
  return 'Browser';
}

function writeGeo(ctx: GenContext, attempt: LoginAttempt): string {
  const id = ctx.ids.next('04F');
  const g = attempt.place.geo;
  ctx.records.add('LoginGeo', {
    Id: id, City: g.city, Country: g.country, CountryIso: g.countryIso, Latitude: g.latitude, Longitude: g.longitude,
    LoginTime: sfDateTime(attempt.timeMs), PostalCode: g.postalCode, Subdivision: g.subdivision,
  });
  return id;
}

function writeHistory(ctx: GenContext, attempt: LoginAttempt, geoId: string): Record<string, unknown> {
  const id = ctx.ids.next('0Ya');
  const oauth = attempt.kind !== 'ui';
  const history = {
    Id: id, LoginTime: sfDateTime(attempt.timeMs), UserId: attempt.user.id,
    LoginType: oauth ? 'Remote Access 2.0' : 'Application', LoginSubType: null, Status: attempt.status,
    Platform: oauth && attempt.kind === 'api' ? 'Unknown' : attempt.device.platform, SourceIp: attempt.place.ip,
    CountryIso: attempt.place.geo.countryIso, Browser: oauth && attempt.kind === 'api' ? 'Unknown' : attempt.device.browser,
    Application: applicationOf(attempt), ClientVersion: 'N/A', ApiVersion: 'N/A', ApiType: null, LoginUrl: ctx.org.myDomain,
    LoginGeoId: geoId, TlsProtocol: 'TLS 1.3', CipherSuite: 'TLS_AES_256_GCM_SHA384', AuthMethodReference: null,
  };
  ctx.records.add('LoginHistory', history);
  return history;
}

export function recordLogin(ctx: GenContext, rng: Rng, requested: LoginAttempt): LoginResult {
  // LoginHistory keeps whole seconds (LoginTime "…:05.000+0000"); the Login log row shares the instant.
  const attempt = { ...requested, timeMs: Math.floor(requested.timeMs / 1000) * 1000 };
  const loginGeoId = writeGeo(ctx, attempt);
  const history = writeHistory(ctx, attempt, loginGeoId);
  const loginHistoryId = history['Id'] as string;
  const success = attempt.status === 'Success';
  const loginKey = success ? logKey(rng) : '';
  emitLoginRow(ctx, rng, {
    // The log row keeps the milliseconds LoginHistory drops.
    user: attempt.user, timeMs: requested.timeMs, place: attempt.place, device: attempt.device,
    oauth: attempt.kind !== 'ui', loginStatus: LOGIN_STATUS[attempt.status], loginKey,
    ...(attempt.kind === 'api' ? { loginSubType: 'oauthclientcredentials' } : attempt.kind === 'mobile' ? { loginSubType: 'oauthrefreshtoken' } : {}),
  });
  storeLoginEvent(ctx, { user: attempt.user, timeMs: requested.timeMs, place: attempt.place, history, loginKey });
  if (!success) return { loginHistoryId, loginGeoId };
  attempt.user.lastLoginMs = Math.max(attempt.user.lastLoginMs ?? 0, attempt.timeMs);
  const session: Session = {
    user: attempt.user, kind: attempt.kind, sessionKey: logKey(rng), loginKey, place: attempt.place, device: attempt.device,
    startMs: attempt.timeMs, endMs: attempt.timeMs + (attempt.durationMs ?? 3_600_000), loginHistoryId, loginGeoId,
    explicitLogout: attempt.explicitLogout ?? false,
  };
  return { loginHistoryId, loginGeoId, session };
}
