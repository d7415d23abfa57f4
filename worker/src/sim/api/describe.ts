/**
 * Describe resources: `GET /sobjects` (global), `GET /sobjects/<Type>` (basic information) and
 * `GET /sobjects/<Type>/describe`, with the keys clients read (name, label, keyPrefix, the CRUD
 * flags, urls, and per field type/length/nillable/createable/updateable/filterable/referenceTo/
 * relationshipName/externalId/unique/picklistValues).
 */
import type { FieldDef, SObjectDef } from '../schema/types';
import type { SimSchema } from '../schema/sim-schema';

function urls(base: string, def: SObjectDef): Record<string, string> {
  const object = `${base}/sobjects/${def.name}`;
  return { sobject: object, describe: `${object}/describe`, rowTemplate: `${object}/{ID}` };
}

export function objectSummary(base: string, def: SObjectDef): Record<string, unknown> {
  return {
    name: def.name, label: def.label ?? def.name, labelPlural: def.label ?? def.name, keyPrefix: def.keyPrefix,
    custom: def.custom, queryable: def.queryable, retrieveable: def.queryable, searchable: false,
    createable: def.createable, updateable: def.updateable, deletable: def.deletable,
    undeletable: def.deletable && def.fields.has('isdeleted'), urls: urls(base, def),
  };
}

function fieldDescribe(f: FieldDef): Record<string, unknown> {
  const text = ['string', 'textarea', 'picklist', 'multipicklist', 'email', 'url', 'phone', 'id', 'reference'].includes(f.type);
  return {
    name: f.name, label: f.name, type: f.type, length: text ? (f.length ?? 18) : 0, custom: f.name.endsWith('__c'),
    nillable: f.nillable ?? true, createable: f.createable ?? false, updateable: f.updateable ?? false,
    filterable: f.filterable ?? true, sortable: f.filterable ?? true, externalId: f.externalId ?? false, unique: f.unique ?? false,
    idLookup: f.name === 'Id' || (f.externalId ?? false), calculated: f.calculated ?? false, autoNumber: f.autoNumber !== undefined,
    defaultedOnCreate: f.type === 'boolean' || f.name === 'Id' || f.name === 'OwnerId' || f.autoNumber !== undefined,
    defaultValue: f.defaultValue ?? null, referenceTo: f.referenceTo ?? [], relationshipName: f.relationshipName ?? null,
    restrictedPicklist: f.restrictedPicklist ?? false,
    picklistValues: (f.picklistValues ?? []).map((v) => ({ active: true, defaultValue: false, label: v, validFor: null, value: v })),
  };
}

export function globalDescribe(base: string, schema: SimSchema): Record<string, unknown> {
  const sobjects = [...schema.all()].sort((a, b) => a.name.localeCompare(b.name)).map((d) => objectSummary(base, d));
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}

export function describeObject(base: string, def: SObjectDef): Record<string, unknown> {
  return { ...objectSummary(base, def), fields: [...def.fields.values()].map(fieldDescribe), childRelationships: [], recordTypeInfos: [] };
}
