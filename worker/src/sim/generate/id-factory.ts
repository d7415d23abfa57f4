/**
 * Record ids and log keys for a generated org. Ids look like Salesforce's: key prefix (which
 * names the object), a two-character pod code, a reserved `0`, then a serial — 15 characters,
 * served as 18 with the case-safe checksum (`to18`). Serials count per prefix, so ids are stable
 * for a seed and unique across objects.
 */
import { to18 } from '../ids';
import type { Rng } from './prng';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base62(value: number, width: number): string {
  let out = '';
  let n = value;
  for (let i = 0; i < width; i++) {
    out = BASE62.charAt(n % 62) + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export class IdFactory {
  private readonly serials = new Map<string, number>();

  /** `pod`: two characters shared by every id of the org (Salesforce's instance/pod part). */
  constructor(private readonly pod: string) {
    if (!/^[0-9A-Za-z]{2}$/.test(pod)) throw new Error(`pod must be two letters/digits, got ${pod}`);
  }

  /** The next 18-character id for an object with this key prefix. */
  next(keyPrefix: string): string {
    const serial = (this.serials.get(keyPrefix) ?? 0) + 1;
    this.serials.set(keyPrefix, serial);
    return to18(`${keyPrefix}${this.pod}0${base62(serial, 9)}`);
  }
}

/** An 18-character organization id derived from the seed. */
export function organizationId(rng: Rng): string {
  return to18(`00D${rng.token(2, BASE62)}0000${rng.token(6, BASE62)}`);
}

/** A 16-character SESSION_KEY / LOGIN_KEY as event log files show them (base64 alphabet). */
export function logKey(rng: Rng): string {
  return rng.token(16, KEY_ALPHABET);
}

/** A REQUEST_ID: 22 characters ending with `-`, as in real event log files. */
export function requestId(rng: Rng): string {
  return `${rng.token(21, BASE62 + '_-')}-`;
}

/** An event identifier in UUID form (real-time event stores' EventIdentifier). */
export function eventUuid(rng: Rng): string {
  const hex = rng.token(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** An id of a business record (Account, Case, …) the log rows point at; such records are not in the fixture. */
export function recordRef(rng: Rng, keyPrefix: string): string {
  return to18(`${keyPrefix}${rng.token(2, BASE62)}0${rng.token(9, BASE62)}`);
}
