/**
 * SOQL on big objects (LoginEvent, LoginAsEvent, LogoutEvent, ApiEvent, ReportEvent): Salesforce
 * answers only queries that follow the object's index. Checked after the ordinary checks (unknown
 * or non-filterable fields keep their INVALID_FIELD errors) and before any record is read.
 *
 * - Big Objects Implementation Guide, "SOQL with Big Objects": build the filter "starting from the
 *   first field defined in the index, without gaps"; "= or IN on any field … IN only one time";
 *   "range operations <, >, <=, or >= only on the last field of your query"; "!=, LIKE, NOT IN,
 *   EXCLUDES, and INCLUDES … not valid in any query"; "Aggregate functions are not valid".
 * - Platform Events Developer Guide, each object's "Standard SOQL Usage": LoginEvent/LogoutEvent/
 *   LoginAsEvent/ApiEvent filter over EventDate then EventIdentifier; a date literal (TODAY …) is
 *   a range "behind the scenes", so only in the final expression; ReportEvent also along UserId,
 *   EventDate. ApiEvent: "The only supported SOQL functions … are WHERE, ORDER BY, and LIMIT …
 *   In the ORDER BY clause, you can only use EventDate DESC".
 * - The error code is the one real orgs send for these objects: IlluminatedCloud issue 1775 shows
 *   `BIG_OBJECT_UNSUPPORTED_OPERATION: Aggregate functions not supported`. The wording of the
 *   other messages is the simulator's (Salesforce does not document it).
 * OR and NOT have no place in an index path; parent relationship paths are not modelled for big
 * objects, so they fail as unsupported rather than being answered.
 */
import type { BigObjectIndex, SObjectDef } from '../schema/types';
import type { Condition, FieldPath, OrderItem, SelectStatement } from './ast';
import { soqlErrorAt, unsupportedAt } from './error-location';
import type { SoqlError } from './api';

/** Every big-object row's Id in query results ("000000000000000 or 000000000000000AAA"). */
export const BIG_OBJECT_EMPTY_ID = '000000000000000AAA';

interface Filter {
  field: string;
  pos: number;
  /** `equal`: = with a literal value; `in`: IN (…); `range`: <, <=, >, >= or = with a date literal. */
  kind: 'equal' | 'in' | 'range';
}

function violation(soql: string, pos: number, reason: string): SoqlError {
  return soqlErrorAt('BIG_OBJECT_UNSUPPORTED_OPERATION', soql, pos, reason);
}

function firstPos(cond: Condition): number {
  switch (cond.kind) {
    case 'and':
    case 'or':
      return firstPos(cond.operands[0] as Condition);
    case 'not':
      return firstPos(cond.operand);
    default:
      return cond.path.pos;
  }
}

/** The canonical name of a direct field of the big object; parent paths are not supported. */
function directField(root: SObjectDef, path: FieldPath, soql: string): string {
  const last = path.segments[path.segments.length - 1];
  if (path.segments.length > 1) throw unsupportedAt(soql, path.pos, `A relationship path on big object ${root.name}`);
  return root.fields.get(String(last?.text).toLowerCase())?.name ?? String(last?.text);
}

function flatten(cond: Condition, root: SObjectDef, soql: string, out: Filter[]): void {
  switch (cond.kind) {
    case 'and':
      for (const operand of cond.operands) flatten(operand, root, soql, out);
      return;
    case 'or':
      throw violation(soql, firstPos(cond), `OR is not supported on big object ${root.name}: filter along its index with AND`);
    case 'not':
      throw violation(soql, firstPos(cond), `NOT is not supported on big object ${root.name}`);
    case 'like':
      throw violation(soql, cond.path.pos, `LIKE is not valid in big object queries (${root.name})`);
    case 'in':
      if (cond.negated) throw violation(soql, cond.path.pos, `NOT IN is not valid in big object queries (${root.name})`);
      out.push({ field: directField(root, cond.path, soql), pos: cond.path.pos, kind: 'in' });
      return;
    case 'compare':
      if (cond.op === '!=') throw violation(soql, cond.path.pos, `The != operator is not valid in big object queries (${root.name})`);
      out.push({ field: directField(root, cond.path, soql), pos: cond.path.pos, kind: cond.op === '=' && cond.value.kind !== 'relative' ? 'equal' : 'range' });
  }
}

