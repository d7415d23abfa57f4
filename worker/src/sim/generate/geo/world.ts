/**
 * The generated company's world: its offices, the networks people connect through in each
 * country (autonomous systems from the bundled ASN table: business ISPs for office egress,
 * residential ISPs for home, mobile carriers), where people travel, and the hosting networks
 * that VPN gateways, cloud integrations, Tor exits and attackers use.
 *
 * ASNs were checked against the bundled data: each announces addresses in the country it is
 * listed under (DB-IP country ranges).
 */

export interface CountryNetworks {
  business: number[];
  residential: number[];
  mobile: number[];
}

export const NETWORKS: Record<string, CountryNetworks> = {
  US: { business: [7018, 701, 209, 174], residential: [7922, 20115, 22773], mobile: [21928, 22394, 20057] },
  CA: { business: [577, 812], residential: [812, 577, 6327], mobile: [812, 577] },
  GB: { business: [2856, 8220], residential: [2856, 5089, 13285], mobile: [5378, 35228, 206067] },
  DE: { business: [3320, 8881], residential: [3320, 3209], mobile: [3209, 6805] },
  FR: { business: [3215], residential: [3215, 12322, 15557], mobile: [15557, 5410] },
  IN: { business: [9829, 24560], residential: [9829, 24560], mobile: [55836, 45609] },
  JP: { business: [4713], residential: [17676, 2516], mobile: [9605, 2516] },
  AU: { business: [1221], residential: [1221, 7545], mobile: [4804, 133612] },
  BR: { business: [26599], residential: [28573, 26599], mobile: [26615, 18881] },
  SG: { business: [9506], residential: [9506, 4657], mobile: [4773, 4657] },
  ES: { business: [3352], residential: [3352], mobile: [12430] },
  NL: { business: [1136], residential: [1136], mobile: [1136] },
  IT: { business: [3269], residential: [3269], mobile: [1267] },
  CH: { business: [3303], residential: [3303], mobile: [3303] },
  PL: { business: [5617], residential: [5617], mobile: [5617] },
  // Countries no office or trip uses: sources of foreign sign-ins in the planted attacks.
  VN: { business: [45899], residential: [45899, 7552], mobile: [7552] },
  NG: { business: [29465], residential: [29465], mobile: [29465] },
  TR: { business: [9121], residential: [9121], mobile: [9121] },
  EG: { business: [8452], residential: [8452], mobile: [8452] },
  DZ: { business: [36947], residential: [36947], mobile: [36947] },
  RU: { business: [12389], residential: [12389, 8359], mobile: [8359] },
};

export interface Office {
  city: string;
  country: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  /** User.LanguageLocaleKey / LocaleSidKey for people based here. */
  language: string;
  locale: string;
}

/** Candidate offices; an org gets the first N (HQ first), N growing with its size. */
export const OFFICES: readonly Office[] = [
  { city: 'San Francisco', country: 'US', timeZone: 'America/Los_Angeles', latitude: 37.7749, longitude: -122.4194, language: 'en_US', locale: 'en_US' },
  { city: 'London', country: 'GB', timeZone: 'Europe/London', latitude: 51.5072, longitude: -0.1276, language: 'en_US', locale: 'en_GB' },
  { city: 'New York', country: 'US', timeZone: 'America/New_York', latitude: 40.7128, longitude: -74.006, language: 'en_US', locale: 'en_US' },
  { city: 'Berlin', country: 'DE', timeZone: 'Europe/Berlin', latitude: 52.52, longitude: 13.405, language: 'de', locale: 'de_DE' },
  { city: 'Bangalore', country: 'IN', timeZone: 'Asia/Kolkata', latitude: 12.9716, longitude: 77.5946, language: 'en_US', locale: 'en_IN' },
  { city: 'Tokyo', country: 'JP', timeZone: 'Asia/Tokyo', latitude: 35.6762, longitude: 139.6503, language: 'ja', locale: 'ja_JP' },
  { city: 'Paris', country: 'FR', timeZone: 'Europe/Paris', latitude: 48.8566, longitude: 2.3522, language: 'fr', locale: 'fr_FR' },
  { city: 'Sydney', country: 'AU', timeZone: 'Australia/Sydney', latitude: -33.8688, longitude: 151.2093, language: 'en_US', locale: 'en_AU' },
  { city: 'Toronto', country: 'CA', timeZone: 'America/Toronto', latitude: 43.6532, longitude: -79.3832, language: 'en_US', locale: 'en_CA' },
  { city: 'Chicago', country: 'US', timeZone: 'America/Chicago', latitude: 41.8781, longitude: -87.6298, language: 'en_US', locale: 'en_US' },
  { city: 'São Paulo', country: 'BR', timeZone: 'America/Sao_Paulo', latitude: -23.5505, longitude: -46.6333, language: 'pt_BR', locale: 'pt_BR' },
  { city: 'Singapore', country: 'SG', timeZone: 'Asia/Singapore', latitude: 1.3521, longitude: 103.8198, language: 'en_US', locale: 'en_SG' },
];

