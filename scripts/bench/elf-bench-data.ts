/**
 * The benchmark's input: event log CSV files as Salesforce writes them — the real URI and API
 * column lists (the generator's `elf-columns.json`, taken from published files), every value
 * quoted, some values with commas and doubled quotes — for one busy day of 500 users.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { to18 } from '../../worker/src/activity/elf/sf-id';
import { columnsOf } from '../../worker/src/sim/generate/event-logs/elf-columns';

export interface BenchFile {
  eventType: 'URI' | 'API';
  path: string;
  rows: number;
  bytes: number;
}

export const BENCH_ORG_ID = '00D5g00000BeNcHAAA';
export const BENCH_DAY_MS = Date.parse('2026-11-19T00:00:00Z');
export const USERS = 500;
/**
 * Each user works from three clients (say office desktop, laptop at home, phone), each with its
 * own address and its own session all day. Every 100th user's desktop session is also used, for
 * one request in 50, from an unrelated address (another network, mostly another country): a
 * stolen session, so the detections' alert path is part of what is measured, as in an org under
 * attack, without turning every session into an alert.
 */
const DEVICES = 3;
const HIJACKED_EVERY = 100;
const HIJACKED_SHARE = 50;
const IPS = 1_000;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Deterministic pseudo-random numbers (xorshift32): the same file every run. */
class Xorshift {
  constructor(private state = 0x9e3779b9) {}
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  int(n: number): number {
    return this.next() % n;
  }
  token(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[this.int(ALPHABET.length)];
    return out;
  }
}

export function benchUserId15(n: number): string {
  return `005Bx00000${String(n).padStart(5, '0')}`;
}

interface People {
  ids15: string[];
  ids18: string[];
  sessions: string[];
  logins: string[];
  ips: string[];
}

/** First hextets of RIR-allocated IPv6 space (ARIN, RIPE, APNIC, LACNIC …), so most addresses have a location. */
const V6_PREFIXES = [0x2001, 0x2400, 0x2600, 0x2604, 0x2800, 0x2a00, 0x2a02, 0x2c0f];

function ipv6Address(rng: Xorshift): string {
  const hextets = [V6_PREFIXES[rng.int(V6_PREFIXES.length)]!, ...Array.from({ length: 7 }, () => rng.int(0x10000))];
  return hextets.map((h) => h.toString(16)).join(':');
}

function people(rng: Xorshift, ipv6Share: number): People {
  const ids15 = Array.from({ length: USERS }, (_, n) => benchUserId15(n));
  // Public IPv4 addresses spread over many networks (first octet 11–199, never 127).
  const ips = Array.from({ length: IPS }, () => `${11 + rng.int(189)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`);
  // IPv6 clients replace a share of them, drawn from their own generator so that the default
  // (no IPv6) file stays byte for byte what it was.
  const v6 = new Xorshift(0x6a09e667);
  for (let i = 0; i < IPS && ipv6Share > 0; i++) if (v6.int(10_000) < ipv6Share * 10_000) ips[i] = ipv6Address(v6);
  const perDevice = () => Array.from({ length: USERS * DEVICES }, () => rng.token(16));
  return { ids15, ids18: ids15.map((id) => to18(id)!), sessions: perDevice(), logins: perDevice(), ips };
}

const q = (v: string | number) => {
  const text = String(v);
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
};

function compact(iso: string): string {
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.${iso.slice(20, 23)}`;
}

const ENTITIES = ['Account', 'Contact', 'Opportunity', 'Case', 'Lead'];

function rowValues(type: BenchFile['eventType'], i: number, rows: number, rng: Xorshift, p: People): Record<string, string | number> {
  const user = rng.int(USERS);
  const device = rng.int(DEVICES);
  const session = user * DEVICES + device;
  const stolen = device === 0 && user % HIJACKED_EVERY === 0 && rng.int(HIJACKED_SHARE) === 0;
  const ip = p.ips[(user * 7 + (stolen ? IPS / 2 : device)) % IPS]!;
  const iso = new Date(BENCH_DAY_MS + Math.floor((i * 86_400_000) / rows)).toISOString();
  const run = 20 + rng.int(400);
  const common = {
    EVENT_TYPE: type, TIMESTAMP: compact(iso), REQUEST_ID: `4Bn${i.toString(36)}${rng.token(6)}`, ORGANIZATION_ID: BENCH_ORG_ID.slice(0, 15),
    USER_ID: p.ids15[user]!, RUN_TIME: run, CPU_TIME: Math.floor(run / 3), SESSION_KEY: p.sessions[session]!, LOGIN_KEY: p.logins[session]!,
    REQUEST_STATUS: 'S', DB_TOTAL_TIME: run * 317_000, DB_BLOCKS: rng.int(900), DB_CPU_TIME: rng.int(90), TIMESTAMP_DERIVED: iso,
    USER_ID_DERIVED: p.ids18[user]!, CLIENT_IP: ip, URI_ID_DERIVED: '', USER_TYPE: 'Standard',
  };
  const entity = ENTITIES[rng.int(ENTITIES.length)]!;
  if (type === 'URI') return { ...common, URI: '/aura', REFERRER_URI: `acme--prod-lightning-force-com/lightning/r/${entity}/001Bx0000${rng.token(6)}/view` };
  const rowsRead = rng.int(2_000);
  return {
    ...common, URI: 'Api', API_TYPE: 'P', API_VERSION: '62.0', CLIENT_NAME: i % 3 ? 'DataLoaderPartnerUI/' : 'Workbench/62.0', METHOD_NAME: rowsRead % 5 ? 'query' : 'update',
    ENTITY_NAME: entity, ROWS_PROCESSED: rowsRead, REQUEST_SIZE: 400 + rng.int(3_000), RESPONSE_SIZE: 200 + rowsRead * 600, EXCEPTION_MESSAGE: '',
    // Free text with commas and quotes, as QUERY really holds.
    QUERY: `SELECT Id, Name, OwnerId FROM ${entity} WHERE Name LIKE '%${i % 7 ? 'acme' : 'the "east" office, inc'}%' LIMIT 2000`,
  };
}

/** Writes one CSV of `rows` rows of `type` (`ipv6Share` of the client addresses IPv6) and returns it. */
export function writeBenchFile(dir: string, type: BenchFile['eventType'], rows: number, seed: number, ipv6Share = 0): BenchFile {
  const file = path.join(dir, `${type}-${BENCH_DAY_MS}.csv`);
  const columns = columnsOf(type);
  const rng = new Xorshift(seed);
  const p = people(new Xorshift(7), ipv6Share);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${columns.map(q).join(',')}\n`);
    let batch: string[] = [];
    for (let i = 0; i < rows; i++) {
      const values = rowValues(type, i, rows, rng, p);
      batch.push(columns.map((c) => q(values[c] ?? '')).join(','));
      if (batch.length === 20_000 || i === rows - 1) {
        writeSync(fd, `${batch.join('\n')}\n`);
        batch = [];
      }
    }
  } finally {
    closeSync(fd);
  }
  return { eventType: type, path: file, rows, bytes: statSync(file).size };
}
