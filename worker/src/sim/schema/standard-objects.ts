/**
 * The standard sObjects the simulator knows, built from `standard-objects.json` (facts copied from
 * Salesforce's Object Reference: field names, types, lengths, relationships, supported calls and
 * key prefixes) and `realtime-event-objects.json` (Real-Time Event Monitoring storage objects:
 * which need Event Monitoring, which are big objects and their index, how long data is kept).
 */
import standardObjects from './standard-objects.json';
import realtimeEventObjects from './realtime-event-objects.json';
import elfFieldTypes from '../eventlogs/elf-field-types.json';
import type { BigObjectIndex, FieldDef, FieldType, SObjectDef } from './types';

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
  realTimeEventMonitoring?: boolean;
  /** `orderBy` items as `Field DESC` / `Field ASC`. */
  bigObject?: { indexes: string[][]; orderBy: string[] };
  retention?: { field: string; months: number };
  fields: RawField[];
}

const FIELD_TYPES = new Set<string>([
  'id', 'string', 'picklist', 'multipicklist', 'boolean', 'int', 'long', 'double', 'currency', 'percent',
  'datetime', 'date', 'time', 'reference', 'email', 'url', 'phone', 'base64', 'textarea', 'json',
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

function toBigObjectIndex(name: string, raw: NonNullable<RawObject['bigObject']>): BigObjectIndex {
  const orderBy = raw.orderBy.map((item) => {
    const m = /^(\w+) (ASC|DESC)$/.exec(item);
    if (!m) throw new Error(`${name}: bigObject.orderBy item '${item}' is not "<Field> ASC|DESC"`);
    return { field: m[1] as string, descending: m[2] === 'DESC' };
  });
  return { indexes: raw.indexes, orderBy };
}

/** Object-level options beyond the supported calls (all optional in the JSON). */
function extras(name: string, raw: RawObject, fields: Map<string, FieldDef>): Partial<SObjectDef> {
  const visibleFrom = raw.visibleFrom ?? (fields.has('createddate') ? 'CreatedDate' : undefined);
  return {
    ...(visibleFrom ? { visibleFrom } : {}),
    ...(raw.retention ? { retention: raw.retention } : {}),
    ...(raw.realTimeEventMonitoring ? { realTimeEventMonitoring: true } : {}),
    ...(raw.bigObject ? { bigObject: toBigObjectIndex(name, raw.bigObject) } : {}),
  };
}

function toSObjectDef(name: string, raw: RawObject): SObjectDef {
  const fields = new Map<string, FieldDef>();
  for (const f of raw.fields) fields.set(f.name.toLowerCase(), toFieldDef(name, f));
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
    ...extras(name, raw, fields),
  };
}

/** Fresh definitions of every standard object (callers may add or drop objects). */
export function standardObjectDefs(): SObjectDef[] {
  const objects = { ...standardObjects.objects, ...realtimeEventObjects.objects } as Record<string, RawObject>;
  return Object.entries(objects).map(([name, raw]) => toSObjectDef(name, raw));
}

/** Names of the objects that exist only with Event Monitoring (Real-Time Event Monitoring storage). */
export const REALTIME_EVENT_OBJECTS: readonly string[] = Object.keys(realtimeEventObjects.objects);
