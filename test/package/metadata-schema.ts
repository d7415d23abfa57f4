/**
 * Checks metadata XML against the Metadata API's own schema, as jsforce ships it (generated from
 * the Metadata API WSDL): element names, required elements, boolean and number values, and the
 * length limits Salesforce enforces on deploy. This catches the mistakes that only a deploy would
 * otherwise report (a misspelt element, "yes" for a boolean, a 300-character description).
 */
import { ApiSchemas } from 'jsforce/lib/api/metadata/schema';
import type { XmlChild, XmlElement } from './source-metadata';

type PropType = string | readonly string[];
interface SchemaType {
  props: Record<string, PropType>;
  extends?: string;
}

const SCHEMAS = ApiSchemas as unknown as Record<string, SchemaType>;
const PRIMITIVES = new Set(['string', 'boolean', 'number', 'any']);

/** Metadata type each source-format file suffix holds (the root element must be that type). */
export const SUFFIX_TYPES: Record<string, string> = {
  '.object-meta.xml': 'CustomObject',
  '.field-meta.xml': 'CustomField',
  '.listView-meta.xml': 'ListView',
  '.compactLayout-meta.xml': 'CompactLayout',
  '.layout-meta.xml': 'Layout',
  '.permissionset-meta.xml': 'PermissionSet',
  '.profile-meta.xml': 'Profile',
  '.tab-meta.xml': 'CustomTab',
  '.app-meta.xml': 'CustomApplication',
  '.js-meta.xml': 'LightningComponentBundle',
};

/**
 * Maximum lengths, by "Type.element", that Salesforce rejects on deploy when exceeded. Only limits
 * documented for the Metadata API or the matching sObject field are listed.
 */
export const MAX_LENGTHS: Record<string, number> = {
  'CustomObject.label': 40,
  'CustomObject.pluralLabel': 40,
  'CustomObject.description': 1000,
  'CustomField.label': 40,
  'CustomField.description': 1000,
  'CustomField.inlineHelpText': 510,
  'CustomValue.fullName': 255,
  'CustomValue.label': 255,
  'ListView.label': 40,
  'PermissionSet.label': 80,
  'PermissionSet.description': 255,
  'Profile.description': 255,
};

function schemaOf(type: string): SchemaType | undefined {
  return SCHEMAS[type];
}

/** The props of a type including those it inherits (e.g. fullName from Metadata). */
function propsOf(type: string): Record<string, PropType> {
  const schema = schemaOf(type);
  if (!schema) return {};
  return { ...(schema.extends ? propsOf(schema.extends) : {}), ...schema.props };
}

function describeProp(prop: PropType): { type: string; required: boolean; repeated: boolean } {
  const repeated = Array.isArray(prop);
  const raw = (Array.isArray(prop) ? prop[0] : prop) as string;
  const optional = raw.startsWith('?');
  return { type: optional ? raw.slice(1) : raw, required: !optional && !repeated, repeated };
}

function valueViolation(where: string, type: string, value: string): string | undefined {
  if (type === 'boolean' && value !== 'true' && value !== 'false') return `${where}: "${value}" is not true or false`;
  if (type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) return `${where}: "${value}" is not a number`;
  return undefined;
}

/** Violations of one element of the given Metadata API type, and recursively of its children. */
export function schemaViolations(type: string, element: XmlElement, where: string): string[] {
  if (!schemaOf(type)) return [`${where}: ${type} is not a Metadata API type`];
  const props = propsOf(type);
  const violations: string[] = [];
  for (const [tag, children] of Object.entries(element)) {
    const prop = props[tag];
    const path = `${where}/${tag}`;
    if (prop === undefined) {
      violations.push(`${path}: ${type} has no element <${tag}>`);
      continue;
    }
    const { type: childType, repeated } = describeProp(prop);
    if (!repeated && children.length > 1) violations.push(`${path}: <${tag}> may appear once, found ${children.length}`);
    for (const child of children) violations.push(...childViolations(type, tag, childType, child, path));
  }
  for (const [tag, prop] of Object.entries(props)) {
    if (describeProp(prop).required && element[tag] === undefined) violations.push(`${where}: ${type} requires <${tag}>`);
  }
  return violations;
}

function childViolations(parentType: string, tag: string, childType: string, child: XmlChild, path: string): string[] {
  if (PRIMITIVES.has(childType)) {
    if (typeof child !== 'string') return childType === 'any' ? [] : [`${path}: expected a ${childType} value, found elements`];
    const violations = [valueViolation(path, childType, child)].filter((v): v is string => v !== undefined);
    const limit = MAX_LENGTHS[`${parentType}.${tag}`];
    if (limit !== undefined && child.length > limit) violations.push(`${path}: ${child.length} characters, the limit is ${limit}`);
    return violations;
  }
  return schemaViolations(childType, typeof child === 'string' ? {} : child, path);
}
