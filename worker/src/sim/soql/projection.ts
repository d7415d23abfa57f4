/**
 * Shapes result rows like REST query records: `attributes` first, then the selected fields in
 * SELECT order under their canonical names; parent paths grouped into one nested object per
 * relationship (with its own `attributes`), or `null` when the reference is empty or dangling.
 */
import type { FieldDef, SimRecord, SObjectDef } from '../schema/types';
import type { QueryContext, ResultRow } from './api';
import type { FieldPath } from './ast';
import { BIG_OBJECT_EMPTY_ID } from './big-object-rules';
import { soqlErrorAt } from './error-location';
import { followReference, resolvePath } from './field-paths';

type PlanNode =
  | { kind: 'leaf'; field: FieldDef }
  | { kind: 'parent'; via: FieldDef; target: SObjectDef; children: PlanNode[] };

export type Projection = (record: SimRecord) => ResultRow;

function findParent(nodes: PlanNode[], via: FieldDef): Extract<PlanNode, { kind: 'parent' }> | undefined {
  for (const node of nodes) if (node.kind === 'parent' && node.via.name === via.name) return node;
  return undefined;
}

function addPath(plan: PlanNode[], path: FieldPath, root: SObjectDef, ctx: QueryContext, soql: string): void {
  const resolved = resolvePath(path, root, ctx.schema, soql);
  let nodes = plan;
  for (const hop of resolved.hops) {
    let parent = findParent(nodes, hop.via);
    if (!parent) {
      parent = { kind: 'parent', via: hop.via, target: hop.target, children: [] };
      nodes.push(parent);
    }
    nodes = parent.children;
  }
  if (nodes.some((n) => n.kind === 'leaf' && n.field.name === resolved.field.name)) {
    const last = path.segments[path.segments.length - 1];
    throw soqlErrorAt('INVALID_FIELD', soql, last?.pos ?? path.pos, `duplicate field selected: ${resolved.field.name}`);
  }
  nodes.push({ kind: 'leaf', field: resolved.field });
}

function attributes(type: string, id: unknown, apiVersion: string): { type: string; url: string } {
  return { type, url: `/services/data/v${apiVersion}/sobjects/${type}/${String(id)}` };
}

/** REST query results carry a blob's download URL in base64 fields, not the data. */
function outputValue(field: FieldDef, record: SimRecord, type: string, apiVersion: string): unknown {
  const value = record[field.name] ?? null;
  if (field.type !== 'base64' || value === null) return value;
  return `/services/data/v${apiVersion}/sobjects/${type}/${record.Id}/${field.name}`;
}

function fill(nodes: PlanNode[], record: SimRecord, type: string, ctx: QueryContext): ResultRow {
  const out: ResultRow = { attributes: attributes(type, record.Id, ctx.apiVersion) };
  for (const node of nodes) {
    if (node.kind === 'leaf') {
      out[node.field.name] = outputValue(node.field, record, type, ctx.apiVersion);
      continue;
    }
    const parent = followReference(record, node.via, ctx);
    out[node.via.relationshipName as string] = parent ? fill(node.children, parent, node.target.name, ctx) : null;
  }
  return out;
}

/**
 * Validates the SELECT paths (unknown fields, duplicates) and returns the row builder. Big object
 * rows have no real id: Salesforce answers every one as the empty id (in `Id` and the URL).
 */
export function buildProjection(paths: FieldPath[], root: SObjectDef, ctx: QueryContext, soql: string): Projection {
  const plan: PlanNode[] = [];
  for (const path of paths) addPath(plan, path, root, ctx, soql);
  if (root.bigObject) return (record) => fill(plan, { ...record, Id: BIG_OBJECT_EMPTY_ID }, root.name, ctx);
  return (record) => fill(plan, record, root.name, ctx);
}
