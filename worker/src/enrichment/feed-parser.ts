/**
 * IP feed text → CIDR blocks. Accepts what threat and anonymity lists publish: one address or
 * CIDR per line with `#` or `;` comments (FireHOL, Spamhaus DROP `1.10.16.0/20 ; SBL256894`,
 * Tor's bulk exit list), CSV whose first column is the address, Tor's `exit-addresses`
 * document (`ExitAddress 185.220.101.1 2026-01-01 12:00:00`, other lines are relay metadata) and
 * JSON lines with a `cidr` or `ip` field (Spamhaus DROP `drop_v4.json`).
 */
import { cidrBounds } from './ip-address';

export interface ParsedFeed {
  /** Addresses and CIDR blocks, as written (validated). */
  cidrs: string[];
  /** Lines that were neither an entry, a comment nor known metadata. */
  unreadable: number;
}

/** Lines of Tor's exit-addresses document that describe a relay rather than an address. */
const TOR_METADATA = /^(ExitNode|Published|LastStatus)\s/;

export function parseFeed(text: string): ParsedFeed {
  const cidrs: string[] = [];
  let unreadable = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trimStart().startsWith('{') ? raw.trim() : stripComment(raw).trim();
    if (!line || TOR_METADATA.test(line)) continue;
    const candidate = line.startsWith('{') ? jsonEntryOf(line) : entryOf(line);
    if (candidate && cidrBounds(candidate)) cidrs.push(candidate);
    else unreadable++;
  }
  return { cidrs, unreadable };
}

/**
 * Whether a download is not a feed at all (an HTML error page, a truncated or empty file):
 * no entry, or more unreadable lines than entries. Such a copy never replaces a good one.
 */
export function isGarbled(feed: ParsedFeed): boolean {
  return feed.cidrs.length === 0 || feed.unreadable > feed.cidrs.length;
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  const semicolon = line.indexOf(';');
  const cut = Math.min(hash < 0 ? Infinity : hash, semicolon < 0 ? Infinity : semicolon);
  return cut === Infinity ? line : line.slice(0, cut);
}

function jsonEntryOf(line: string): string | undefined {
  try {
    const record = JSON.parse(line) as { cidr?: unknown; ip?: unknown };
    const value = record.cidr ?? record.ip;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function entryOf(line: string): string | undefined {
  const fields = line.split(/[\s,]+/);
  const first = fields[0] === 'ExitAddress' ? fields[1] : fields[0];
  return first?.replace(/^"(.*)"$/, '$1');
}
