/** The geo policies' shared judgements: what a network is, which countries border, which client is familiar. */
import { bordering } from './logins-geo-borders';
import { haversineKm, uncertaintyKm } from './logins-geo-distance';
import { isPhysicalLocation, networkKind } from './logins-geo-network';
import { clientKey, clientOf, isFamiliarClient, isInteractiveSuccess } from './logins-geo-sign-in';

describe('networkKind', () => {
  it.each([
    [{ asn: 36183, isp: 'Akamai Technologies, Inc.' }, 'privacy-relay'],
    [{ asn: 39351, isp: '31173 Services AB' }, 'vpn-service'],
    [{ asn: 14061, isp: 'DigitalOcean, LLC' }, 'hosting'],
    [{ asn: 394603, isp: 'Panasonic Avionics Corporation' }, 'inflight'],
    [{ asn: 64999, isp: 'Gogo Commercial Aviation' }, 'inflight'],
    [{ asn: 14593, isp: 'Space Exploration Technologies Corporation' }, 'satellite'],
    [{ asn: 21928, isp: 'T-Mobile USA, Inc.' }, 'mobile'],
    [{ asn: 7922, isp: 'Comcast Cable Communications, LLC' }, 'access'],
    [{ asn: 174, isp: 'Cogent Communications' }, 'access'],
  ] as const)('%j is %s', (network, kind) => {
    expect(networkKind(network)).toBe(kind);
  });

  it('treats VPN-tagged, relay and hosting addresses as no location', () => {
    const geo = { source: 'LoginGeo' as const, countryIso: 'US' };
    const base = { id: 'x', source: 'LoginHistory', timeMs: 0, orgId: 'o', kind: 'login.success' as const, geo };
    expect(isPhysicalLocation({ ...base, ipTags: [], asn: 7922 })).toBe(true);
    expect(isPhysicalLocation({ ...base, ipTags: ['vpn'], asn: 7922 })).toBe(false);
    expect(isPhysicalLocation({ ...base, ipTags: [], asn: 13335 })).toBe(false);
    expect(isPhysicalLocation({ ...base, ipTags: [], asn: 16509 })).toBe(false);
  });
});

describe('borders and distance', () => {
  it('knows land borders both ways and not across the sea', () => {
    expect(bordering('de', 'PL')).toBe(true);
    expect(bordering('PL', 'DE')).toBe(true);
    expect(bordering('US', 'CA')).toBe(true);
    expect(bordering('GB', 'FR')).toBe(false);
    expect(bordering('US', 'RU')).toBe(false);
  });

  it('measures great circles and widens the uncertainty of mobile and country-only locations', () => {
    expect(Math.round(haversineKm({ latitude: 51.5072, longitude: -0.1276 }, { latitude: 48.8566, longitude: 2.3522 }))).toBe(344);
    expect(uncertaintyKm({ source: 'geoip', city: 'Paris', accuracyRadiusKm: 20 }, 'access')).toBe(20);
    expect(uncertaintyKm({ source: 'LoginGeo', city: 'Paris' }, 'access')).toBe(50);
    expect(uncertaintyKm({ source: 'LoginGeo', city: 'Paris' }, 'mobile')).toBe(300);
    expect(uncertaintyKm({ source: 'LoginGeo', countryIso: 'FR' }, 'access')).toBe(500);
  });
});

describe('sign-ins and clients', () => {
  const login = (loginType: string | undefined) => ({ id: 'x', source: 'LoginHistory', timeMs: 0, orgId: 'o', kind: 'login.success' as const, ipTags: [], ...(loginType ? { loginType } : {}) });

  it('counts browser and SSO sign-ins as interactive, OAuth and API ones not', () => {
    expect(isInteractiveSuccess(login('Application'))).toBe(true);
    expect(isInteractiveSuccess(login('SAML Sfdc Initiated SSO'))).toBe(true);
    expect(isInteractiveSuccess(login('Remote Access 2.0'))).toBe(false);
    expect(isInteractiveSuccess(login('Other Apex API'))).toBe(false);
  });

  it('reads LoginHistory browsers and full user agents', () => {
    expect(clientOf({ userAgent: 'Chrome 131' })).toEqual({ family: 'chrome', major: 131 });
    expect(clientOf({ userAgent: 'Salesforce App 252' })).toEqual({ family: 'salesforce app', major: 252 });
    expect(clientOf({ userAgent: 'Unknown' })).toBeUndefined();
    expect(clientOf({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36' })).toEqual({ family: 'headless|linux', major: 120 });
  });

  it('finds a browser familiar at the same or a newer version, not an older one or another family', () => {
    const known = [clientKey({ family: 'chrome', major: 131 })];
    expect(isFamiliarClient({ family: 'chrome', major: 133 }, known)).toBe(true);
    expect(isFamiliarClient({ family: 'chrome', major: 131 }, known)).toBe(true);
    expect(isFamiliarClient({ family: 'chrome', major: 120 }, known)).toBe(false);
    expect(isFamiliarClient({ family: 'firefox', major: 133 }, known)).toBe(false);
  });
});
