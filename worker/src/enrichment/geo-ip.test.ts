import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, Geo } from '../activity/activity';
import { GeoIp } from './geo-ip';
import { writeTinyMmdb } from './__tests__/tiny-mmdb';

function activity(id: string, ip?: string, geo?: Geo): Activity {
  return { id, source: 'LoginHistory', timeMs: 0, orgId: '00D000000000001', kind: 'login.success', ipTags: [], ...(ip ? { ip } : {}), ...(geo ? { geo } : {}) };
}

// Real addresses whose DB-IP Lite answer was checked in the bundled files (University of Oxford,
// RIPE NCC, Google Public DNS). Documentation ranges (RFC 5737 / 3849) have no location.
describe('GeoIp with the bundled DB-IP databases', () => {
  const geo = new GeoIp();

  it('keeps Salesforce LoginGeo and fills the rest from DB-IP', async () => {
    const loginGeo: Geo = { source: 'LoginGeo', country: 'United Kingdom', countryIso: 'GB', city: 'London', latitude: 51.5072, longitude: -0.1276 };
    const activities = [activity('a1', '129.67.0.1', loginGeo), activity('a2', '129.67.0.1'), activity('a3', '8.8.8.8'), activity('a4', '2001:67c:2e8::1')];
    await geo.enrich(activities);
    expect(activities[0]!.geo).toEqual(loginGeo);
    expect(activities[1]!.geo).toEqual({ source: 'geoip', country: 'United Kingdom', countryIso: 'GB', city: 'Oxford', latitude: 51.76, longitude: -1.2607 });
    expect(activities[2]!.geo).toMatchObject({ source: 'geoip', countryIso: 'US', country: 'United States', city: 'Mountain View' });
    expect(activities[3]!.geo).toMatchObject({ source: 'geoip', countryIso: 'NL', country: 'Netherlands', city: 'Amsterdam' });
    // DB-IP Lite has no accuracy radius: none is invented.
    expect(activities[2]!.geo).not.toHaveProperty('accuracyRadiusKm');
  });

  it('gives documentation, private and malformed addresses no location', async () => {
    const activities = [activity('b1', '192.0.2.10'), activity('b2', '2001:db8::1'), activity('b3', '10.1.2.3'), activity('b4', 'not-an-ip'), activity('b5')];
    await geo.enrich(activities);
    expect(activities.map((a) => a.geo)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('looks up an IPv4-mapped IPv6 address as the IPv4 client', async () => {
    const activities = [activity('c1', '::ffff:129.67.0.1')];
    await geo.enrich(activities);
    expect(activities[0]!.geo).toMatchObject({ countryIso: 'GB', city: 'Oxford' });
  });

  it('shares one frozen location between the activities of an address', async () => {
    const activities = [activity('d1', '8.8.8.8'), activity('d2', '8.8.8.8')];
    await geo.enrich(activities);
    expect(activities[0]!.geo).toBe(activities[1]!.geo);
    expect(() => {
      activities[0]!.geo!.city = 'Elsewhere';
    }).toThrow(TypeError);
    expect(activities[1]!.geo!.city).toBe('Mountain View');
  });
});

describe('GeoIp with a user-supplied MaxMind City database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-geoip-'));
  const file = join(dir, 'GeoLite2-City.mmdb');
  writeTinyMmdb(file, [
    {
      network: '192.0.2.0/24',
      data: { city: { names: { en: 'Paris', fr: 'Paris' } }, country: { iso_code: 'FR', names: { en: 'France' } }, location: { latitude: 48.8566, longitude: 2.3522, accuracy_radius: 20 } },
    },
    {
      network: '2001:db8:1::/48',
      data: { country: { iso_code: 'JP', names: { en: 'Japan' } }, location: { latitude: 35.6897, longitude: 139.6922, accuracy_radius: 500 } },
    },
  ]);

  it('replaces the bundled database, with the accuracy radius impossible travel needs', async () => {
    const geo = new GeoIp({ cityDatabase: file });
    const activities = [activity('u1', '192.0.2.77'), activity('u2', '2001:db8:1::5'), activity('u3', '8.8.8.8'), activity('u4', '198.51.100.1', { source: 'LoginGeo', countryIso: 'DE' })];
    await geo.enrich(activities);
    expect(activities[0]!.geo).toEqual({ source: 'geoip', country: 'France', countryIso: 'FR', city: 'Paris', latitude: 48.8566, longitude: 2.3522, accuracyRadiusKm: 20 });
    expect(activities[1]!.geo).toEqual({ source: 'geoip', country: 'Japan', countryIso: 'JP', latitude: 35.6897, longitude: 139.6922, accuracyRadiusKm: 500 });
    // Not in the user's file: no fallback to DB-IP (the user's database is the one trusted).
    expect(activities[2]!.geo).toBeUndefined();
    expect(activities[3]!.geo).toEqual({ source: 'LoginGeo', countryIso: 'DE' });
  });

  it('does not answer IPv6 from an IPv4-only database', async () => {
    const v4Only = join(dir, 'v4-only.mmdb');
    writeTinyMmdb(v4Only, [{ network: '192.0.2.0/24', data: { country: { iso_code: 'FR' } } }], 4);
    const geo = new GeoIp({ cityDatabase: v4Only });
    // c000:2ff:: starts with the same 24 bits as 192.0.2.0/24: an IPv4 tree would "find" it.
    const activities = [activity('v1', '192.0.2.1'), activity('v2', 'c000:2ff::1')];
    await geo.enrich(activities);
    expect(activities[0]!.geo).toEqual({ source: 'geoip', countryIso: 'FR', country: 'France' });
    expect(activities[1]!.geo).toBeUndefined();
  });
});
