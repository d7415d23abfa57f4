/**
 * ORDER BY: every sort key is read and normalised once per row (decorate-sort-undecorate),
 * text sorts case-insensitively, nulls go first for ASC and last for DESC unless NULLS FIRST /
 * NULLS LAST says otherwise, and ties keep store order (Array.prototype.sort is stable).
 */
import type { FieldDef, SimRecord, SObjectDef } from '../schema/types';
import type { QueryContext } from './api';
import type { OrderItem } from './ast';
import { soqlErrorAt } from './error-location';
import { fieldKind, isSortable, normaliser, type Comparable } from './field-kinds';
import { pathReader, resolvePath } from './field-paths';

interface SortKey {
  extract: (record: SimRecord) => Comparable | null;
  descending: boolean;
  nullsFirst: boolean;
}

export type Sorter = (records: SimRecord[]) => SimRecord[];

/**
 * "Picklist sorting is defined by the picklist sort determined during setup": known values sort
 * in definition order, values outside the list after them alphabetically. Without a known value
 * list the field sorts alphabetically like text.
 */
function picklistNormaliser(field: FieldDef): ((value: unknown) => Comparable | null) | undefined {
  if (field.type !== 'picklist' || !field.picklistValues?.length) return undefined;
  const rank = new Map(field.picklistValues.map((v, i) => [v.toUpperCase(), i]));
  const text = normaliser('text');
  return (value) => {
    const upper = text(value);
    if (upper === null) return null;
    const index = rank.get(upper as string);
    return index === undefined ? `\u0001${upper as string}` : `\u0000${String(index).padStart(6, '0')}`;
  };
}

function sortKey(item: OrderItem, root: SObjectDef, ctx: QueryContext, soql: string): SortKey {
  const resolved = resolvePath(item.path, root, ctx.schema, soql);
  const kind = fieldKind(resolved.field);
  if (!isSortable(resolved.field)) {
    throw soqlErrorAt('INVALID_FIELD', soql, item.path.pos, `field '${resolved.field.name}' can not be sorted in a query call`);
  }
  const read = pathReader(resolved, ctx);
  const normalise = picklistNormaliser(resolved.field) ?? normaliser(kind);
  return { extract: (r) => normalise(read(r)), descending: item.descending, nullsFirst: item.nullsFirst };
}

function compareKeys(a: (Comparable | null)[], b: (Comparable | null)[], keys: SortKey[]): number {
  for (let i = 0; i < keys.length; i += 1) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    const key = keys[i] as SortKey;
    if (x === null) return key.nullsFirst ? -1 : 1;
    if (y === null) return key.nullsFirst ? 1 : -1;
    const order = x < y ? -1 : 1;
    return key.descending ? -order : order;
  }
  return 0;
}

export function compileOrdering(items: OrderItem[], root: SObjectDef, ctx: QueryContext, soql: string): Sorter {
  const keys = items.map((item) => sortKey(item, root, ctx, soql));
  if (keys.length === 0) return (records) => records;
  return (records) => {
    const decorated = records.map((record) => ({ record, values: keys.map((k) => k.extract(record)) }));
    decorated.sort((a, b) => compareKeys(a.values, b.values, keys));
    return decorated.map((d) => d.record);
  };
}
