/**
 * Column metadata of a SOQL query: what `GET /query?q=<soql>&columns=true` answers (the `sf data
 * query` command asks it after every non-empty query to lay out its table). The request is not
 * documented; the shape is the one the sf CLI reads and its own test exemplars record:
 * `{columnMetadata: [{aggregate, apexType, booleanType, columnName, custom, displayName,
 * foreignKeyName, insertable, joinColumns, numberType, textType, updatable}], entityName, groupBy,
 * idSelected, keyPrefix}`, a parent path being one column for the relationship (`foreignKeyName`
 * = the reference field, `apexType` null) whose `joinColumns` hold the parent's fields.
 */
import type { FieldDef, FieldType, SObjectDef } from '../schema/types';
import type { QueryContext } from './api';
import type { FieldPath } from './ast';
import { executeSoql, resolveFromObject } from './execute';
import { resolvePath } from './field-paths';
import { parseSoql } from './parser';

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

/** The Apex type of a field (Salesforce number fields are Decimal in Apex, references are Id). */
const APEX_TYPES: Record<FieldType, string> = {
  id: 'Id', reference: 'Id', string: 'String', textarea: 'String', picklist: 'String', multipicklist: 'String',
  email: 'String', url: 'String', phone: 'String', boolean: 'Boolean', int: 'Integer', long: 'Long',
  double: 'Decimal', currency: 'Decimal', percent: 'Decimal', datetime: 'Datetime', date: 'Date', time: 'Time', base64: 'Blob', json: 'String',
};
const NUMBER_TYPES = new Set<FieldType>(['int', 'long', 'double', 'currency', 'percent']);
// Id and reference columns are not text in Salesforce's answer (apexType 'Id', textType false).
const TEXT_TYPES = new Set<FieldType>(['string', 'textarea', 'picklist', 'multipicklist', 'email', 'url', 'phone', 'json']);

function fieldColumn(field: FieldDef): ColumnMetadata {
  return {
    aggregate: false, apexType: APEX_TYPES[field.type], booleanType: field.type === 'boolean', columnName: field.name,
    custom: field.name.endsWith('__c'), displayName: field.name, foreignKeyName: null, insertable: field.createable ?? false,
    joinColumns: [], numberType: NUMBER_TYPES.has(field.type), textType: TEXT_TYPES.has(field.type), updatable: field.updateable ?? false,
  };
}

function relationshipColumn(via: FieldDef): ColumnMetadata {
  const name = via.relationshipName as string;
  return {
    aggregate: false, apexType: null, booleanType: false, columnName: name, custom: via.name.endsWith('__c'), displayName: name,
    foreignKeyName: via.name, insertable: false, joinColumns: [], numberType: false, textType: false, updatable: false,
  };
}

/** Adds one SELECT path, grouping parent paths of one relationship under one column, as the projection does. */
function addPath(columns: ColumnMetadata[], path: FieldPath, root: SObjectDef, ctx: QueryContext, soql: string): void {
  const resolved = resolvePath(path, root, ctx.schema, soql);
  let level = columns;
  for (const hop of resolved.hops) {
    let parent = level.find((c) => c.foreignKeyName === hop.via.name);
    if (!parent) {
      parent = relationshipColumn(hop.via);
      level.push(parent);
    }
    level = parent.joinColumns;
  }
  level.push(fieldColumn(resolved.field));
}

/**
 * The column metadata of `soql`. The query is checked exactly as executing it would be (same
 * errors), without reading a record. `COUNT()` has no columns.
 */
export function describeColumns(soql: string, ctx: QueryContext): QueryColumns {
  executeSoql(soql, { ...ctx, records: () => [] });
  const statement = parseSoql(soql);
  const root = resolveFromObject(statement.from, ctx.schema, soql);
  const columns: ColumnMetadata[] = [];
  let idSelected = false;
  for (const item of statement.items) {
    if (item.kind !== 'field') continue;
    addPath(columns, item.path, root, ctx, soql);
    idSelected ||= item.path.segments.length === 1 && item.path.segments[0]?.text.toLowerCase() === 'id';
  }
  return { columnMetadata: columns, entityName: root.name, groupBy: false, idSelected, keyPrefix: root.keyPrefix || null };
}
