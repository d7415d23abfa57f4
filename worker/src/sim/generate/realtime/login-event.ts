/**
 * LoginEvent: the real-time record of a sign-in attempt, written with the LoginHistory row it
 * mirrors so the two agree (user, address, Status, LoginType, Application, Browser, Platform,
 * TLS, LoginHistoryId, LoginGeoId) and with the Login log row (same instant, milliseconds kept,
 * same LOGIN_KEY). Geolocation fields repeat the LoginGeo record. SessionKey stays empty:
 * "For LoginEvent, this field is often null because the event is captured before a session is
 * created" (Platform Events Developer Guide, LoginEvent).
 */
import type { GenContext } from '../context';
import type { Place, SimUser } from '../model';

export interface LoginEventInput {
  user: SimUser;
  /** The attempt's instant with milliseconds (the Login log row's TIMESTAMP). */
  timeMs: number;
  place: Place;
  /** The LoginHistory record written for the attempt. */
  history: Readonly<Record<string, unknown>>;
  /** LOGIN_KEY of the session a success opens; empty for a failure. */
  loginKey: string;
}

export function storeLoginEvent(ctx: GenContext, input: LoginEventInput): void {
  if (!ctx.realtime.enabled) return;
  const { user, place, history: h } = input;
  const g = place.geo;
  ctx.realtime.bigObject('LoginEvent', input.timeMs, {
    UserId: user.id, Username: user.username, UserType: user.userType, SourceIp: place.ip, Status: h['Status'], LoginType: h['LoginType'],
    LoginSubType: h['LoginSubType'], Application: h['Application'], Browser: h['Browser'], Platform: h['Platform'], ApiType: 'N/A', ApiVersion: 'N/A',
    ClientVersion: h['ClientVersion'], LoginUrl: h['LoginUrl'], CipherSuite: h['CipherSuite'], TlsProtocol: h['TlsProtocol'], HttpMethod: 'POST',
    AdditionalInfo: '{}', EvaluationTime: 0, LoginHistoryId: h['Id'], LoginGeoId: h['LoginGeoId'], LoginKey: input.loginKey || null, SessionLevel: 'STANDARD',
    Country: g.country, City: g.city, CountryIso: g.countryIso, Subdivision: g.subdivision, PostalCode: g.postalCode, LoginLatitude: g.latitude, LoginLongitude: g.longitude,
  });
}
