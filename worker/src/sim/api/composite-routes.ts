/**
 * sObject Collections under `/composite/sobjects`: create (POST), update (PATCH), upsert by
 * external id (`PATCH /composite/sobjects/<Type>/<ExtField>`), delete (`DELETE ?ids=…`) and
 * retrieve (`POST /composite/sobjects/<Type>`). A well-formed request is HTTP 200 with one result
 * per record in request order; per-record failures use `statusCode`. With `allOrNone` any failure
 * rolls every record back and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
import { jsonParserError, notFound } from '../http/http-errors';
import { readJsonBody } from '../http/request-body';
import { sendJson } from '../http/send';
import { isSalesforceId, to18 } from '../ids';
import type { SObjectDef } from '../schema/types';
import { createRecord, deleteRecord, updateRecord, upsertRecord } from '../writes/record-writer';
import { failure, rolledBack, WriteError, type SaveResult } from '../writes/write-error';
import { parseCollection, tooManyRecords, MAX_COLLECTION_RECORDS, type CollectionRecord } from './collection-request';
import { allow, basePath, writer, type DataRequest } from './data-request';
import { readerLabels } from '../i18n/reader-language';
import { recordJson } from './record-json';

type Operation = { id?: string; run: () => SaveResult };

function attempt(op: Operation): SaveResult {
  try {
    return op.run();
  } catch (err) {
    if (err instanceof WriteError) return failure(err, op.id);
    throw err;
  }
}

/** Runs the operations in order; with allOrNone, all or nothing. */
function runAll(r: DataRequest, ops: Operation[], allOrNone: boolean): SaveResult[] {
  if (!allOrNone) return ops.map(attempt);
  let results: SaveResult[] = [];
  r.core.store.transaction(() => {
    results = ops.map(attempt);
    return results.every((res) => res.success);
  });
  if (results.every((res) => res.success)) return results;
  return results.map((res, i) => (res.success ? { ...(ops[i]?.id ? { id: ops[i]?.id } : {}), success: false, errors: [rolledBack()] } : res));
}

function createOps(r: DataRequest, records: CollectionRecord[]): Operation[] {
  return records.map((rec) => ({
    run: () => {
      if (rec.id !== undefined) throw new WriteError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
      return { id: createRecord(writer(r), rec.def, rec.values).Id, success: true, errors: [] };
    },
  }));
}

function updateOps(r: DataRequest, records: CollectionRecord[]): Operation[] {
  return records.map((rec) => ({
    ...(rec.id ? { id: rec.id } : {}),
    run: () => {
      if (!rec.id) throw new WriteError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
      return { id: updateRecord(writer(r), rec.def, rec.id, rec.values).Id, success: true, errors: [] };
    },
  }));
}

function upsertOps(r: DataRequest, def: SObjectDef, fieldName: string, records: CollectionRecord[]): Operation[] {
  const field = def.fields.get(fieldName.toLowerCase());
  if (!field || !field.externalId) throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
  const key = (rec: CollectionRecord): string => {
    const value = String(rec.values[field.name] ?? '');
    return field.caseSensitive ? value : value.toLowerCase();
  };
  const counts = new Map<string, number>();
  for (const rec of records) counts.set(key(rec), (counts.get(key(rec)) ?? 0) + 1);
  return records.map((rec) => ({
    run: () => {
      const value = rec.values[field.name];
      if (value === undefined || value === null) throw new WriteError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, [field.name]);
      // The same external id twice in one request is refused for each of those records.
      if ((counts.get(key(rec)) ?? 0) > 1) throw new WriteError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(value)}`, [field.name]);
      const outcome = upsertRecord(writer(r), def, field.name, value, rec.values);
      return { id: outcome.record.Id, success: true, errors: [], created: outcome.created };
    },
  }));
}

function deleteOps(r: DataRequest): { ops: Operation[]; allOrNone: boolean } {
  const ids = (r.url.searchParams.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!ids.length) throw jsonParserError('ids: at least one id is required');
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooManyRecords();
  const ops = ids.map((id) => ({
    id,
    run: (): SaveResult => {
      const def = isSalesforceId(id) ? r.core.view.getEntry(to18(id))?.def : undefined;
      if (!def) throw new WriteError(isSalesforceId(id) ? 'ENTITY_IS_DELETED' : 'MALFORMED_ID', isSalesforceId(id) ? 'entity is deleted' : `malformed id ${id}`);
      deleteRecord(writer(r), def, id);
      return { id: to18(id), success: true, errors: [] };
    },
  }));
  return { ops, allOrNone: r.url.searchParams.get('allOrNone') === 'true' };
}

async function retrieve(r: DataRequest, def: SObjectDef): Promise<void> {
  const body = (await readJsonBody(r.ex.req)) as { ids?: unknown; fields?: unknown } | undefined;
  if (!Array.isArray(body?.ids) || !Array.isArray(body?.fields)) throw jsonParserError('expected {"ids": […], "fields": […]}');
  if (body.ids.length > 2000) throw tooManyRecords();
  const fields = body.fields.map(String).join(',');
  const rows = body.ids.map((id) => {
    const record = isSalesforceId(id) ? r.core.view.get(to18(id)) : undefined;
    return record && record['IsDeleted'] !== true ? recordJson(basePath(r), def, record, fields, readerLabels(r.core, r.session.userId)) : null;
  });
  sendJson(r.ex, 200, rows);
}

/** Dispatches `/composite/sobjects[/<Type>[/<ExtField>]]`. */
export async function compositeRoute(r: DataRequest): Promise<void> {
  const [, resource, type, field, ...rest] = r.segments;
  if (resource !== 'sobjects' || rest.length) throw notFound();
  const def = type ? r.core.schema.get(type) : undefined;
  if (type && !def) throw notFound();
  if (def && field) {
    allow(r, ['PATCH']);
    const req = parseCollection(r.core, (r.log.body = await readJsonBody(r.ex.req)), def);
    return sendJson(r.ex, 200, runAll(r, upsertOps(r, def, field, req.records), req.allOrNone));
  }
  if (def) {
    allow(r, ['POST']);
    return retrieve(r, def);
  }
  allow(r, ['POST', 'PATCH', 'DELETE']);
  if (r.method === 'DELETE') {
    const { ops, allOrNone } = deleteOps(r);
    return sendJson(r.ex, 200, runAll(r, ops, allOrNone));
  }
  const req = parseCollection(r.core, (r.log.body = await readJsonBody(r.ex.req)));
  const ops = r.method === 'POST' ? createOps(r, req.records) : updateOps(r, req.records);
  sendJson(r.ex, 200, runAll(r, ops, req.allOrNone));
}
