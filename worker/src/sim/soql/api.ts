/**
 * Contract between the simulator's SOQL engine and its REST routes.
 * The engine is pure: it gets the schema, the records and the clock, and answers one SOQL
 * statement the way Salesforce would, or throws a SoqlError carrying Salesforce's errorCode.
 */
import type { Schema, SimRecord } from '../schema/types';

export interface QueryContext {
  schema: Schema;
  /** Every stored record of the type (canonical sObject name), including soft-deleted ones. */
  records(sobject: string): Iterable<SimRecord>;
  /** Any stored record by Id, for parent relationship paths such as `LoginGeo.Country`. */
  getById(id: string): SimRecord | undefined;
  /** The simulated org's clock: `TODAY`, `LAST_N_DAYS:n` … are computed from it (UTC). */
  now: Date;
  /** queryAll: include records with `IsDeleted = true`. */
  includeDeleted: boolean;
  /** API version of the request (`62.0`), used in `attributes.url`. */
  apiVersion: string;
  /**
   * Accept `LAST_N_HOURS:n` / `NEXT_N_HOURS:n`. Off by default: they are not in Salesforce's SOQL
   * date-literal reference and real orgs reportedly answer `unexpected token`, so a worker that
   * relied on them would pass against the simulator and fail in production.
   */
  acceptHourLiterals?: boolean;
}

/**
 * One result row shaped exactly like a REST query record: `attributes` first, then the
 * selected fields in SELECT order; parent paths as nested objects with their own `attributes`
 * (or `null` when the reference is empty).
 */
export type ResultRow = Record<string, unknown>;

export interface RecordsResult {
  kind: 'records';
  /** Canonical name of the FROM object. */
  sobject: string;
  /** All matching rows after ORDER BY / OFFSET / LIMIT; the route pages them. */
  rows: ResultRow[];
}

export interface CountResult {
  kind: 'count';
  sobject: string;
  totalSize: number;
}

export type QueryResult = RecordsResult | CountResult;

export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  /** OFFSET above 2,000 (Salesforce's documented code for it). */
  | 'NUMBER_OUTSIDE_VALID_RANGE'
  /** A big object query off its index, or with an aggregate (`big-object-rules.ts`). */
  | 'BIG_OBJECT_UNSUPPORTED_OPERATION';

export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;
  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.name = 'SoqlError';
    this.errorCode = errorCode;
  }
}

export type ExecuteSoql = (soql: string, ctx: QueryContext) => QueryResult;
