/**
 * Metadata components written as JSON in a fixture (`security/SecuritySettings.json` is Metadata
 * API SecuritySettings as JSON): checked once at load, then turned into the XML the Metadata API
 * returns — elements in alphabetical order (the WSDL's sequence order for these types), repeated
 * elements for arrays (`networkAccess.ipRanges`), `true`/`false` for booleans, null fields left
 * out (Salesforce omits unset fields).
 */
import type { FixtureProblem } from '../fixture/fixture-error';

// An element name must be a valid XML name: a key like `a><b` must not reach the document.
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function checkValue(value: unknown, where: string, file: string, problems: FixtureProblem[], inArray = false): void {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (Array.isArray(value) && !inArray) {
    value.forEach((v, i) => checkValue(v, `${where}[${i}]`, file, problems, true));
    return;
  }
  if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (!XML_NAME.test(key)) problems.push({ file, message: `${where ? `${where}.` : ''}${key} is not a metadata field name` });
      else checkValue(v, where ? `${where}.${key}` : key, file, problems);
    }
    return;
  }
  problems.push({ file, message: `${where} must be a string, number, boolean, object or array of those` });
}

/** Problems that would keep `raw` (a metadata component as JSON) from becoming valid XML. */
export function metadataJsonProblems(raw: unknown, file: string, problems: FixtureProblem[]): void {
  if (!isObject(raw)) {
    problems.push({ file, message: 'must be a JSON object of the metadata type\'s fields' });
    return;
  }
  checkValue(raw, '', file, problems);
}

function toXmlValue(value: Json): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(toXmlValue);
  if (value && typeof value === 'object') return metadataXmlFields(value);
  return String(value);
}

/** A component's fields as builder input: sorted element names, strings for every value. */
export function metadataXmlFields(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key] as Json | undefined;
    if (value !== null && value !== undefined) out[key] = toXmlValue(value);
  }
  return out;
}
