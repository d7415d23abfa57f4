/**
 * A record as `GET /sobjects/<Type>/<Id>` returns it: `attributes` first, then every field (or the
 * ones `?fields=` names) in describe order, base64 fields as their blob URL.
 */
import { SfHttpError } from '../http/http-errors';
import type { LabelTable } from '../i18n/label-catalog';
import { localizeRow } from '../i18n/localize-row';
import type { SObjectDef, SimRecord } from '../schema/types';

export function recordUrl(basePath: string, def: SObjectDef, id: string): string {
  return `${basePath}/sobjects/${def.name}/${id}`;
}

function selectedFields(def: SObjectDef, fieldsParam: string | null): string[] {
  if (fieldsParam === null) return [...def.fields.values()].map((f) => f.name);
  return fieldsParam
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((name) => {
      const field = def.fields.get(name.toLowerCase());
      if (!field) throw new SfHttpError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
      return field.name;
    });
}

/** `labels`: the reader's label table (`i18n/`), so labels come back in their language. */
export function recordJson(basePath: string, def: SObjectDef, record: SimRecord, fieldsParam: string | null, labels?: LabelTable): Record<string, unknown> {
  const url = recordUrl(basePath, def, record.Id);
  const out: Record<string, unknown> = { attributes: { type: def.name, url } };
  for (const name of selectedFields(def, fieldsParam)) {
    const field = def.fields.get(name.toLowerCase());
    const value = record[name] ?? null;
    out[name] = field?.type === 'base64' && value !== null ? `${url}/${name}` : value;
  }
  return labels ? localizeRow(out, labels) : out;
}
