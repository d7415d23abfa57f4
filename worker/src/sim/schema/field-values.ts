/**
 * Turns a JSON value into the value a field stores, the way Salesforce's REST deserializer does:
 * numbers and booleans also accepted as strings, ids normalised to 18 characters, datetimes to
 * `2024-01-02T03:04:05.000+0000`. Shared by the fixture loader and the write routes.
 */
import { isSalesforceId, to18 } from '../ids';
import { formatDateTime, parseDate, parseDateTime } from '../sf-datetime';
import type { FieldDef } from './types';

export type CoerceResult = { ok: true; value: unknown } | { ok: false; expected: string };

const fail = (expected: string): CoerceResult => ({ ok: false, expected });
const ok = (value: unknown): CoerceResult => ({ ok: true, value });

function coerceNumber(value: unknown, integer: boolean): CoerceResult {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fail(integer ? 'an integer' : 'a number');
  if (integer && !Number.isInteger(n)) return fail('an integer');
  return ok(n);
}

function coerceBoolean(value: unknown): CoerceResult {
  if (typeof value === 'boolean') return ok(value);
  if (value === null) return ok(false); // a checkbox is never null: null clears it
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return ok(value.toLowerCase() === 'true');
  return fail('true or false');
}

function coerceText(value: unknown): CoerceResult {
  if (typeof value === 'string') return ok(value);
  if (typeof value === 'number' || typeof value === 'boolean') return ok(String(value));
  return fail('a string');
}

function coerceDateTime(value: unknown): CoerceResult {
  const date = typeof value === 'string' ? parseDateTime(value) : undefined;
  return date ? ok(formatDateTime(date)) : fail('a datetime such as 2024-01-02T03:04:05.000+0000');
}

function coerceDate(value: unknown): CoerceResult {
  const date = typeof value === 'string' ? parseDate(value) : undefined;
  return date ? ok(date) : fail('a date such as 2024-01-02');
}

function coerceId(value: unknown): CoerceResult {
  return isSalesforceId(value) ? ok(to18(value)) : fail('a 15- or 18-character Salesforce id');
}

/** The stored form of `value` for `field`, or what was expected instead. */
export function coerceFieldValue(field: FieldDef, value: unknown): CoerceResult {
  if (value === null && field.type !== 'boolean') return ok(null);
  switch (field.type) {
    case 'id':
    case 'reference':
      return coerceId(value);
    case 'boolean':
      return coerceBoolean(value);
    case 'int':
    case 'long':
      return coerceNumber(value, true);
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(value, false);
    case 'datetime':
      return coerceDateTime(value);
    case 'date':
      return coerceDate(value);
    case 'json':
      // A JSON document field holds text; a fixture may write the document itself.
      return typeof value === 'object' ? ok(JSON.stringify(value)) : coerceText(value);
    default:
      return coerceText(value);
  }
}

// Picklist lengths bound the API value, but REST results carry labels for some standard picklists
// (LoginHistory.LoginType "SAML Chatter Communities External User SSO" is 42 characters).
const UNBOUNDED = new Set(['id', 'reference', 'picklist', 'multipicklist']);

/** True when a text value is longer than the field allows. */
export function exceedsLength(field: FieldDef, value: unknown): boolean {
  return typeof value === 'string' && field.length !== undefined && !UNBOUNDED.has(field.type) && value.length > field.length;
}
