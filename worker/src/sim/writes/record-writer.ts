/**
 * Create, update, delete and upsert of one record with Salesforce's rules: which objects allow
 * which call, which fields may be written, required and unique fields, audit fields stamped from
 * the simulated clock and the session's user, soft delete into the recycle bin, and the side
 * effects security actions depend on (deleting an AuthSession or deactivating a user ends sessions).
 */
import { isSalesforceId, keyPrefixOf, to18 } from '../ids';
import type { SObjectDef, SimRecord } from '../schema/types';
import { formatSystemTimestamp } from '../sf-datetime';
import type { SimCore } from '../sim-core';
import { checkRequired, checkValues, checkWritable, type FieldValues } from './field-checks';
import { checkUnique, findByField } from './record-matching';
import { WriteError } from './write-error';
import { userLoginFor } from '../fixture/user-logins';

export interface Writer {
  core: SimCore;
  /** The session's user: CreatedById, LastModifiedById, default owner. */
  userId: string;
}

function entityLabel(def: SObjectDef): string {
  return def.label ?? def.name;
}

function notAllowed(def: SObjectDef, verb: 'inserted' | 'updated' | 'deleted'): WriteError {
  return new WriteError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be ${verb}: ${entityLabel(def)}`);
}

function stamp(def: SObjectDef, w: Writer, created: boolean): FieldValues {
  const now = formatSystemTimestamp(w.core.clock.now());
  const out: FieldValues = {};
  const set = (name: string, value: unknown): void => {
    if (def.fields.has(name.toLowerCase())) out[name] = value;
  };
  if (created) {
    set('CreatedDate', now);
    set('CreatedById', w.userId);
    set('IsDeleted', false);
  }
  set('LastModifiedDate', now);
  set('LastModifiedById', w.userId);
  set('SystemModstamp', now);
  return out;
}

function defaults(def: SObjectDef, w: Writer): FieldValues {
  const out: FieldValues = {};
  for (const f of def.fields.values()) {
    if (f.type === 'boolean') out[f.name] = f.defaultValue ?? false;
    else if (f.name === 'OwnerId') out[f.name] = w.userId;
    else if (f.autoNumber) out[f.name] = autoNumber(def, w, f.autoNumber);
    else if (f.createable || f.updateable || f.calculated) out[f.name] = f.defaultValue ?? null;
  }
  return out;
}

function autoNumber(def: SObjectDef, w: Writer, spec: { displayFormat: string; startingNumber: number }): string {
  const n = w.core.store.count(def.name) + spec.startingNumber;
  return spec.displayFormat.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0')).replace('{0}', String(n));
}

/** Derived values: User.Name is FirstName + LastName. */
function derived(def: SObjectDef, record: FieldValues): FieldValues {
  if (def.name !== 'User') return {};
  const name = [record['FirstName'], record['LastName']].filter((p) => typeof p === 'string' && p).join(' ');
  return { Name: name || null };
}

export function createRecord(w: Writer, def: SObjectDef, values: FieldValues): SimRecord {
  if (!def.createable) throw notAllowed(def, 'inserted');
  checkWritable(def, values, 'create');
  checkValues(w.core, def, values);
  const base = { ...defaults(def, w), ...values };
  checkRequired(def, base);
  checkUnique(w.core, def, values);
  const record = { ...base, ...derived(def, base), ...stamp(def, w, true), Id: w.core.ids.next(def.keyPrefix) } as SimRecord;
  w.core.store.insert(def.name, record);
  // Every user comes with its UserLogin row (freezing updates it).
  if (def.name === 'User' && w.core.schema.get('UserLogin')) w.core.store.insert('UserLogin', userLoginFor(record, w.userId));
  return record;
}

/** The live record `id` of type `def`, or the error Salesforce gives for it. */
export function existingRecord(w: Writer, def: SObjectDef, id: string): SimRecord {
  if (!isSalesforceId(id) || keyPrefixOf(id) !== def.keyPrefix) throw new WriteError('MALFORMED_ID', `${entityLabel(def)} ID: id value of incorrect type: ${id}`, ['Id']);
  const record = w.core.view.get(to18(id));
  if (!record) throw new WriteError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [], 404);
  if (record['IsDeleted'] === true) throw new WriteError('ENTITY_IS_DELETED', 'entity is deleted', [], 404);
  return record;
}

export function updateRecord(w: Writer, def: SObjectDef, id: string, values: FieldValues): SimRecord {
  if (!def.updateable) throw notAllowed(def, 'updated');
  const current = existingRecord(w, def, id);
  checkWritable(def, values, 'update');
  checkValues(w.core, def, values);
  const merged = { ...current, ...values };
  const required = [...def.fields.values()].filter((f) => f.nillable === false && f.createable && f.type !== 'boolean' && values[f.name] === null);
  if (required.length) checkRequired(def, merged);
  checkUnique(w.core, def, values, current.Id);
  const updated = w.core.store.update(current.Id, { ...values, ...derived(def, merged), ...stamp(def, w, false) });
  if (def.name === 'User' && values['IsActive'] === false) w.core.tokens.revokeUser(current.Id);
  return updated;
}

/** Soft delete where the object has IsDeleted (recycle bin, visible to queryAll), else removal. */
export function deleteRecord(w: Writer, def: SObjectDef, id: string): void {
  if (!def.deletable) throw notAllowed(def, 'deleted');
  const current = existingRecord(w, def, id);
  if (def.fields.has('isdeleted')) w.core.store.update(current.Id, { IsDeleted: true, ...stamp(def, w, false) });
  else w.core.store.hardDelete(current.Id);
  if (def.name === 'AuthSession') w.core.tokens.revokeAuthSession(current.Id);
}

export interface UpsertOutcome {
  record: SimRecord;
  created: boolean;
}

/** Upsert by external id: create when nothing matches, update one match, refuse several. */
export function upsertRecord(w: Writer, def: SObjectDef, field: string, value: unknown, values: FieldValues): UpsertOutcome {
  if (field === 'Id') return { record: updateRecord(w, def, String(value), values), created: false };
  const matches = findByField(w.core, def, field, value);
  if (matches.length > 1) {
    throw new WriteError('DUPLICATE_EXTERNAL_ID', `${field}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, [field], 300);
  }
  const [match] = matches;
  if (match) return { record: updateRecord(w, def, match.Id, values), created: false };
  return { record: createRecord(w, def, { ...values, [field]: value }), created: true };
}