function indexText(index: BigObjectIndex): string {
  return index.indexes.map((path) => path.join(', ')).join(' or ');
}

/** The index path whose first fields are exactly the filtered ones (no gap), if any. */
function matchingPath(fields: string[], index: BigObjectIndex): string[] | undefined {
  return index.indexes.find((path) => fields.length <= path.length && path.slice(0, fields.length).every((f) => fields.includes(f)));
}

function checkFilters(filters: Filter[], root: SObjectDef, index: BigObjectIndex, soql: string): void {
  const fields = [...new Set(filters.map((f) => f.field))];
  const path = matchingPath(fields, index);
  if (!path) {
    const stray = filters.find((f) => !index.indexes.some((p) => p.slice(0, fields.length).includes(f.field))) ?? filters[0];
    throw violation(soql, stray?.pos ?? 0, `Filtering ${root.name} on ${fields.join(', ')} is not supported: filter on its index fields (${indexText(index)}) from the first one, in that order, without gaps`);
  }
  const last = path[fields.length - 1];
  const misplacedRange = filters.find((f) => f.kind === 'range' && f.field !== last);
  if (misplacedRange) {
    throw violation(soql, misplacedRange.pos, `A range (<, <=, >, >= or a date literal) on ${misplacedRange.field} is only valid on the last index field filtered (${String(last)}); use = on the fields before it`);
  }
  const ins = filters.filter((f) => f.kind === 'in');
  if (ins.length > 1) throw violation(soql, (ins[1] as Filter).pos, `IN can be used only once in a big object query (${root.name})`);
}

function checkOrderBy(items: OrderItem[], root: SObjectDef, index: BigObjectIndex, soql: string): void {
  const allowed = index.orderBy.map((o) => `${o.field} ${o.descending ? 'DESC' : 'ASC'}`).join(', ');
  items.forEach((item, i) => {
    const expected = index.orderBy[i];
    const field = directField(root, item.path, soql);
    if (!expected || expected.field !== field || expected.descending !== item.descending) {
      throw violation(soql, item.path.pos, `ORDER BY on big object ${root.name} supports only ${allowed}`);
    }
  });
}

function checkClauses(statement: SelectStatement, root: SObjectDef, soql: string): void {
  const count = statement.items.find((item) => item.kind === 'count');
  if (count) throw violation(soql, count.pos, 'Aggregate functions not supported');
  if (statement.offset !== undefined) throw violation(soql, statement.offsetPos ?? 0, `OFFSET is not supported on big object ${root.name} (only WHERE, ORDER BY and LIMIT are)`);
  for (const item of statement.items) if (item.kind === 'field') directField(root, item.path, soql);
}

/** Throws Salesforce's error for a query a big object cannot answer; ordinary objects pass. */
export function checkBigObjectQuery(statement: SelectStatement, root: SObjectDef, soql: string): void {
  const index = root.bigObject;
  if (!index) return;
  checkClauses(statement, root, soql);
  if (statement.where) {
    const filters: Filter[] = [];
    flatten(statement.where, root, soql, filters);
    checkFilters(filters, root, index, soql);
  }
  checkOrderBy(statement.orderBy, root, index, soql);
}

/** The ORDER BY a query is answered in: a big object without one comes back in index order. */
export function effectiveOrderBy(statement: SelectStatement, root: SObjectDef): OrderItem[] {
  if (!root.bigObject || statement.orderBy.length > 0) return statement.orderBy;
  return root.bigObject.orderBy.map((o) => ({
    path: { segments: [{ text: o.field, pos: 0 }], pos: 0 },
    descending: o.descending,
    nullsFirst: !o.descending,
  }));
}
