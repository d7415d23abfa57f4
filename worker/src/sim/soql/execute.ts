/**
 * The simulator's SOQL engine: parse, check against the schema, compile, then one pass over
 * the stored records. Everything that can fail is checked before the first record is read,
 * so a bad query fails the same way whether the org holds zero rows or a hundred thousand.
 */
import type { Schema, SimRecord, SObjectDef } from '../schema/types';
import { SoqlError, type ExecuteSoql, type QueryContext, type QueryResult } from './api';
import type { FieldPath, SelectStatement } from './ast';
import { checkBigObjectQuery, effectiveOrderBy } from './big-object-rules';
import { compileCondition, type Predicate } from './compile-condition';
import { soqlErrorAt, unsupportedAt } from './error-location';
import { compileOrdering } from './ordering';
import { parseSoql } from './parser';
import { buildProjection } from './projection';

/** Salesforce: "The maximum offset is 2,000 rows." */
const MAX_OFFSET = 2000;

/** The FROM object, or INVALID_TYPE as Salesforce words it (also used for column metadata). */
export function resolveFromObject(from: SelectStatement['from'], schema: Schema, soql: string): SObjectDef {
  const object = schema.get(from.name);
  if (!object || !object.queryable) {
    throw soqlErrorAt('INVALID_TYPE', soql, from.pos,
      `sObject type '${from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  return object;
}

function checkOffset(statement: SelectStatement, soql: string): void {
  if (statement.offset !== undefined && statement.offset > MAX_OFFSET) {
    throw soqlErrorAt('NUMBER_OUTSIDE_VALID_RANGE', soql, statement.offsetPos ?? 0, `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
}

function checkCountQuery(statement: SelectStatement, soql: string): void {
  const count = statement.items.find((item) => item.kind === 'count');
  if (!count) return;
  if (statement.items.length > 1) {
    throw soqlErrorAt('MALFORMED_QUERY', soql, count.pos, 'COUNT() must be the only element in the SELECT list');
  }
  if (statement.orderBy.length > 0) {
    throw soqlErrorAt('MALFORMED_QUERY', soql, statement.orderByPos ?? count.pos, "COUNT() can't be used with ORDER BY: use COUNT(fieldName)");
  }
  if (statement.offset !== undefined) throw unsupportedAt(soql, statement.offsetPos ?? count.pos, 'OFFSET with COUNT()');
}

function matchingRecords(root: SObjectDef, ctx: QueryContext, predicate: Predicate, cap: number | undefined): SimRecord[] {
  const out: SimRecord[] = [];
  if (cap === 0) return out;
  for (const record of ctx.records(root.name)) {
    if (!ctx.includeDeleted && record.IsDeleted === true) continue;
    if (!predicate(record)) continue;
    out.push(record);
    if (cap !== undefined && out.length >= cap) break;
  }
  return out;
}

export const executeSoql: ExecuteSoql = (soql, ctx) => {
  if (/^\s*FIND\b/i.test(soql)) {
    throw new SoqlError('MALFORMED_QUERY', 'SOSL (FIND …) is not SOQL: the simulator does not support search queries');
  }
  const statement = parseSoql(soql);
  const root = resolveFromObject(statement.from, ctx.schema, soql);
  checkCountQuery(statement, soql);
  checkOffset(statement, soql);
  const isCount = statement.items.some((item) => item.kind === 'count');
  const paths = statement.items.flatMap((item): FieldPath[] => (item.kind === 'field' ? [item.path] : []));
  const projection = buildProjection(paths, root, ctx, soql);
  const predicate: Predicate = statement.where ? compileCondition(statement.where, { root, ctx, soql }) : () => true;
  const orderBy = effectiveOrderBy(statement, root);
  const sort = compileOrdering(orderBy, root, ctx, soql);
  checkBigObjectQuery(statement, root, soql);
  return isCount ? countResult(statement, root, ctx, predicate) : recordsResult(statement, root, ctx, predicate, { sort, sorted: orderBy.length > 0 }, projection);
};

function countResult(statement: SelectStatement, root: SObjectDef, ctx: QueryContext, predicate: Predicate): QueryResult {
  // "You can use LIMIT with count() as the fieldList to count up to the maximum specified."
  return { kind: 'count', sobject: root.name, totalSize: matchingRecords(root, ctx, predicate, statement.limit).length };
}

function recordsResult(
  statement: SelectStatement,
  root: SObjectDef,
  ctx: QueryContext,
  predicate: Predicate,
  ordering: { sort: ReturnType<typeof compileOrdering>; sorted: boolean },
  projection: ReturnType<typeof buildProjection>,
): QueryResult {
  const offset = statement.offset ?? 0;
  const { sort } = ordering;
  // Without ORDER BY the first matches in store order are the answer: stop reading early.
  const cap = !ordering.sorted && statement.limit !== undefined ? offset + statement.limit : undefined;
  const matched = sort(matchingRecords(root, ctx, predicate, cap));
  const end = statement.limit === undefined ? undefined : offset + statement.limit;
  return { kind: 'records', sobject: root.name, rows: matched.slice(offset, end).map(projection) };
}
