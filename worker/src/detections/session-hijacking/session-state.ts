/**
 * One session's clients, kept across pages (event log files of one session arrive type by type
 * and hour by hour, so "what did this session look like before" must be stored). Pure: the caller
 * loads and stores the state and says which networks the user is known to sign in from.
 */
import type { Activity } from '../../activity/activity';
import { addMinute, agentChanged, agentFingerprint, clientOf, concurrent, countryChanged, isIpv6, sameNetwork, speedKmh, type SessionClient } from './client';

/** At most this many distinct clients are kept per session. */
const MAX_CLIENTS = 6;
const MAX_EXTRA_IPS = 5;
/** A move between countries faster than this (after location error) cannot be one device. */
export const IMPOSSIBLE_KMH = 1000;
const MIN_IMPOSSIBLE_KM = 500;
const SHARED_EGRESS_TAGS = ['corporate', 'vpn'];
const RISKY_TAGS = ['anonymous', 'suspicious', 'risky'];

export interface StoredClient extends SessionClient {
  /** Other addresses of the same network (same /24 or /48, same autonomous system) seen as this client. */
  alsoIps?: string[];
}

export interface SessionState {
  userId: string;
  username?: string;
  clients: StoredClient[];
  /** Salesforce Threat Detection finding for this session (evidence object). */
  finding?: Record<string, unknown>;
  findingAtMs?: number;
  findingScore?: number;
}

export interface Verdict {
  original: StoredClient;
  other: StoredClient;
  score: number;
  reasons: string[];
  distanceKm?: number;
}

/**
 * A session as stored between pages. Every active session is written at every page, and its
 * clients' minute lists are most of it, so each list is stored as one string with a character per
 * minute: the gap to the previous minute plus 48 (`"0113"`: minutes 0, 1, 2, 5 from the client's
 * `minuteBase`, which is moved to the first minute). Gaps are small, so it is mostly one byte a
 * minute, where a JSON number array takes about four. A list with a gap too large for one
 * character (a session used weeks apart) is stored as a plain array, which also still loads.
 */
export interface StoredSession extends Omit<SessionState, 'clients'> {
  clients: Array<Omit<StoredClient, 'minutes'> & { minutes: string | number[] }>;
}

const GAP_OFFSET = 48;
/** Below the UTF-16 surrogates, so every gap is one well-formed character. */
const MAX_GAP = 0xd7ff - GAP_OFFSET;

/** The client's minutes as the gap string, with the base they are counted from; undefined when a gap does not fit. */
export function encodeMinutes(minutes: readonly number[], minuteBase: number): { minutes: string; minuteBase: number } | undefined {
  if (minutes.length === 0) return { minutes: '', minuteBase };
  const first = minutes[0]!;
  const ascii = asciiGaps(minutes);
  if (ascii !== undefined) return { minutes: ascii, minuteBase: minuteBase + first };
  const codes = new Array<number>(minutes.length);
  codes[0] = GAP_OFFSET;
  for (let i = 1; i < minutes.length; i += 1) {
    const gap = minutes[i]! - minutes[i - 1]!;
    if (gap < 0 || gap > MAX_GAP) return undefined;
    codes[i] = gap + GAP_OFFSET;
  }
  return { minutes: String.fromCharCode(...codes), minuteBase: minuteBase + first };
}

/** Reused for every session: the gap string is written here as bytes, then read out as text. */
const gapBytes = Buffer.alloc(1024);

/**
 * The gap string when every gap fits in one ASCII byte (gaps below 80 minutes: nearly every
 * session), built without an array per client; undefined otherwise.
 */
function asciiGaps(minutes: readonly number[]): string | undefined {
  if (minutes.length > gapBytes.length) return undefined;
  gapBytes[0] = GAP_OFFSET;
  for (let i = 1; i < minutes.length; i += 1) {
    const gap = minutes[i]! - minutes[i - 1]!;
    if (gap < 0 || gap > 0x7f - GAP_OFFSET) return undefined;
    gapBytes[i] = gap + GAP_OFFSET;
  }
  return gapBytes.toString('latin1', 0, minutes.length);
}

