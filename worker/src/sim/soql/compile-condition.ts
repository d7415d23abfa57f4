/**
 * Compiles a WHERE tree into one predicate, once per query: fields are resolved, literals
 * type-checked against the field (as Salesforce does, with its error codes) and parsed, and
 * relative date literals turned into ranges, so the per-row work is a read and a comparison.
 *
 * Logic is two-valued like SOQL's: a null never satisfies `=`, `<`, `LIKE` …, and always
 * satisfies `!=` / `NOT IN` unless null is among the values.
 */
import type { SimRecord, SObjectDef } from '../schema/types';
import type { QueryContext } from './api';
import type { ComparisonOperator, Condition, FieldPath, Literal } from './ast';
import { HOUR_LITERALS, resolveRelativeDate, type DateRange } from './date-literals';
import { soqlErrorAt, unsupportedAt } from './error-location';
import { fieldKind, isFilterable, normaliser, type Comparable, type FieldKind } from './field-kinds';
import { pathReader, resolvePath } from './field-paths';
import { likePatternToRegExp } from './like-pattern';
import { isEmptyTextLiteral, literalKey, typeMismatch, type FilterField } from './literal-keys';

export type Predicate = (record: SimRecord) => boolean;

export interface CompileEnv {
  root: SObjectDef;
  ctx: QueryContext;
  soql: string;
}

export function compileCondition(cond: Condition, env: CompileEnv): Predicate {
  switch (cond.kind) {
    case 'and': {
      const parts = cond.operands.map((c) => compileCondition(c, env));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = cond.operands.map((c) => compileCondition(c, env));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileCondition(cond.operand, env);
      return (r) => !inner(r);
    }
    case 'compare':
      return compileCompare(filterField(cond.path, env), cond.op, cond.value, env);
    case 'in':
      return compileIn(filterField(cond.path, env), cond.negated, cond.values, env);
    case 'like':
      return compileLike(filterField(cond.path, env), cond.pattern, env);
  }
}

function filterField(path: FieldPath, env: CompileEnv): FilterField {
  const resolved = resolvePath(path, env.root, env.ctx.schema, env.soql);
  const kind = fieldKind(resolved.field);
  if (!isFilterable(resolved.field)) {
    const last = path.segments[path.segments.length - 1];
    // Wording of a real org's answer (airbytehq/airbyte issue 62877: "field 'SystemModstamp' can not be filtered in a query call").
    throw soqlErrorAt('INVALID_FIELD', env.soql, last?.pos ?? path.pos,
      `field '${resolved.field.name}' can not be filtered in a query call`);
  }
  return { field: resolved.field, kind, read: pathReader(resolved, env.ctx), normalise: normaliser(kind) };
}

function compileCompare(f: FilterField, op: ComparisonOperator, value: Literal, env: CompileEnv): Predicate {
  const { read, normalise } = f;
  if (value.kind === 'null' || ((op === '=' || op === '!=') && isEmptyTextLiteral(value, f))) {
    if (op === '=') return (r) => normalise(read(r)) === null;
    if (op === '!=') return (r) => normalise(read(r)) !== null;
    throw soqlErrorAt('MALFORMED_QUERY', env.soql, value.pos, `null can only be compared with = or != (field '${f.field.name}')`);
  }
  if (value.kind === 'relative') return compileRange(f, op, value, env);
  if (f.kind === 'boolean' && op !== '=' && op !== '!=') {
    throw soqlErrorAt('INVALID_QUERY_FILTER_OPERATOR', env.soql, value.pos, `invalid operator on boolean field '${f.field.name}'`);
  }
  const key = literalKey(value, f, env.soql);
  return orderedPredicate((r) => normalise(read(r)), op, key);
}

function less(a: Comparable, b: Comparable): boolean {
  return (a as number) < (b as number);
}

function orderedPredicate(value: (r: SimRecord) => Comparable | null, op: ComparisonOperator, key: Comparable): Predicate {
  switch (op) {
    case '=':
      return (r) => value(r) === key;
    case '!=':
      return (r) => value(r) !== key;
    case '<':
      return (r) => { const v = value(r); return v !== null && less(v, key); };
    case '<=':
      return (r) => { const v = value(r); return v !== null && !less(key, v); };
    case '>':
      return (r) => { const v = value(r); return v !== null && less(key, v); };
    case '>=':
      return (r) => { const v = value(r); return v !== null && !less(v, key); };
  }
}

function relativeRange(f: FilterField, value: Extract<Literal, { kind: 'relative' }>, env: CompileEnv): DateRange {
  if (HOUR_LITERALS.has(value.name)) {
    if (!env.ctx.acceptHourLiterals) throw soqlErrorAt('MALFORMED_QUERY', env.soql, value.pos, `unexpected token: '${value.text}'`);
    if (f.kind !== 'datetime') throw unsupportedAt(env.soql, value.pos, `${value.name} on a date field`);
  }
  return resolveRelativeDate(value.name, value.n, env.ctx.now);
}

function compileRange(f: FilterField, op: ComparisonOperator, value: Extract<Literal, { kind: 'relative' }>, env: CompileEnv): Predicate {
  if (f.kind !== 'date' && f.kind !== 'datetime') literalKey(value, f, env.soql);
  const { startMs, endMs } = relativeRange(f, value, env);
  const ms = (r: SimRecord) => f.normalise(f.read(r)) as number | null;
  switch (op) {
    case '=':
      return (r) => { const v = ms(r); return v !== null && v >= startMs && v < endMs; };
    case '!=':
      return (r) => { const v = ms(r); return v === null || v < startMs || v >= endMs; };
    case '<':
      return (r) => { const v = ms(r); return v !== null && v < startMs; };
    case '<=':
      return (r) => { const v = ms(r); return v !== null && v < endMs; };
    case '>':
      return (r) => { const v = ms(r); return v !== null && v >= endMs; };
    case '>=':
      return (r) => { const v = ms(r); return v !== null && v >= startMs; };
  }
}

function compileIn(f: FilterField, negated: boolean, values: Literal[], env: CompileEnv): Predicate {
  const keys = new Set<Comparable>();
  let includesNull = false;
  for (const value of values) {
    if (value.kind === 'null' || isEmptyTextLiteral(value, f)) includesNull = true;
    else if (value.kind === 'relative') throw unsupportedAt(env.soql, value.pos, 'A date literal inside IN (…)');
    else keys.add(literalKey(value, f, env.soql));
  }
  const { read, normalise } = f;
  const matches = (r: SimRecord) => {
    const v = normalise(read(r));
    return v === null ? includesNull : keys.has(v);
  };
  return negated ? (r) => !matches(r) : matches;
}

const LIKE_KINDS: ReadonlySet<FieldKind> = new Set(['text']);

function compileLike(f: FilterField, pattern: Literal, env: CompileEnv): Predicate {
  if (!LIKE_KINDS.has(f.kind)) {
    throw soqlErrorAt('INVALID_QUERY_FILTER_OPERATOR', env.soql, pattern.pos,
      `invalid operator on ${f.kind} field '${f.field.name}': LIKE works on text fields only`);
  }
  if (pattern.kind !== 'string') throw typeMismatch(f, pattern, env.soql);
  const regex = likePatternToRegExp(pattern.raw);
  const { read } = f;
  return (r) => {
    const v = read(r);
    return v !== null && v !== undefined && regex.test(String(v));
  };
}