/** Conference and customer cities people fly to, besides the other offices. */
export const TRIP_CITIES = [
  { city: 'Barcelona', country: 'ES', timeZone: 'Europe/Madrid', latitude: 41.3874, longitude: 2.1686 },
  { city: 'Amsterdam', country: 'NL', timeZone: 'Europe/Amsterdam', latitude: 52.3676, longitude: 4.9041 },
  { city: 'Milan', country: 'IT', timeZone: 'Europe/Rome', latitude: 45.4642, longitude: 9.19 },
  { city: 'Zurich', country: 'CH', timeZone: 'Europe/Zurich', latitude: 47.3769, longitude: 8.5417 },
  { city: 'Warsaw', country: 'PL', timeZone: 'Europe/Warsaw', latitude: 52.2297, longitude: 21.0122 },
] as const;

/** Countries that appear only in planted attacks (never an office or a trip). */
export const ATTACK_COUNTRIES = ['VN', 'NG', 'TR', 'EG', 'DZ', 'RU'] as const;

/** Hosting networks by use. Country = where the chosen ranges geolocate. */
export const HOSTING = {
  /** Corporate VPN gateways: many employees share each egress address. */
  vpn: [
    { asn: 9009, country: 'GB' },
    { asn: 14618, country: 'US' },
    { asn: 24940, country: 'DE' },
  ],
  /** Where integrations run: cloud providers' address space, many addresses. */
  cloud: [
    { asn: 16509, country: 'US' },
    { asn: 8075, country: 'US' },
  ],
  /** Networks known for Tor exit relays (feeds/tor-exits.txt is built from these). */
  torExit: [
    { asn: 208323, country: 'AT' },
    { asn: 53667, country: 'US' },
    { asn: 60781, country: 'NL' },
    { asn: 51167, country: 'DE' },
  ],
  /** Cheap VPS providers where threat-feed addresses and the password sprayer live. */
  threat: [
    { asn: 14061, country: 'US' },
    { asn: 16276, country: 'FR' },
    { asn: 20473, country: 'US' },
  ],
  /** "Bulletproof" hosting the org tags as risky by CIDR in orgwarden.yaml. */
  risky: [
    { asn: 200019, country: 'MD' },
    { asn: 202425, country: 'NL' },
  ],
} as const;

/** Every ASN the generator may draw from (loaded from the ASN table, nothing else is kept). */
export function wantedAsns(): Set<number> {
  const asns = new Set<number>();
  for (const n of Object.values(NETWORKS)) for (const list of [n.business, n.residential, n.mobile]) for (const a of list) asns.add(a);
  for (const group of Object.values(HOSTING)) for (const h of group) asns.add(h.asn);
  return asns;
}

/** How many offices an org of this size has (HQ plus regional offices). */
export function officeCount(users: number): number {
  return Math.max(2, Math.min(OFFICES.length, Math.round(users ** 0.35)));
}
