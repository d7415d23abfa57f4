/**
 * The standard sObjects the simulator knows, built from `standard-objects.json` (facts copied from
 * Salesforce's Object Reference: field names, types, lengths, relationships, supported calls and
 * key prefixes).
 */
import standardObjects from './standard-objects.json';
import elfFieldTypes from '../eventlogs/elf-field-types.json';
import type { FieldDef, FieldType, SObjectDef } from './types';

interface RawField {
  name: string;
  type: string;
  referenceTo?: string[];
  relationshipName?: string;
  length?: number;
  createable?: boolean;
  updateable?: boolean;
  nillable?: boolean;
  filterable?: boolean;
  unique?: boolean;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  defaultValue?: string | number | boolean | null;
}

interface RawObject {
  keyPrefix: string;
  label: string;
  calls: string[];
  visibleFrom?: string;
  fields: RawField[];
}

const FIELD_TYPES = new Set<string>([
  'id', 'string', 'picklist', 'multipicklist', 'boolean', 'int', 'long', 'double', 'currency', 'percent',
  'datetime', 'date', 'time', 'reference', 'email', 'url', 'phone', 'base64', 'textarea',
]);

function toFieldDef(objectName: string, raw: RawField): FieldDef {
  if (!FIELD_TYPES.has(raw.type)) throw new Error(`standard-objects.json: ${objectName}.${raw.name} has unknown type ${raw.type}`);
  const field: FieldDef = {
    ...raw,
    type: raw.type as FieldType,
    createable: raw.createable ?? false,
    updateable: raw.updateable ?? false,
    nillable: raw.nillable ?? raw.name !== 'Id',
    filterable: raw.filterable ?? true,
  };
  if (objectName === 'EventLogFile' && raw.name === 'EventType') {
    // EventType is a restricted picklist whose values are the event types Salesforce publishes.
    field.picklistValues = Object.keys(elfFieldTypes.eventTypes);
    field.restrictedPicklist = true;
  }
  return field;
}

function toSObjectDef(name: string, raw: RawObject): SObjectDef {
  const fields = new Map<string, FieldDef>();
  for (const f of raw.fields) fields.set(f.name.toLowerCase(), toFieldDef(name, f));
  const visibleFrom = raw.visibleFrom ?? (fields.has('createddate') ? 'CreatedDate' : undefined);
  return {
    name,
    keyPrefix: raw.keyPrefix,
    custom: false,
    fields,
    queryable: raw.calls.includes('query'),
    createable: raw.calls.includes('create'),
    updateable: raw.calls.includes('update'),
    deletable: raw.calls.includes('delete'),
    retrieveable: raw.calls.includes('retrieve'),
    label: raw.label,
    ...(visibleFrom ? { visibleFrom } : {}),
  };
}

/** Fresh definitions of every standard object (callers may add or drop objects). */
export function standardObjectDefs(): SObjectDef[] {
  const objects = standardObjects.objects as Record<string, RawObject>;
  return Object.entries(objects).map(([name, raw]) => toSObjectDef(name, raw));
}
