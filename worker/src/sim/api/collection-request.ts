/**
 * Reading an sObject collections request (`{"allOrNone":…, "records":[…]}`): request-level
 * problems are a 400 for the whole call — a malformed body, more than 200 records
 * (EXCEEDED_ID_LIMIT), a record without a known `attributes.type`, a field that does not exist or
 * a value of the wrong JSON type — because Salesforce deserialises the whole body before saving.
 */
import { jsonParserError, SfHttpError } from '../http/http-errors';
import type { SObjectDef } from '../schema/types';
import type { SimCore } from '../sim-core';
import { parseFields, type FieldValues } from '../writes/field-checks';

export const MAX_COLLECTION_RECORDS = 200;

export interface CollectionRecord {
  def: SObjectDef;
  /** `id`/`Id` given in the record, if any. */
  id: string | undefined;
  values: FieldValues;
}

export interface CollectionRequest {
  allOrNone: boolean;
  records: CollectionRecord[];
}

export function tooManyRecords(): SfHttpError {
  return new SfHttpError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
}

function recordDef(core: SimCore, raw: Record<string, unknown>, fixedType: SObjectDef | undefined): SObjectDef {
  const type = (raw['attributes'] as { type?: unknown } | undefined)?.type;
  if (type === undefined && fixedType) return fixedType;
  const def = typeof type === 'string' ? core.schema.get(type) : undefined;
  if (!def) throw new SfHttpError(400, 'INVALID_TYPE', typeof type === 'string' ? `sObject type '${type}' is not supported.` : 'Missing attributes.type for a record');
  if (fixedType && def !== fixedType) throw new SfHttpError(400, 'INVALID_TYPE', `Record type ${def.name} does not match the resource type ${fixedType.name}`);
  return def;
}

export function parseCollection(core: SimCore, body: unknown, fixedType?: SObjectDef): CollectionRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw jsonParserError('Cannot deserialize the request body: expected {"allOrNone": …, "records": […]}');
  const { allOrNone, records } = body as { allOrNone?: unknown; records?: unknown };
  if (!Array.isArray(records)) throw jsonParserError('records: expected an array of records');
  if (records.length > MAX_COLLECTION_RECORDS) throw tooManyRecords();
  const parsed = records.map((raw: unknown) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw jsonParserError('records: each record must be an object');
    const record = raw as Record<string, unknown>;
    const def = recordDef(core, record, fixedType);
    const id = record['id'] ?? record['Id'];
    return { def, id: typeof id === 'string' ? id : undefined, values: parseFields(def, record, ['id', 'Id']) };
  });
  return { allOrNone: allOrNone === true || allOrNone === 'true', records: parsed };
}
