/**
 * Resolves `LoginGeo.Country`-style paths against the schema (case-insensitively) and reads
 * them from records by following reference fields through `ctx.getById`.
 */
import type { FieldDef, Schema, SimRecord, SObjectDef } from '../schema/types';
import type { QueryContext } from './api';
import type { FieldPath, PathSegment } from './ast';
import { soqlErrorAt, unsupportedAt } from './error-location';

export interface Hop {
  /** The reference field followed (`LoginGeoId`); its relationshipName is the path segment. */
  via: FieldDef;
  target: SObjectDef;
}

export interface ResolvedPath {
  hops: Hop[];
  field: FieldDef;
  owner: SObjectDef;
  /** Canonical dotted path (`LoginGeo.Country`). */
  canonical: string;
}

const relationshipIndexes = new WeakMap<SObjectDef, Map<string, FieldDef>>();

function relationshipIndex(object: SObjectDef): Map<string, FieldDef> {
  let index = relationshipIndexes.get(object);
  if (!index) {
    index = new Map();
    for (const field of object.fields.values()) {
      if (field.type === 'reference' && field.relationshipName) index.set(field.relationshipName.toLowerCase(), field);
    }
    relationshipIndexes.set(object, index);
  }
  return index;
}

function noSuchRelationship(soql: string, seg: PathSegment) {
  return soqlErrorAt('INVALID_FIELD', soql, seg.pos,
    `Didn't understand relationship '${seg.text}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
}

function followRelationship(current: SObjectDef, seg: PathSegment, isFirst: boolean, schema: Schema, soql: string): Hop {
  const via = relationshipIndex(current).get(seg.text.toLowerCase());
  if (!via) {
    if (isFirst && seg.text.toLowerCase() === current.name.toLowerCase()) {
      throw unsupportedAt(soql, seg.pos, `Prefixing fields with the object name ('${seg.text}.')`);
    }
    throw noSuchRelationship(soql, seg);
  }
  const targets = via.referenceTo ?? [];
  if (targets.length !== 1) throw unsupportedAt(soql, seg.pos, `Polymorphic relationship '${seg.text}'`);
  const target = schema.get(targets[0] as string);
  if (!target) throw noSuchRelationship(soql, seg);
  return { via, target };
}

export function resolvePath(path: FieldPath, root: SObjectDef, schema: Schema, soql: string): ResolvedPath {
  const hops: Hop[] = [];
  let current = root;
  const segments = path.segments;
  for (let i = 0; i < segments.length - 1; i += 1) {
    const hop = followRelationship(current, segments[i] as PathSegment, i === 0, schema, soql);
    hops.push(hop);
    current = hop.target;
  }
  const last = segments[segments.length - 1] as PathSegment;
  const field = current.fields.get(last.text.toLowerCase());
  if (!field) {
    throw soqlErrorAt('INVALID_FIELD', soql, last.pos,
      `No such column '${last.text}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  const canonical = [...hops.map((h) => h.via.relationshipName as string), field.name].join('.');
  return { hops, field, owner: current, canonical };
}

/** The parent record a reference value points at, or undefined when empty or dangling. */
export function followReference(record: SimRecord, via: FieldDef, ctx: QueryContext): SimRecord | undefined {
  const id = record[via.name];
  return typeof id === 'string' && id !== '' ? ctx.getById(id) : undefined;
}

/** A function reading the path's raw stored value from a root record (null when absent). */
export function pathReader(path: ResolvedPath, ctx: QueryContext): (record: SimRecord) => unknown {
  const fieldName = path.field.name;
  if (path.hops.length === 0) return (record) => record[fieldName] ?? null;
  const hops = path.hops;
  return (record) => {
    let current: SimRecord | undefined = record;
    for (const hop of hops) {
      current = followReference(current, hop.via, ctx);
      if (!current) return null;
    }
    return current[fieldName] ?? null;
  };
}