export function decodeMinutes(text: string): number[] {
  const minutes = new Array<number>(text.length);
  let minute = 0;
  for (let i = 0; i < text.length; i += 1) {
    minute += text.charCodeAt(i) - GAP_OFFSET;
    minutes[i] = minute;
  }
  return minutes;
}

export function storeSession(state: SessionState): StoredSession {
  return { ...state, clients: state.clients.map((c) => ({ ...c, ...(encodeMinutes(c.minutes, c.minuteBase) ?? {}) })) };
}

export function loadSession(stored: StoredSession): SessionState {
  const clients = new Array<StoredClient>(stored.clients.length);
  for (let i = 0; i < clients.length; i += 1) {
    const c = stored.clients[i]!;
    clients[i] = shapedClient(c, typeof c.minutes === 'string' ? decodeMinutes(c.minutes) : c.minutes);
  }
  return { ...stored, clients };
}

/**
 * A client with every field in one order, absent ones undefined (left out again by JSON): parsed
 * clients otherwise get a hidden class per combination of fields present, and the per-request
 * code that reads and updates them (addRequests, touch) slows down on the mix.
 */
export function shapedClient(c: Omit<StoredClient, 'minutes'>, minutes: number[]): StoredClient {
  return {
    ip: c.ip,
    asn: c.asn,
    isp: c.isp,
    country: c.country,
    lat: c.lat,
    lon: c.lon,
    radiusKm: c.radiusKm,
    agent: c.agent,
    agentRaw: c.agentRaw,
    tags: c.tags,
    firstMs: c.firstMs,
    lastMs: c.lastMs,
    requests: c.requests,
    minutes,
    minuteBase: c.minuteBase,
    alsoIps: c.alsoIps,
  };
}

/** Whether the user signed in from the client's network in the last 30 days. */
export type KnownNetwork = (client: SessionClient) => boolean;

const tagged = (c: SessionClient, tags: readonly string[]) => c.tags.some((t) => tags.includes(t));
const sameKnownAgent = (a: SessionClient, b: SessionClient) => a.agent !== undefined && a.agent === b.agent;

/**
 * Whether `other` is the session's own client moving to another network, judged when the clients
 * are compared (not when a request arrives: a user agent is often learned from a later file).
 * Never with a different browser or OS. Otherwise: a move onto a corporate/vpn-tagged address (the
 * organization's own egress); a move off one, or IPv4 ↔ IPv6 of a dual-stack line in the same
 * country, with the same known browser and OS; or a network the user signs in from anyway (home
 * broadband, their own carrier when roaming).
 */
export function tolerated(owner: SessionClient, other: SessionClient, knownNetwork: KnownNetwork): boolean {
  if (sameNetwork(owner, other)) return true;
  if (agentChanged(owner, other)) return false;
  if (tagged(other, SHARED_EGRESS_TAGS)) return true;
  if (tagged(owner, SHARED_EGRESS_TAGS) && sameKnownAgent(owner, other)) return true;
  if (isIpv6(owner.ip) !== isIpv6(other.ip) && !countryChanged(owner, other) && sameKnownAgent(owner, other)) return true;
  return knownNetwork(other);
}

/**
 * Adds requests `from` … `to - 1` of one session's list (time order, each with a client address),
 * each to the client on the same network (same address, /24 or /48, or autonomous system), else
 * as a new client. Returns true when the session changed in a way worth judging again (a new
 * client, a new minute, a browser learned). Consecutive requests mostly come from one address:
 * the client is looked up again only when the address changes.
 */
export function addRequests(state: SessionState, requests: readonly Activity[], from: number, to: number): boolean {
  let changed = false;
  let ip = '';
  let client: StoredClient | undefined;
  for (let i = from; i < to; i += 1) {
    const request = requests[i]!;
    if (client === undefined || request.ip !== ip) {
      ip = request.ip!;
      const found = clientFor(state, request);
      if (found === true) {
        // A new client: it holds this request already.
        changed = true;
        client = undefined;
        continue;
      }
      client = found;
      if (client === undefined) continue;
    }
    if (touch(client, request)) changed = true;
  }
  return changed;
}

