/**
 * Salesforce record ids: 15-character case-sensitive ids, their 18-character case-safe form, and
 * the simulator's deterministic id generation.
 *
 * Salesforce's REST API always answers with 18-character ids (the 15-character id plus a
 * 3-character checksum encoding which letters are upper case), and accepts both forms on input.
 */
import { createHash } from 'node:crypto';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** True for a well-formed 15- or 18-character id (format only: the checksum is not verified). */
export function isSalesforceId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** The 18-character case-safe form of a 15-character id (18-character ids are returned as is). */
export function to18(id: string): string {
  if (id.length === 18) return id;
  if (id.length !== 15) throw new Error(`not a Salesforce id: ${id}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

/** The 15-character form (what Salesforce puts in access tokens and ELF `ORGANIZATION_ID`). */
export function to15(id: string): string {
  return id.slice(0, 15);
}

/** The key prefix (first three characters) of an id: it names the sObject type. */
export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

function base62(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE62.charAt((bytes[i % bytes.length] ?? 0) % 62);
  return out;
}

/**
 * A deterministic 18-character id for a fixture record that has none: the same seed (file path,
 * record content) gives the same id on every start, so state a worker stored keeps pointing at
 * the same records. The fourth character `H` keeps these apart from {@link IdSequence} ids.
 */
export function idFromSeed(keyPrefix: string, seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return to18(`${keyPrefix}H${base62(digest, 11)}`);
}

/** Ids for records created through the API while the simulator runs (unique per process). */
export class IdSequence {
  private counter = 0;
  private readonly salt = base62(createHash('sha256').update(String(process.hrtime.bigint())).digest(), 3);

  next(keyPrefix: string): string {
    this.counter += 1;
    const serial = this.counter.toString(36).toUpperCase().padStart(8, '0');
    return to18(`${keyPrefix}R${this.salt}${serial}`);
  }
}
