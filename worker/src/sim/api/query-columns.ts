/**
 * `GET /query?q=<soql>&columns=true` (and `/tooling/query?…&columns=true`): the query's column
 * metadata instead of its rows — what `sf data query` asks after every non-empty result. Bad
 * queries fail as they would when run (MALFORMED_QUERY, INVALID_FIELD, …).
 */
import { SfHttpError } from '../http/http-errors';
import { sendJson } from '../http/send';
import type { Schema } from '../schema/types';
import { describeColumns, SoqlError } from '../soql';
import type { DataRequest } from './data-request';

/** True when the request asks for column metadata. */
export function wantsColumns(r: DataRequest): boolean {
  return r.url.searchParams.get('columns') === 'true';
}

export function sendQueryColumns(r: DataRequest, schema: Schema): void {
  const soql = r.url.searchParams.get('q');
  if (!soql || !soql.trim()) throw new SfHttpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  try {
    const ctx = { schema, records: () => [], getById: () => undefined, now: r.core.clock.now(), includeDeleted: false, apiVersion: r.version };
    sendJson(r.ex, 200, describeColumns(soql, ctx));
  } catch (err) {
    if (err instanceof SoqlError) throw new SfHttpError(400, err.errorCode, err.message);
    throw err;
  }
}
