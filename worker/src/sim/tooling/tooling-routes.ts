/**
 * Tooling API query: `GET /tooling/query?q=` and its next pages `/tooling/query/<locator>`, run by
 * the same SOQL engine as `/query` over the Tooling objects. The answer carries the Tooling
 * extras — `size` (rows in the whole result, like `totalSize`), `queryLocator` (the next page's
 * locator, `null` on the last page) and `entityTypeName` (`null` when there are no rows) — and
 * `attributes.url` points under `/tooling/sobjects/`. `&columns=true` answers column metadata.
 */
import { batchSize } from '../api/query-routes';
import { sendQueryColumns, wantsColumns } from '../api/query-columns';
import type { Page } from '../api/query-cursors';
import { allow, basePath, type DataRequest } from '../api/data-request';
import { notFound, SfHttpError } from '../http/http-errors';
import { sendJson } from '../http/send';
import { SoqlError, type QueryResult, type ResultRow } from '../soql/api';

function execute(r: DataRequest, soql: string): QueryResult {
  const engine = r.core.executeSoql;
  if (!engine) throw new SfHttpError(500, 'UNKNOWN_EXCEPTION', 'The simulator has no SOQL engine (worker/src/sim/soql is not available)');
  const tooling = r.core.tooling;
  const ctx = { schema: tooling.schema, records: (s: string) => tooling.records(s), getById: () => undefined, now: r.core.clock.now(), includeDeleted: false, apiVersion: r.version };
  try {
    return engine(soql, ctx);
  } catch (err) {
    if (err instanceof SoqlError) throw new SfHttpError(400, err.errorCode, err.message);
    throw err;
  }
}

/** Tooling records live under `/tooling/sobjects/`, not the data API's `/sobjects/`. */
function toToolingUrl(row: ResultRow): ResultRow {
  const attributes = row['attributes'] as { type: string; url: string };
  return { ...row, attributes: { ...attributes, url: attributes.url.replace(/^(\/services\/data\/v[\d.]+)\/sobjects\//, '$1/tooling/sobjects/') } };
}

function entityTypeName(rows: ResultRow[]): string | null {
  return (rows[0]?.['attributes'] as { type?: string } | undefined)?.type ?? null;
}

function sendPage(r: DataRequest, page: Page): void {
  const done = page.nextLocator === undefined;
  sendJson(r.ex, 200, {
    size: page.totalSize, totalSize: page.totalSize, done,
    ...(done ? {} : { nextRecordsUrl: `${basePath(r)}/tooling/query/${page.nextLocator}` }),
    queryLocator: page.nextLocator ?? null, entityTypeName: entityTypeName(page.rows), records: page.rows,
  });
}

function firstPage(r: DataRequest): void {
  const soql = r.url.searchParams.get('q');
  if (!soql || !soql.trim()) throw new SfHttpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const result = execute(r, soql);
  if (result.kind === 'count') return sendPage(r, { rows: [], totalSize: result.totalSize });
  sendPage(r, r.core.tooling.cursors.first(r.session.userId, result.rows.map(toToolingUrl), batchSize(r)));
}

/** Dispatches `/tooling/query[/<locator>]`; other Tooling resources are not modelled (404). */
export function toolingRoute(r: DataRequest): void {
  const [, resource, locator, ...rest] = r.segments;
  if (resource !== 'query' || rest.length) throw notFound();
  allow(r, ['GET']);
  if (locator) return sendPage(r, r.core.tooling.cursors.next(r.session.userId, locator, batchSize(r)));
  if (wantsColumns(r)) return sendQueryColumns(r, r.core.tooling.schema);
  firstPage(r);
}
