/**
 * How each describe type behaves in filters and sorts: which literal it takes, and the
 * normalised form its values are compared in (case-folded text, epoch ms, 15-char ids …).
 */
import type { FieldDef, FieldType } from '../schema/types';
import { dateValueToMs, datetimeValueToMs } from './temporal-values';

export type FieldKind =
  | 'text'
  | 'id'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'multipicklist'
  | 'base64';

const KIND_BY_TYPE: Record<FieldType, FieldKind> = {
  id: 'id',
  reference: 'id',
  string: 'text',
  picklist: 'text',
  email: 'text',
  url: 'text',
  phone: 'text',
  textarea: 'text',
  multipicklist: 'multipicklist',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  datetime: 'datetime',
  date: 'date',
  time: 'time',
  base64: 'base64',
  json: 'text',
};

export function fieldKind(field: FieldDef): FieldKind {
  return KIND_BY_TYPE[field.type];
}

/** Long text areas: Salesforce can neither filter nor sort them, whatever else describe says. */
function isLongTextArea(field: FieldDef): boolean {
  return field.type === 'textarea' && (field.length ?? 0) > 255;
}

export function isFilterable(field: FieldDef): boolean {
  return field.filterable !== false && field.type !== 'base64' && field.type !== 'json' && !isLongTextArea(field);
}

export function isSortable(field: FieldDef): boolean {
  return field.type !== 'base64' && field.type !== 'multipicklist' && field.type !== 'json' && !isLongTextArea(field);
}

/** Type names as Salesforce spells them in "value of filter criterion … must be of type X". */
export function filterTypeName(field: FieldDef): string {
  switch (field.type) {
    case 'int':
      return 'integer';
    case 'datetime':
      return 'dateTime';
    case 'reference':
      return 'id';
    default:
      return field.type;
  }
}

export type Comparable = string | number | boolean;

/**
 * Text compares case-insensitively on upper-cased values (Salesforce: English-locale sorting uses
 * the upper-case UTF-8 values); ids compare on their case-sensitive 15-character form so a
 * 15-char literal matches an 18-char stored id.
 */
export function normaliser(kind: FieldKind): (value: unknown) => Comparable | null {
  switch (kind) {
    case 'text':
    case 'multipicklist':
      // Salesforce keeps no empty text values: '' reads as null.
      return (v) => (v === null || v === undefined || v === '' ? null : String(v).toUpperCase());
    case 'id':
      return (v) => (typeof v === 'string' && v !== '' ? v.slice(0, 15) : null);
    case 'number':
      return (v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : null);
    case 'date':
      return dateValueToMs;
    case 'datetime':
      return datetimeValueToMs;
    case 'time':
    case 'base64':
      return (v) => (typeof v === 'string' ? v : null);
  }
}
