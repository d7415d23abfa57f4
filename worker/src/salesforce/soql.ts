/**
 * The only way OrgWarden builds SOQL: a tagged template that turns every interpolated value into
 * an escaped literal. `soql\`SELECT Id FROM User WHERE Username = ${name}\`` is safe for any
 * `name`; a raw fragment must be marked explicitly with `raw()` (field lists, constants).
 */

const RAW = Symbol('soql.raw');

export interface RawSoql {
  readonly [RAW]: string;
}

export type SoqlValue = string | number | boolean | Date | null | RawSoql | readonly (string | number)[];

/** A trusted fragment (a constant field list, an operator) that must not be quoted. */
export function raw(fragment: string): RawSoql {
  if (/['\\;]/.test(fragment)) throw new Error(`raw SOQL fragment must not contain quotes, backslashes or semicolons: ${fragment}`);
  return { [RAW]: fragment };
}

export function soql(strings: TemplateStringsArray, ...values: SoqlValue[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += literal(value) + (strings[i + 1] ?? '');
  });
  return out;
}

/** SOQL literal for one value; throws on values SOQL cannot express (NaN, Infinity). */
export function literal(value: SoqlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'object' && RAW in value) return value[RAW];
  if (value instanceof Date) return dateTimeLiteral(value.getTime());
  if (Array.isArray(value)) {
    if (value.length === 0) throw new Error('SOQL IN list must not be empty');
    return `(${value.map((item: string | number) => literal(item)).join(', ')})`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number for SOQL: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${escapeString(value as string)}'`;
}

/** Escapes the body of a single-quoted SOQL string (Salesforce's documented escape sequences). */
export function escapeString(text: string): string {
  return text.replace(/[\\'"\n\r\t\b\f]/g, (ch) => ESCAPES[ch] ?? ch);
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A LIKE pattern matching `text` literally, with `%`/`_` wildcards escaped. */
export function likeLiteral(text: string, { prefix = false, suffix = false } = {}): RawSoql {
  const body = escapeString(text).replace(/[%_]/g, (ch) => `\\${ch}`);
  return { [RAW]: `'${prefix ? '%' : ''}${body}${suffix ? '%' : ''}'` };
}

/** `2026-11-20T00:00:00Z`: SOQL datetime literal, unquoted, whole seconds (floored). */
export function dateTimeLiteral(timeMs: number): string {
  if (!Number.isFinite(timeMs)) throw new Error('invalid date for SOQL');
  return new Date(Math.floor(timeMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
