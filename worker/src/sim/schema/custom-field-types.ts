/**
 * How a custom field's Metadata API type (`<type>` in `*.field-meta.xml`) appears in describe:
 * Salesforce's "Field Types" mapping (Text → string, Number → double, Lookup → reference, …).
 */
import type { FieldDef, FieldType } from './types';

/** The parsed `<CustomField>` element, values as strings (nested `valueSet` kept as parsed). */
export type CustomFieldXml = Record<string, unknown>;

const METADATA_TO_DESCRIBE: Record<string, FieldType> = {
  Text: 'string',
  EncryptedText: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Lookup: 'reference',
  MasterDetail: 'reference',
  Hierarchy: 'reference',
  AutoNumber: 'string',
  Summary: 'double',
};

// Default lengths Salesforce applies when the metadata does not say (TextArea is always 255).
const DEFAULT_LENGTH: Partial<Record<string, number>> = {
  Text: 255, TextArea: 255, LongTextArea: 32768, Html: 32768, Email: 80, Phone: 40, Url: 255,
  Picklist: 255, MultiselectPicklist: 4099, AutoNumber: 30, EncryptedText: 175,
};

export function isSupportedMetadataType(type: string): boolean {
  return type in METADATA_TO_DESCRIBE;
}

function text(xml: CustomFieldXml, key: string): string | undefined {
  const v = xml[key];
  return typeof v === 'string' ? v.trim() : undefined;
}

function flag(xml: CustomFieldXml, key: string): boolean {
  return text(xml, key) === 'true';
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

// Metadata API URL-encodes some characters of picklist API names (`%28` for `(`).
function decodeValueName(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

type PicklistFacts = Pick<FieldDef, 'picklistValues' | 'restrictedPicklist' | 'defaultValue'>;

/** Values, restriction and default (`<default>true</default>`, applied on create as Salesforce does). */
function picklist(xml: CustomFieldXml): PicklistFacts {
  const valueSet = xml['valueSet'] as Record<string, unknown> | undefined;
  const definition = valueSet?.['valueSetDefinition'] as Record<string, unknown> | undefined;
  const entries = asArray(definition?.['value']).map((v) => v as Record<string, unknown>);
  const values = entries.map((v) => v['fullName']).filter((v): v is string => typeof v === 'string').map(decodeValueName);
  const byDefault = entries.find((v) => v['default'] === 'true')?.['fullName'];
  const facts: PicklistFacts = { restrictedPicklist: valueSet?.['restricted'] === 'true' };
  if (values.length) facts.picklistValues = values;
  if (typeof byDefault === 'string') facts.defaultValue = decodeValueName(byDefault);
  return facts;
}

/** The describe view of one custom field. Throws when `<type>` is not one the simulator maps. */
export function customFieldDef(xml: CustomFieldXml): FieldDef {
  const name = text(xml, 'fullName') ?? '';
  const metaType = text(xml, 'type') ?? '';
  const type = METADATA_TO_DESCRIBE[metaType];
  if (!type) throw new Error(`field ${name}: metadata type '${metaType}' is not supported by the simulator`);
  const calculated = text(xml, 'formula') !== undefined || metaType === 'Summary';
  const readOnly = calculated || metaType === 'AutoNumber';
  // Checkboxes are never null; master-detail and <required>true</required> fields must be set.
  const required = flag(xml, 'required') || metaType === 'MasterDetail';
  const field: FieldDef = {
    name,
    type,
    createable: !readOnly,
    updateable: !readOnly,
    nillable: type !== 'boolean' && !required,
    filterable: metaType !== 'LongTextArea' && metaType !== 'Html' && metaType !== 'MultiselectPicklist',
    externalId: flag(xml, 'externalId'),
    unique: flag(xml, 'unique'),
  };
  const label = text(xml, 'label');
  if (label) field.label = label;
  if (flag(xml, 'caseSensitive')) field.caseSensitive = true;
  const length = Number(text(xml, 'length') ?? DEFAULT_LENGTH[metaType]);
  if (Number.isFinite(length) && length > 0) field.length = length;
  if (type === 'reference') {
    field.referenceTo = [text(xml, 'referenceTo') ?? 'User'];
    field.relationshipName = name.replace(/__c$/i, '__r');
  }
  if (type === 'picklist' || type === 'multipicklist') Object.assign(field, picklist(xml));
  if (type === 'boolean') field.defaultValue = text(xml, 'defaultValue') === 'true';
  if (calculated) field.calculated = true;
  if (metaType === 'AutoNumber') {
    field.autoNumber = { displayFormat: text(xml, 'displayFormat') ?? '{0}', startingNumber: Number(text(xml, 'startingNumber') ?? 1) };
  }
  return field;
}
