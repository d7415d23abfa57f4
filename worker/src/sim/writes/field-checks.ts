/**
 * Checks on the fields of a write, in Salesforce's order: the JSON must map onto the sObject
 * (unknown column or wrong value type fails the whole request, like Salesforce's deserializer),
 * then each record's values must be writable, fit the field, name an allowed picklist value and
 * point at an existing record of the right type.
 */
import { isSalesforceId, keyPrefixOf } from '../ids';
import { jsonParserError, SfHttpError } from '../http/http-errors';
import { coerceFieldValue, exceedsLength } from '../schema/field-values';
import type { FieldDef, SObjectDef } from '../schema/types';
import type { SimCore } from '../sim-core';
import { WriteError } from './write-error';

export type FieldValues = Record<string, unknown>;

/** Keys that carry the record's identity or type rather than field values. */
const META_KEYS = new Set(['attributes']);

/** Maps a JSON body onto canonical field names and stored values; throws a request-level 400. */
export function parseFields(def: SObjectDef, body: unknown, skipKeys: string[] = []): FieldValues {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw jsonParserError(`Cannot deserialize instance of ${def.name} from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE'} token`);
  const out: FieldValues = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (META_KEYS.has(key) || skipKeys.includes(key)) continue;
    const field = def.fields.get(key.toLowerCase());
    if (!field) throw new SfHttpError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
    const coerced = coerceFieldValue(field, value);
    if (!coerced.ok) {
      throw jsonParserError(`Cannot deserialize instance of ${field.type} from VALUE_STRING value ${String(value)} or request may be missing a required field`);
    }
    out[field.name] = coerced.value;
  }
  return out;
}

/** INVALID_FIELD_FOR_INSERT_UPDATE when the record sets fields the operation may not set. */
export function checkWritable(def: SObjectDef, values: FieldValues, mode: 'create' | 'update'): void {
  const bad = Object.keys(values).filter((name) => {
    const field = def.fields.get(name.toLowerCase());
    return !field || !(mode === 'create' ? field.createable : field.updateable);
  });
  if (bad.length) {
    throw new WriteError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${bad.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, bad);
  }
}

const labelOf = (field: FieldDef): string => field.label ?? field.name;

function checkReference(core: SimCore, field: FieldDef, value: string): void {
  const targets = (field.referenceTo ?? []).map((t) => core.schema.get(t));
  if (targets.some((t) => t === undefined)) return; // points at objects the simulator does not model
  const prefixOk = targets.some((t) => t?.keyPrefix === keyPrefixOf(value));
  if (!isSalesforceId(value) || !prefixOk) throw new WriteError('MALFORMED_ID', `${labelOf(field)}: id value of incorrect type: ${value}`, [field.name]);
  const target = core.view.get(value);
  if (!target || target['IsDeleted'] === true) throw new WriteError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
}

function checkValue(core: SimCore, field: FieldDef, value: unknown): void {
  if (value === null) return;
  if (exceedsLength(field, value)) {
    throw new WriteError('STRING_TOO_LONG', `${labelOf(field)}: data value too large: ${String(value).slice(0, 80)} (max length=${field.length})`, [field.name]);
  }
  if (field.restrictedPicklist && field.picklistValues) {
    const allowed = field.type === 'multipicklist' ? String(value).split(';') : [String(value)];
    if (allowed.some((v) => !field.picklistValues?.includes(v))) {
      throw new WriteError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${labelOf(field)}: bad value for restricted picklist field: ${String(value)}`, [field.name]);
    }
  }
  if (field.type === 'email' && typeof value === 'string' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new WriteError('INVALID_EMAIL_ADDRESS', `${labelOf(field)}: invalid email address: ${value}`, [field.name]);
  }
  if (field.type === 'reference' && typeof value === 'string') checkReference(core, field, value);
}

/** Per-value checks for every field the record sets. */
export function checkValues(core: SimCore, def: SObjectDef, values: FieldValues): void {
  for (const [name, value] of Object.entries(values)) {
    const field = def.fields.get(name.toLowerCase());
    if (field) checkValue(core, field, value);
  }
}

/** REQUIRED_FIELD_MISSING for required fields a record leaves empty. */
export function checkRequired(def: SObjectDef, record: FieldValues): void {
  const missing = [...def.fields.values()]
    .filter((f) => f.createable && f.nillable === false && f.type !== 'boolean' && f.defaultValue === undefined)
    .filter((f) => record[f.name] === undefined || record[f.name] === null || record[f.name] === '')
    .map((f) => f.name);
  if (missing.length) throw new WriteError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
}
