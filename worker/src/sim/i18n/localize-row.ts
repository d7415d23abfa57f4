/**
 * Renders record values in the reading user's language, as Salesforce does for labels: walks a
 * REST record (query row or retrieve body) by its `attributes.type`, into parent relationships and
 * child subquery results, and swaps the English values the label table knows. Everything else —
 * ids, API names, picklist API values, codes — passes through untouched.
 */
import type { LabelTable } from './label-catalog';

type Row = Record<string, unknown>;

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(row: Row): string | undefined {
  const attributes = row['attributes'];
  return isRow(attributes) && typeof attributes['type'] === 'string' ? attributes['type'] : undefined;
}

function localizeValue(table: LabelTable, type: string | undefined, field: string, value: unknown): unknown {
  if (typeof value === 'string') return (type && table.get(`${type}.${field}`)?.get(value.toLowerCase())) ?? value;
  if (!isRow(value) || field === 'attributes') return value;
  if (typeOf(value)) return localizeRow(value, table);
  const records = value['records'];
  // A child relationship subquery result: {totalSize, done, records: [...]}.
  return Array.isArray(records) ? { ...value, records: records.map((r) => (isRow(r) ? localizeRow(r, table) : r)) } : value;
}

/** A copy of `row` with the values `table` translates localized; `row` itself is not changed. */
export function localizeRow(row: Row, table: LabelTable): Row {
  const type = typeOf(row);
  const out: Row = {};
  for (const [field, value] of Object.entries(row)) out[field] = localizeValue(table, type, field, value);
  return out;
}

/** Localizes rows for a reader; without a table (English readers) the rows are returned as they are. */
export function localizeRows<T extends Row>(rows: T[], table: LabelTable | undefined): T[] {
  return table ? (rows.map((r) => localizeRow(r, table)) as T[]) : rows;
}