/** The session's client for the request's address; true when the request opened a new client; undefined when the session is full. */
function clientFor(state: SessionState, request: Activity): StoredClient | true | undefined {
  const ip = request.ip!;
  const clients = state.clients;
  for (let i = 0; i < clients.length; i += 1) {
    const c = clients[i]!;
    if (c.ip === ip || (c.alsoIps !== undefined && c.alsoIps.includes(ip))) return c;
  }
  const next = clientOf(request);
  const match = clients.find((c) => sameNetwork(c, next));
  if (match) {
    if ((match.alsoIps?.length ?? 0) < MAX_EXTRA_IPS) match.alsoIps = [...(match.alsoIps ?? []), ip];
    return match;
  }
  if (clients.length >= MAX_CLIENTS) return undefined;
  clients.push(shapedClient(next, next.minutes));
  return true;
}

function touch(client: StoredClient, request: Activity): boolean {
  let changed = false;
  if (client.agent === undefined && request.userAgent) {
    const agent = agentFingerprint(request.userAgent);
    if (agent) {
      client.agent = agent;
      client.agentRaw = request.userAgent;
      changed = true;
    }
  }
  if (request.timeMs < client.firstMs) client.firstMs = request.timeMs;
  if (request.timeMs > client.lastMs) client.lastMs = request.timeMs;
  client.requests += 1;
  return addMinute(client, Math.floor(request.timeMs / 60_000)) || changed;
}

/**
 * How sure it is that `other` is not the client that opened the session: a different browser or
 * OS counts 2; another country, an impossible move between the two, an anonymizing or listed
 * address the session did not start from, and both clients active at the same time count 1 each.
 */
export function judge(original: StoredClient, other: StoredClient): Verdict {
  const reasons: string[] = [];
  let score = 0;
  if (agentChanged(original, other)) {
    score += 2;
    reasons.push(`different browser or OS (${original.agent} → ${other.agent})`);
  }
  const move = speedKmh(original, other);
  if (countryChanged(original, other)) {
    score += 1;
    reasons.push(`different country (${original.country} → ${other.country})`);
    if (move && move.km >= MIN_IMPOSSIBLE_KM && move.kmh > IMPOSSIBLE_KMH) {
      score += 1;
      reasons.push(`${move.km} km apart, ${Number.isFinite(move.kmh) ? `${Math.round(move.kmh)} km/h needed` : 'at the same time'}`);
    }
  }
  const risky = other.tags.filter((t) => RISKY_TAGS.includes(t) && !original.tags.includes(t));
  if (risky.length) {
    score += 1;
    reasons.push(`address tagged ${risky.join(', ')}`);
  }
  if (concurrent(original, other)) {
    score += 1;
    reasons.push('both clients used the session at the same time');
  }
  return { original, other, score, reasons, ...(move ? { distanceKm: move.km } : {}) };
}

/**
 * The most suspicious client of the session compared with the one that opened it (earliest).
 * Clients tolerated as the owner moving (from the first one, or from one already tolerated) are
 * the owner's; every other client is scored.
 */
export function worstVerdict(state: SessionState, knownNetwork: KnownNetwork): Verdict | undefined {
  if (state.clients.length < 2) return undefined;
  const original = state.clients.reduce((a, b) => (b.firstMs < a.firstMs ? b : a));
  const owner = new Set<StoredClient>([original]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of state.clients) {
      if (owner.has(c) || ![...owner].some((o) => tolerated(o, c, knownNetwork))) continue;
      owner.add(c);
      grew = true;
    }
  }
  let worst: Verdict | undefined;
  for (const other of state.clients) {
    if (owner.has(other)) continue;
    const verdict = judge(original, other);
    if (!worst || verdict.score > worst.score) worst = verdict;
  }
  return worst;
}
