/**
 * `/sobjects/...`: describe, record retrieve / create / update / delete, upsert and retrieve by
 * external id, and blob fields. Status codes as Salesforce: create 201 `{id, success, errors}`,
 * update and delete 204, upsert 201 `created:true` / 200 `created:false` (204 before API 46.0),
 * 300 with the matching record URLs when an external id matches several records.
 */
import { SfHttpError, notFound } from '../http/http-errors';
import { readJsonBody } from '../http/request-body';
import { sendEmpty, sendJson } from '../http/send';
import { isSalesforceId, keyPrefixOf, to18 } from '../ids';
import type { SObjectDef, SimRecord } from '../schema/types';
import { coerceFieldValue } from '../schema/field-values';
import { parseFields } from '../writes/field-checks';
import { findByField } from '../writes/record-matching';
import { createRecord, deleteRecord, updateRecord, upsertRecord } from '../writes/record-writer';
import { WriteError } from '../writes/write-error';
import { allow, basePath, writer, type DataRequest } from './data-request';
import { describeObject, globalDescribe, objectSummary } from './describe';
import { logFileRoute } from './log-file-route';
import { readerLabels } from '../i18n/reader-language';
import { recordJson, recordUrl } from './record-json';

/** A one-record write error as the REST error Salesforce sends for it. */
export function asHttpError(err: unknown): unknown {
  if (!(err instanceof WriteError)) return err;
  if (err.statusCode === 'INVALID_CROSS_REFERENCE_KEY' && err.httpStatus === 404) return notFound();
  return new SfHttpError(err.httpStatus === 300 ? 300 : err.httpStatus, err.statusCode, err.message, err.fields);
}

function sobjectDef(r: DataRequest, name: string): SObjectDef {
  const def = r.core.schema.get(name);
  if (!def) throw notFound();
  return def;
}

function isIdOf(def: SObjectDef, value: string): boolean {
  return isSalesforceId(value) && keyPrefixOf(value) === def.keyPrefix;
}

async function typeRoute(r: DataRequest, def: SObjectDef): Promise<void> {
  // Salesforce only offers POST on objects that support create().
  allow(r, ['GET', 'HEAD', ...(def.createable ? ['POST'] : [])]);
  if (r.method !== 'POST') {
    sendJson(r.ex, 200, { objectDescribe: objectSummary(basePath(r), def), recentItems: [] });
    return;
  }
  const body = await readJsonBody(r.ex.req);
  if (body && typeof body === 'object') r.log.body = body;
  const record = createRecord(writer(r), def, parseFields(def, body));
  sendJson(r.ex, 201, { id: record.Id, success: true, errors: [] });
}

async function rowRoute(r: DataRequest, def: SObjectDef, id: string): Promise<void> {
  const methods = ['GET', 'HEAD', ...(def.updateable ? ['PATCH'] : []), ...(def.deletable ? ['DELETE'] : [])];
  allow(r, methods);
  // A value that is no id at all is read as an external-id field name, as Salesforce does.
  if (!isSalesforceId(id)) throw notFound(`Provided external ID field does not exist or is not accessible: ${id}`);
  if (r.method === 'PATCH') {
    const body = await readJsonBody(r.ex.req);
    r.log.body = body;
    updateRecord(writer(r), def, id, parseFields(def, body, ['Id', 'id']));
    sendEmpty(r.ex, 204);
  } else if (r.method === 'DELETE') {
    deleteRecord(writer(r), def, id);
    sendEmpty(r.ex, 204);
  } else {
    const record = isIdOf(def, id) ? r.core.view.get(to18(id)) : undefined;
    if (!record || record['IsDeleted'] === true) throw notFound();
    sendJson(r.ex, 200, recordJson(basePath(r), def, record, r.url.searchParams.get('fields'), readerLabels(r.core, r.session.userId)));
  }
}

interface ExternalIdMatch {
  field: string;
  /** The value in the field's stored form (a number for a Number external id). */
  value: unknown;
  matches: SimRecord[];
}

function matchesByExternalId(r: DataRequest, def: SObjectDef, fieldName: string, raw: string): ExternalIdMatch {
  const field = def.fields.get(fieldName.toLowerCase());
  if (!field || !(field.externalId || field.name === 'Id')) throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
  if (field.name === 'Id') {
    const record = isSalesforceId(raw) ? r.core.view.get(to18(raw)) : undefined;
    return { field: 'Id', value: raw, matches: record && record['IsDeleted'] !== true ? [record] : [] };
  }
  const coerced = coerceFieldValue(field, raw);
  const value = coerced.ok ? coerced.value : raw;
  return { field: field.name, value, matches: findByField(r.core, def, field.name, value) };
}

function multipleChoices(r: DataRequest, def: SObjectDef, matches: SimRecord[]): void {
  sendJson(r.ex, 300, matches.map((m) => recordUrl(basePath(r), def, m.Id)));
}

async function upsertRoute(r: DataRequest, def: SObjectDef, field: string, value: string): Promise<void> {
  const body = await readJsonBody(r.ex.req);
  r.log.body = body;
  const values = parseFields(def, body ?? {});
  const match = matchesByExternalId(r, def, field, value);
  if (match.matches.length > 1) return multipleChoices(r, def, match.matches);
  if (!match.matches.length && r.url.searchParams.get('updateOnly') === 'true') throw notFound();
  const outcome = upsertRecord(writer(r), def, match.field, match.value, values);
  if (!outcome.created && Number(r.version) < 46) return sendEmpty(r.ex, 204);
  sendJson(r.ex, outcome.created ? 201 : 200, { id: outcome.record.Id, success: true, errors: [], created: outcome.created });
}

async function externalIdRoute(r: DataRequest, def: SObjectDef, field: string, value: string): Promise<void> {
  allow(r, ['GET', 'HEAD', 'PATCH', 'DELETE']);
  if (r.method === 'PATCH') return upsertRoute(r, def, field, value);
  const { matches } = matchesByExternalId(r, def, field, value);
  if (matches.length > 1) return multipleChoices(r, def, matches);
  const [match] = matches;
  if (!match) throw notFound();
  if (r.method === 'DELETE') {
    deleteRecord(writer(r), def, match.Id);
    return sendEmpty(r.ex, 204);
  }
  sendJson(r.ex, 200, recordJson(basePath(r), def, match, r.url.searchParams.get('fields'), readerLabels(r.core, r.session.userId)));
}

/** Dispatches `/sobjects[/<Type>[/<Id or ExtField>[/<value or BlobField>]]]`. */
export async function sobjectRoute(r: DataRequest): Promise<void> {
  const [, type, second, third, ...rest] = r.segments;
  try {
    if (type === undefined || type === '') {
      allow(r, ['GET']);
      return sendJson(r.ex, 200, globalDescribe(basePath(r), r.core.schema));
    }
    const def = sobjectDef(r, type);
    if (rest.length) throw notFound();
    if (second === undefined || second === '') return await typeRoute(r, def);
    if (third === undefined && second === 'describe') {
      allow(r, ['GET']);
      return sendJson(r.ex, 200, describeObject(basePath(r), def, r.core.schema));
    }
    if (third === undefined) return await rowRoute(r, def, second);
    const blob = def.fields.get(third.toLowerCase());
    if (isIdOf(def, second) && blob?.type === 'base64') return await logFileRoute(r, second);
    return await externalIdRoute(r, def, second, third);
  } catch (err) {
    throw asHttpError(err);
  }
}
