/**
 * The LoginHistory row (and its LoginGeo) Salesforce writes for every sign-in, OAuth token
 * grants included: an integration's own logins show up in Setup > Login History with
 * `Status` "Success" and LoginType "Remote Access 2.0" (Object Reference, LoginHistory; AuthSession
 * `LoginHistoryId` "the login history record for the session"). Stored in English like every
 * fixture row; the query route renders Status/LoginType in the reader's language.
 */
import { formatSystemTimestamp } from '../sf-datetime';
import type { SimCore } from '../sim-core';

export interface SessionLogin {
  loginHistoryId: string;
  loginGeoId: string;
}

/** Writes the sign-in of `userId` at the simulated now; undefined when the schema lacks the objects. */
export function recordLogin(core: SimCore, userId: string, loginType: string): SessionLogin | undefined {
  const history = core.schema.get('LoginHistory');
  const geo = core.schema.get('LoginGeo');
  if (!history || !geo) return undefined;
  // LoginTime is a system timestamp: stored to the second.
  const loginTime = formatSystemTimestamp(core.clock.now());
  const loginGeoId = core.ids.next(geo.keyPrefix);
  // A loopback address has no location: Salesforce leaves the LoginGeo fields empty for it.
  core.store.insert('LoginGeo', {
    Id: loginGeoId, LoginTime: loginTime, City: null, Country: null, CountryIso: null, Latitude: null, Longitude: null, PostalCode: null, Subdivision: null,
  });
  const loginHistoryId = core.ids.next(history.keyPrefix);
  core.store.insert('LoginHistory', {
    Id: loginHistoryId, UserId: userId, LoginTime: loginTime, LoginType: loginType, LoginSubType: null, Status: 'Success',
    SourceIp: '127.0.0.1', CountryIso: null, Platform: 'Unknown', Browser: 'Unknown', Application: 'N/A', ClientVersion: 'N/A',
    ApiType: 'N/A', ApiVersion: 'N/A', LoginUrl: new URL(core.baseUrl()).host, LoginGeoId: loginGeoId,
    TlsProtocol: null, CipherSuite: null, AuthenticationServiceId: null, NetworkId: null, OptionsIsGet: false, OptionsIsPost: true,
    AuthMethodReference: null, ForwardedForIp: null,
  });
  return { loginHistoryId, loginGeoId };
}
