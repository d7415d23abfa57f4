/**
 * Real geography: every sign-in's LoginGeo says what the bundled DB-IP data says about its
 * address (country from the country ranges, city and coordinates from the city database), and
 * LoginHistory.CountryIso agrees.
 */
import { ipToNumber } from '../geo/ipv4';
import { generateTemp, readRecords, removeGenerated, sharedGeo } from './generated-org';

afterAll(removeGenerated);

describe('geography', () => {
  it('keeps LoginGeo, LoginHistory.CountryIso and DB-IP in agreement for every sign-in', () => {
    const { dir } = generateTemp({ seed: 'geo' });
    const geo = sharedGeo();
    const geos = new Map(readRecords(dir, 'LoginGeo').map((g) => [g['Id'], g]));
    const logins = readRecords(dir, 'LoginHistory');
    expect(logins.length).toBeGreaterThan(200);
    const countries = new Set<string>();
    for (const login of logins) {
      const ip = String(login['SourceIp']);
      const loginGeo = geos.get(login['LoginGeoId'])!;
      expect(loginGeo).toBeDefined();
      expect(loginGeo['LoginTime']).toBe(login['LoginTime']);
      expect(`${ip} ${String(loginGeo['CountryIso'])}`).toBe(`${ip} ${geo.countries.countryOf(ipToNumber(ip))}`);
      expect(login['CountryIso']).toBe(loginGeo['CountryIso']);
      const city = geo.lookup(ip)!;
      expect([loginGeo['City'], loginGeo['Latitude'], loginGeo['Longitude']]).toEqual([city.city, city.latitude, city.longitude]);
      countries.add(String(login['CountryIso']));
    }
    // Offices abroad, travel, VPN gateways and the planted foreign sign-ins.
    expect(countries.size).toBeGreaterThanOrEqual(5);
  });
});
