/**
 * One field of `GET /sobjects/<Type>/describe`, with every key of Salesforce's DescribeFieldResult
 * (jsforce's `Field` type), derived from the simulator's FieldDef. Rules from the SOAP/REST
 * describe reference: `soapType` per field type (ids and references `tns:ID`), `byteLength` three
 * bytes per character of text, datetime/number/long-text/multi-select fields neither groupable
 * nor (long text, multi-select, blobs) sortable, `namePointing` / `polymorphicForeignKey` for
 * references that can point at several objects.
 */
import type { FieldDef, FieldType } from '../schema/types';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', picklist: 'xsd:string', multipicklist: 'xsd:string',
  email: 'xsd:string', url: 'xsd:string', phone: 'xsd:string', boolean: 'xsd:boolean', int: 'xsd:int', long: 'xsd:long',
  double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double', datetime: 'xsd:dateTime', date: 'xsd:date', time: 'xsd:time',
  base64: 'xsd:base64Binary',
  // ApiEvent / ReportEvent `Records`: a JSON document carried as a string (the describe's soapType is not documented).
  json: 'xsd:string',
};
const TEXT_TYPES = new Set<FieldType>(['string', 'textarea', 'picklist', 'multipicklist', 'email', 'url', 'phone', 'id', 'reference', 'json']);
const DECIMAL_TYPES = new Set<FieldType>(['double', 'currency', 'percent']);
const NOT_GROUPABLE = new Set<FieldType>(['textarea', 'multipicklist', 'base64', 'datetime', 'double', 'currency', 'percent', 'json']);
const NOT_SORTABLE = new Set<FieldType>(['textarea', 'multipicklist', 'base64', 'json']);
const NOT_AGGREGATABLE = new Set<FieldType>(['textarea', 'multipicklist', 'base64', 'boolean', 'json']);

/** `LoginTime` → "Login Time", `UserId` → "User ID", `SourceIp` → "Source IP" (Salesforce's label style). */
export function fieldLabel(field: FieldDef): string {
  if (field.label) return field.label;
  return field.name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/\bId\b/g, 'ID')
    .replace(/\bIp\b/g, 'IP');
}

function textLength(f: FieldDef): number {
  if (!TEXT_TYPES.has(f.type)) return 0;
  return f.length ?? (f.type === 'picklist' || f.type === 'multipicklist' ? 255 : 18);
}

function numbers(f: FieldDef): Record<string, number> {
  return { digits: f.type === 'int' ? 9 : f.type === 'long' ? 18 : 0, precision: DECIMAL_TYPES.has(f.type) ? 18 : 0, scale: 0 };
}

function flags(f: FieldDef): Record<string, boolean> {
  const filterable = f.filterable ?? true;
  const custom = f.name.endsWith('__c');
  const polymorphic = (f.referenceTo?.length ?? 0) > 1;
  return {
    aggregatable: filterable && !NOT_AGGREGATABLE.has(f.type), autoNumber: f.autoNumber !== undefined, calculated: f.calculated ?? false,
    cascadeDelete: false, caseSensitive: f.caseSensitive ?? false, createable: f.createable ?? false, custom,
    defaultedOnCreate: f.type === 'boolean' || f.name === 'Id' || f.name === 'OwnerId' || f.autoNumber !== undefined,
    dependentPicklist: false, deprecatedAndHidden: false, displayLocationInDecimal: false, encrypted: false, externalId: f.externalId ?? false,
    filterable, groupable: filterable && !NOT_GROUPABLE.has(f.type), highScaleNumber: false, htmlFormatted: false,
    idLookup: f.name === 'Id' || (f.externalId ?? false), nameField: f.name === 'Name', namePointing: polymorphic, nillable: f.nillable ?? true,
    permissionable: custom && (f.nillable ?? true), polymorphicForeignKey: polymorphic, queryByDistance: false, restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist ?? false, searchPrefilterable: false, sortable: filterable && !NOT_SORTABLE.has(f.type),
    unique: f.unique ?? false, updateable: f.updateable ?? false, writeRequiresMasterRead: false,
  };
}

export function fieldDescribe(f: FieldDef): Record<string, unknown> {
  const length = textLength(f);
  return {
    ...flags(f), ...numbers(f), byteLength: length * 3, calculatedFormula: null, compoundFieldName: null, controllerName: null,
    defaultValue: f.defaultValue ?? null, defaultValueFormula: null, extraTypeInfo: null, filteredLookupInfo: null, inlineHelpText: null,
    label: fieldLabel(f), length, mask: null, maskType: null, name: f.name,
    picklistValues: (f.picklistValues ?? []).map((v) => ({ active: true, defaultValue: false, label: v, validFor: null, value: v })),
    referenceTargetField: null, referenceTo: f.referenceTo ?? [], relationshipName: f.relationshipName ?? null, relationshipOrder: null,
    soapType: SOAP_TYPES[f.type], type: f.type,
  };
}
