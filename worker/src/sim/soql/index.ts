/**
 * The simulator's SOQL engine (pure: no HTTP). The REST routes call `executeSoql` and page the rows;
 * `describeColumns` answers a query's column metadata (`&columns=true`) from the same parse.
 *
 * Answers SELECT fields / parent paths / COUNT() FROM one object, WHERE (AND/OR/NOT, comparisons,
 * IN, LIKE, date and relative date literals), ORDER BY, LIMIT, OFFSET. Any other SOQL fails with
 * MALFORMED_QUERY rather than being answered with partial semantics; schema and type errors carry
 * Salesforce's codes (INVALID_TYPE, INVALID_FIELD, INVALID_QUERY_FILTER_OPERATOR,
 * NUMBER_OUTSIDE_VALID_RANGE). Relative dates assume a UTC, en_US (Sunday-first) user.
 */
export { executeSoql } from './execute';
export { describeColumns, type ColumnMetadata, type QueryColumns } from './columns';
export { parseSoql } from './parser';
export { tokenize } from './lexer';
export { resolveRelativeDate, type DateRange } from './date-literals';
export { SoqlError } from './api';
export type {
  CountResult,
  ExecuteSoql,
  QueryContext,
  QueryResult,
  RecordsResult,
  ResultRow,
  SoqlErrorCode,
} from './api';
export type { Condition, Literal, OrderItem, SelectItem, SelectStatement } from './ast';
