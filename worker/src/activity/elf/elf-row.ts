/**
 * What every event log normalizer shares: the row accessor, the columns most event types carry
 * (Object Reference, "EventLogFile Supported Event Types": TIMESTAMP(_DERIVED), REQUEST_ID,
 * USER_ID(_DERIVED), CLIENT_IP, SESSION_KEY, LOGIN_KEY, URI) and the Activity built from them.
 *
 * A normalizer is bound once per file to that file's header (names → column indexes, so files
 * are read by name whatever their column order) and then called once per row with the row's
 * time (read by the caller from TIMESTAMP_DERIVED, else TIMESTAMP: rows without one never get
 * here). It answers an Activity, `null` for a well-formed row that is nothing OrgWarden acts on
 * (an upload, a link viewed …), or `undefined` for a row it cannot read: counted as skipped.
 */
import type { Activity, ActivityKind } from '../activity';
import { to18 } from './sf-id';

/** A parsed row, read by column index (-1: the file has no such column). */
export interface ElfRow {
  text(i: number): string;
  /**
   * `text`, as one shared string per distinct value of the column: for values that repeat and are
   * used as keys downstream (ids, addresses, session keys, method names, user agents).
   */
  shared(i: number): string;
  int(i: number): number | undefined;
  isEmpty(i: number): boolean;
  /** Exact comparison with an ASCII code, without decoding the value. */
  is(i: number, ascii: string): boolean;
}

/** Column index by header name; -1 when the file has no such column. */
export type ColumnIndex = (name: string) => number;

export type RowNormalizer = (row: ElfRow, timeMs: number) => Activity | null | undefined;

export interface ElfNormalizer {
  eventType: string;
  bind(col: ColumnIndex, orgId: string): RowNormalizer;
}

/**
 * An address, or undefined: CLIENT_IP holds "Salesforce.com IP" for requests from inside
 * Salesforce. Text of 2 to 45 characters among hex digits, `:` and `.` (a loop, not a regular
 * expression: it runs for every row).
 */
export function ipOf(text: string): string | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const ok = (c >= 48 && c <= 58) || c === 46 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    if (!ok) return undefined;
  }
  return text;
}

/** An 18-character id from the `X_DERIVED` column, else the 15-character `X` one. */
export function idOf(row: ElfRow, derivedCol: number, col: number): string | undefined {
  const derived = row.shared(derivedCol);
  if (derived.length === 18) return derived;
  const short = row.shared(col);
  return short ? to18(short) : undefined;
}

/**
 * Values with special characters may come wrapped in a second layer of quotes (`"""text"""` in
 * the CSV; "EventLogFile Supported Event Types"): the wrapping is not part of the value.
 */
export function unwrapQuotes(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/** Builds the shared part of an Activity. */
export type BaseBuilder = (row: ElfRow, kind: ActivityKind, timeMs: number) => Activity;

export function baseBuilder(col: ColumnIndex, eventType: string, orgId: string): BaseBuilder {
  const c = {
    request: col('REQUEST_ID'),
    userDerived: col('USER_ID_DERIVED'),
    user: col('USER_ID'),
    ip: col('CLIENT_IP'),
    session: col('SESSION_KEY'),
    login: col('LOGIN_KEY'),
    uri: col('URI'),
  };
  const source = `ELF:${eventType}`;
  return (row, kind, timeMs) => {
    const requestId = row.text(c.request) || undefined;
    const userId = idOf(row, c.userDerived, c.user);
    // Every field a normalizer or an enricher may set is declared here, in one order: one object
    // shape for every event log activity, and no property storage regrown per field (≈ 250
    // bytes of garbage per row otherwise). Absent values stay undefined.
    return {
      // REQUEST_ID names the request; rows of other types can share it, hence the type prefix.
      id: `${source}:${requestId ?? `${timeMs}:${userId ?? ''}`}`,
      source,
      timeMs,
      orgId,
      userId,
      username: undefined,
      kind,
      ip: ipOf(row.shared(c.ip)),
      status: undefined,
      loginType: undefined,
      userAgent: undefined,
      sessionKey: row.shared(c.session) || undefined,
      object: undefined,
      rows: undefined,
      geo: undefined,
      asn: undefined,
      isp: undefined,
      ipTags: [],
      eventType,
      requestId,
      loginKey: row.shared(c.login) || undefined,
      uri: row.text(c.uri) || undefined,
      operation: undefined,
      target: undefined,
      appName: undefined,
      recordId: undefined,
      delegateUser: undefined,
      share: undefined,
    };
  };
}
