/**
 * Reads every OauthToken row within Salesforce's limits for this object: query() only, at most
 * 500 rows per batch and 2,500 rows in all (Object Reference, OauthToken usage; wire spec §5.3).
 * COUNT() first; when there are more than 2,500 grants, the CreatedDate span from the oldest grant
 * is cut into parts of about 2,000 (each counted, and cut again if it still holds more than 2,500).
 * Calls: 1 COUNT + ⌈rows/500⌉ pages; above 2,500 grants, 1 more + 1 COUNT per part.
 */
import type { OauthTokenRow } from '../activity/from-oauth-token';
import { parseSfDateTime } from '../activity/sf-datetime';
import { OAUTH_TOKEN_FIELDS } from '../activity/from-oauth-token';
import { collectRows, countRows } from '../salesforce/collect-rows';
import type { OrgClient } from '../salesforce/org-client';
import { raw, soql } from '../salesforce/soql';

export const OAUTH_TOKEN_MAX_ROWS = 2500;
/** Before any org existed: the lower end of the first range. */
const EPOCH_MS = Date.UTC(1999, 0, 1);
/** Rows a part of a split aims at: room under 2,500 for grants made unevenly. */
const PART_ROWS = 2000;

export interface OauthTokenRead {
  rows: OauthTokenRow[];
  /** Grants in a one-second range that still held more than 2,500 (not read). */
  unread: number;
}

export async function readOauthTokens(client: OrgClient, untilMs: number): Promise<OauthTokenRead> {
  const result: OauthTokenRead = { rows: [], unread: 0 };
  const total = await countIn(client, EPOCH_MS, untilMs);
  if (total <= OAUTH_TOKEN_MAX_ROWS) {
    if (total > 0) await readIn(client, EPOCH_MS, untilMs, result);
    return result;
  }
  // Too many for one query: split the span from the oldest grant on, in parts of ~2,000.
  const [oldest] = await collectRows<{ CreatedDate: string }>(client, soql`SELECT CreatedDate FROM OauthToken ORDER BY CreatedDate ASC LIMIT 1`, { priority: 'ingest' });
  const fromMs = oldest ? Math.floor(parseSfDateTime(oldest.CreatedDate) / 1000) * 1000 : EPOCH_MS;
  await readSplit(client, fromMs, untilMs, total, result);
  return result;
}

async function readSplit(client: OrgClient, fromMs: number, untilMs: number, count: number, result: OauthTokenRead): Promise<void> {
  const parts = Math.ceil(count / PART_ROWS);
  const widthMs = Math.max(1000, Math.ceil((untilMs - fromMs) / parts / 1000) * 1000);
  for (let start = fromMs; start < untilMs; start += widthMs) {
    const end = Math.min(untilMs, start + widthMs);
    const inPart = await countIn(client, start, end);
    if (inPart === 0) continue;
    if (inPart <= OAUTH_TOKEN_MAX_ROWS) await readIn(client, start, end, result);
    else if (end - start > 1000) await readSplit(client, start, end, inPart, result);
    else {
      // More than 2,500 grants in one second: read what Salesforce gives and say how many were left.
      result.unread += inPart - OAUTH_TOKEN_MAX_ROWS;
      await readIn(client, start, end, result);
    }
  }
}

const range = (fromMs: number, untilMs: number) => raw(soql`CreatedDate >= ${new Date(fromMs)} AND CreatedDate < ${new Date(untilMs)}`);

function countIn(client: OrgClient, fromMs: number, untilMs: number): Promise<number> {
  return countRows(client, soql`SELECT COUNT() FROM OauthToken WHERE ${range(fromMs, untilMs)}`, { priority: 'ingest' });
}

async function readIn(client: OrgClient, fromMs: number, untilMs: number, result: OauthTokenRead): Promise<void> {
  const query = soql`SELECT ${raw(OAUTH_TOKEN_FIELDS.join(', '))} FROM OauthToken WHERE ${range(fromMs, untilMs)} ORDER BY CreatedDate ASC LIMIT ${OAUTH_TOKEN_MAX_ROWS}`;
  result.rows.push(...(await collectRows<OauthTokenRow>(client, query, { priority: 'ingest' })));
}
