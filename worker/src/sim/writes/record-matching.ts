/**
 * Finding records by field value: unique-field enforcement (DUPLICATE_VALUE) and external-id
 * matching for upserts. Salesforce compares text case-insensitively for unique and external-id
 * fields unless they are marked case-sensitive (`<caseSensitive>true</caseSensitive>`).
 */
import type { SObjectDef, SimRecord } from '../schema/types';
import type { SimCore } from '../sim-core';
import type { FieldValues } from './field-checks';
import { WriteError } from './write-error';

function sameValue(a: unknown, b: unknown, caseSensitive: boolean): boolean {
  if (!caseSensitive && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Live (not deleted) records of the type whose `field` equals `value`. */
export function findByField(core: SimCore, def: SObjectDef, field: string, value: unknown): SimRecord[] {
  const caseSensitive = def.fields.get(field.toLowerCase())?.caseSensitive === true;
  return core.view.records(def.name).filter((r) => r['IsDeleted'] !== true && sameValue(r[field], value, caseSensitive));
}

/** DUPLICATE_VALUE when a unique field's new value is already used by another record. */
export function checkUnique(core: SimCore, def: SObjectDef, values: FieldValues, selfId?: string): void {
  for (const field of def.fields.values()) {
    const value = values[field.name];
    if (!field.unique || value === undefined || value === null) continue;
    const other = findByField(core, def, field.name, value).find((r) => r.Id !== selfId);
    if (other) throw new WriteError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other.Id}`);
  }
}
