/**
 * Type-checks a WHERE literal against its field and turns it into the normalised key the
 * field's stored values are compared with. Mismatches fail the way Salesforce fails them:
 * INVALID_FIELD "value of filter criterion for field 'X' must be of type T and should (not) be
 * enclosed in quotes", and INVALID_QUERY_FILTER_OPERATOR "invalid ID field" for malformed ids.
 */
import type { FieldDef, SimRecord } from '../schema/types';
import type { Literal } from './ast';
import { soqlErrorAt, unsupportedAt } from './error-location';
import { filterTypeName, type Comparable, type FieldKind } from './field-kinds';

export interface FilterField {
  field: FieldDef;
  kind: FieldKind;
  read: (record: SimRecord) => unknown;
  normalise: (value: unknown) => Comparable | null;
}

const ID_RE = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
const ID_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * 15-char ids are case-sensitive; 18-char ids are not, because their suffix records which of the
 * first 15 characters are upper case. Returns the case-restored 15-char id (undefined: bad suffix).
 */
function canonicalId15(id: string): string | undefined {
  if (id.length === 15) return id;
  let out = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    const bits = ID_SUFFIX_ALPHABET.indexOf(id.charAt(15 + chunk).toUpperCase());
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i += 1) {
      const ch = id.charAt(chunk * 5 + i);
      out += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return out;
}

export function typeMismatch(f: FilterField, literal: Literal, soql: string): Error {
  const quoted = f.kind === 'text' || f.kind === 'id';
  return soqlErrorAt('INVALID_FIELD', soql, literal.pos,
    `value of filter criterion for field '${f.field.name}' must be of type ${filterTypeName(f.field)} and should ${quoted ? '' : 'not '}be enclosed in quotes`);
}

function stringValue(literal: Extract<Literal, { kind: 'string' }>, soql: string): string {
  if (literal.wildcardEscape) {
    throw soqlErrorAt('MALFORMED_QUERY', soql, literal.pos, 'Invalid string literal: \\% and \\_ are only valid in LIKE patterns');
  }
  return literal.value;
}

/** Salesforce stores no empty text: `Field = ''` means `Field = null`. */
export function isEmptyTextLiteral(literal: Literal, f: FilterField): boolean {
  return f.kind === 'text' && literal.kind === 'string' && literal.value === '';
}

export function literalKey(literal: Literal, f: FilterField, soql: string): Comparable {
  switch (f.kind) {
    case 'text':
      if (literal.kind === 'string') return stringValue(literal, soql).toUpperCase();
      break;
    case 'id':
      if (literal.kind === 'string') {
        const id = stringValue(literal, soql);
        const canonical = ID_RE.test(id) ? canonicalId15(id) : undefined;
        if (canonical === undefined) throw soqlErrorAt('INVALID_QUERY_FILTER_OPERATOR', soql, literal.pos, `invalid ID field: ${id}`);
        return canonical;
      }
      break;
    case 'number':
      if (literal.kind === 'number') return literal.value;
      break;
    case 'boolean':
      if (literal.kind === 'boolean') return literal.value;
      break;
    case 'date':
    case 'datetime':
      if (literal.kind === f.kind) return literal.epochMs;
      break;
    case 'time':
    case 'multipicklist':
    case 'base64':
      throw unsupportedAt(soql, literal.pos, `Filtering ${f.field.type} field '${f.field.name}' on anything but null`);
  }
  throw typeMismatch(f, literal, soql);
}
