/**
 * What kind of network an address belongs to, from its autonomous system (the bundled ASN table
 * gives the number and the holder's name). Geo policies need it because the location of an
 * address only says where the person is when the address is an access network (home broadband,
 * office line, mobile carrier); a privacy relay, a VPN service, a cloud server or an aircraft's
 * satellite link puts the "location" wherever the provider's egress happens to be.
 *
 * The lists are curated from public ASN registrations (checked against the bundled
 * ip-location-db table) and name patterns; they are a floor, not a census: config `ipTags`
 * (vpn, corporate, anonymous) stays the way to name an org's own or missing ranges.
 */
import type { Activity } from '../../activity/activity';

export type NetworkKind =
  /** Home broadband, business lines, universities: the address is where the person is. */
  | 'access'
  /** A mobile carrier: located, but carrier NAT drifts across a country (hundreds of km). */
  | 'mobile'
  /** iCloud Private Relay / Cloudflare WARP egress: the user's region at best. */
  | 'privacy-relay'
  /** Commercial VPN services (NordVPN, Mullvad, Proton VPN …): any exit country the user picks. */
  | 'vpn-service'
  /** Clouds, VPS and dedicated servers: a machine, not a person's location. */
  | 'hosting'
  /** In-flight Wi-Fi (Gogo, Panasonic Avionics, Inmarsat, Intelsat …): ground station far from the plane. */
  | 'inflight'
  /** Satellite broadband (Viasat, Starlink, Hughes): gateway location, not the dish's. */
  | 'satellite';

// iCloud Private Relay egress is run by Akamai (AS36183, dedicated to it), Cloudflare and Fastly;
// Cloudflare's ASNs also carry WARP.
const PRIVACY_RELAY_ASNS = [36183, 13335, 209242, 132892, 139242, 202623, 203898, 14789, 54113];

// Providers whose address space is (mostly) commercial VPN exits.
const VPN_SERVICE_ASNS = [
  136787, 141039, 147049, // PacketHub (NordVPN)
  60068, 212238, // Datacamp / CDN77 (many VPN brands)
  9009, // M247 (most large VPN brands rent exits here)
  39351, // 31173 Services (Mullvad)
  62371, 199218, // Proton AG
  203619, // IVPN
  11878, // tzulo (VPN exits)
];

const HOSTING_ASNS = [
  16509, 14618, 8987, // Amazon
  8075, 8068, // Microsoft
  15169, 396982, 19527, // Google
  31898, // Oracle Cloud
  45102, 37963, // Alibaba
  132203, 45090, // Tencent
  14061, // DigitalOcean
  16276, 35540, // OVH
  20473, // Vultr (The Constant Company)
  24940, 213230, // Hetzner
  63949, // Linode
  51167, // Contabo
  60781, 28753, 7203, 30633, // Leaseweb
  12876, // Scaleway
  53667, // FranTech / BuyVM
  208323, // Foundation for Applied Privacy (Tor relays)
  200019, // AlexHost
  202425, // IP Volume
  36352, // ColoCrossing
  8100, // QuadraNet
  40676, // Psychz
  62240, 202791, 202792, 206136, // Clouvider
  29802, // Hivelocity
  197540, // netcup
  49981, // WorldStream
  44477, // Stark Industries
  209588, // Flyservers
  46606, // Unified Layer
  26496, // GoDaddy
  19318, // Interserver
  23470, // ReliableSite
];

const INFLIGHT_ASNS = [
  394603, 64294, // Panasonic Avionics
  11167, // Gogo Business Aviation
  22351, 26243, 46982, // Intelsat (Gogo commercial aviation)
  31515, 25222, 152659, 31753, // Inmarsat
  206307, // AeroMobile
  400110, // Anuvu (Global Eagle)
  132978, // Airline Internet Solutions
];

const SATELLITE_ASNS = [
  7155, 40306, 40310, 40311, 46536, 16491, // Viasat
  14593, // Starlink (SpaceX)
  6621, 1358, 12440, // Hughes
];

const BY_ASN = new Map<number, NetworkKind>();
for (const [kind, asns] of [
  ['privacy-relay', PRIVACY_RELAY_ASNS],
  ['vpn-service', VPN_SERVICE_ASNS],
  ['hosting', HOSTING_ASNS],
  ['inflight', INFLIGHT_ASNS],
  ['satellite', SATELLITE_ASNS],
] as const) {
  for (const asn of asns) BY_ASN.set(asn, kind);
}

const BY_NAME: ReadonlyArray<[RegExp, NetworkKind]> = [
  [/\b(gogo|panasonic avionics|inmarsat|intelsat|aeromobile|anuvu|global eagle|sita onair|onair|smartsky|inflight|in-flight)\b/i, 'inflight'],
  [/\b(viasat|starlink|space exploration|hughes network|hughesnet|eutelsat|skylogic)\b/i, 'satellite'],
  [/\b(vpn|nordvpn|mullvad|proton ag|private internet access|surfshark|expressvpn|windscribe|packethub)\b/i, 'vpn-service'],
  [/\b(hosting|vps|datacenter|data center|data centre|dedicated servers?|colocation|cloud computing|server ?farm)\b/i, 'hosting'],
  [/\b(wireless|cellular|mobile|mobil|mobility|t-mobile|jio|docomo|vodafone|hutchison|telefonica movil)\b/i, 'mobile'],
];

/** The kind of network of the activity's address (`access` when nothing says otherwise). */
export function networkKind(activity: Pick<Activity, 'asn' | 'isp'>): NetworkKind {
  if (activity.asn !== undefined) {
    const known = BY_ASN.get(activity.asn);
    if (known) return known;
  }
  return activity.isp ? kindOfName(activity.isp) : 'access';
}

/** ISP name → kind: the name patterns run once per distinct name, not once per row. */
const KIND_BY_NAME = new Map<string, NetworkKind>();
const MAX_CACHED_NAMES = 50_000;

function kindOfName(isp: string): NetworkKind {
  const cached = KIND_BY_NAME.get(isp);
  if (cached) return cached;
  let found: NetworkKind = 'access';
  for (const [pattern, kind] of BY_NAME) {
    if (pattern.test(isp)) {
      found = kind;
      break;
    }
  }
  if (KIND_BY_NAME.size >= MAX_CACHED_NAMES) KIND_BY_NAME.clear();
  KIND_BY_NAME.set(isp, found);
  return found;
}

/** Networks whose address location is not where the person is. */
const UNLOCATED: ReadonlySet<NetworkKind> = new Set<NetworkKind>(['privacy-relay', 'vpn-service', 'hosting', 'inflight', 'satellite']);

/** Networks that hide who is behind them: anonymous-ip's weaker signal. */
export const ANONYMIZING: ReadonlySet<NetworkKind> = new Set<NetworkKind>(['vpn-service', 'hosting']);

export function hasTag(activity: Pick<Activity, 'ipTags'>, ...tags: string[]): boolean {
  // Runs for every row of every policy that looks at addresses: most rows have no tag at all.
  const own = activity.ipTags;
  if (own.length === 0) return false;
  for (const tag of tags) if (own.includes(tag)) return true;
  return false;
}

/**
 * Whether the activity's location says where the person was: an address with coordinates (or a
 * country), not a corporate VPN (tag `vpn`), and not a relay, VPN service, server or aircraft.
 */
export function isPhysicalLocation(activity: Activity): boolean {
  if (!activity.geo?.countryIso || hasTag(activity, 'vpn')) return false;
  return !UNLOCATED.has(networkKind(activity));
}
