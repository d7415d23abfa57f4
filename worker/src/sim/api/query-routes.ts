/**
 * `GET /query?q=`, `/queryAll?q=` and their next pages `/query/<locator>` (`/queryAll/<locator>`
 * too). Rows come from the SOQL engine; this route pages them: 2000 per page by default,
 * `Sforce-Query-Options: batchSize=N` (200–2000) honoured on every page, `totalSize` = all rows,
 * `nextRecordsUrl` only while `done` is false — and for queryAll it still says `/query/`.
 */
import { SoqlError, type QueryContext, type QueryResult } from '../soql/api';
import { SfHttpError } from '../http/http-errors';
import { sendJson } from '../http/send';
import { localizeRows } from '../i18n/localize-row';
import { readerLabels } from '../i18n/reader-language';
import { withCurrentSession } from '../auth/current-session';
import { allow, basePath, type DataRequest } from './data-request';
import type { Page } from './query-cursors';
import { sendQueryColumns, wantsColumns } from './query-columns';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
// OauthToken hands out at most 500 rows per batch (Object Reference, OauthToken usage notes).
const OAUTH_TOKEN_BATCH = 500;

/** The batch size a request asks for via `Sforce-Query-Options`, clamped to Salesforce's range. */
export function batchSize(r: DataRequest): number {
  const header = String(r.ex.req.headers['sforce-query-options'] ?? '');
  const m = /(?:^|[,;\s])batchSize\s*=\s*(\d+)/i.exec(header);
  if (!m) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

function execute(r: DataRequest, soql: string, includeDeleted: boolean): QueryResult {
  const engine = r.core.executeSoql;
  if (!engine) throw new SfHttpError(500, 'UNKNOWN_EXCEPTION', 'The simulator has no SOQL engine (worker/src/sim/soql is not available)');
  const ctx: QueryContext = {
    schema: r.core.schema,
    // Injected faults (faults/) may hold rows back (late arrival) or reorder ties.
    // IsCurrent is computed for the requesting session (auth/current-session.ts).
    records: (sobject) => r.core.faults.queryRecords(r.ex.req, sobject, withCurrentSession(sobject, r.core.view.records(sobject), r.session)),
    getById: (id) => r.core.view.get(id),
    now: r.core.clock.now(),
    includeDeleted,
    apiVersion: r.version,
  };
  try {
    return engine(soql, ctx);
  } catch (err) {
    if (err instanceof SoqlError) throw new SfHttpError(400, err.errorCode, err.message);
    throw err;
  }
}

function sendPage(r: DataRequest, page: Page): void {
  const body: Record<string, unknown> = { totalSize: page.totalSize, done: page.nextLocator === undefined };
  if (page.nextLocator) body['nextRecordsUrl'] = `${basePath(r)}/query/${page.nextLocator}`;
  body['records'] = page.rows;
  sendJson(r.ex, 200, body);
}

function firstPage(r: DataRequest, includeDeleted: boolean): void {
  const soql = r.url.searchParams.get('q');
  if (!soql || !soql.trim()) throw new SfHttpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const result = execute(r, soql, includeDeleted);
  if (result.kind === 'count') {
    sendJson(r.ex, 200, { totalSize: result.totalSize, done: true, records: [] });
    return;
  }
  // Labels (LoginHistory.Status, LoginType …) come back in the reader's language; codes do not.
  const rows = localizeRows(result.rows, readerLabels(r.core, r.session.userId));
  const size = result.sobject === 'OauthToken' ? Math.min(OAUTH_TOKEN_BATCH, batchSize(r)) : batchSize(r);
  sendPage(r, r.core.cursors.first(r.session.userId, rows, size));
}

/** The page a locator points at; injected faults (faults/) may repeat rows of the page before. */
function nextPage(r: DataRequest, locator: string): Page {
  const read = (at: string, size: number) => r.core.cursors.next(r.session.userId, at, size);
  return r.core.faults.queryMorePage(r.ex.req, locator, read(locator, batchSize(r)), read);
}

/** Handles `query` and `queryAll` with or without a locator segment. */
export function queryRoute(r: DataRequest, includeDeleted: boolean): void {
  allow(r, ['GET']);
  const [, locator, ...rest] = r.segments;
  if (rest.length) throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if ((locator === undefined || locator === '') && wantsColumns(r)) sendQueryColumns(r, r.core.schema);
  else if (locator === undefined || locator === '') firstPage(r, includeDeleted);
  else sendPage(r, nextPage(r, locator));
}
