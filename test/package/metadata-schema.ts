/**
 * Checks metadata XML against the Metadata API's own schema: element names, required elements,
 * boolean, number and enumeration values, and the length limits Salesforce enforces on deploy.
 * This catches the mistakes that only a deploy would otherwise report (a misspelt element, "yes"
 * for a boolean, "Visble" for a tab visibility, a 300-character description).
 *
 * The schema is `@salesforce/types`' metadata.d.ts: TypeScript types generated from the current
 * Metadata API WSDL (forcedotcom/wsdl), which `@salesforce/source-deploy-retrieve` — and so the
 * `sf` CLI — depends on. jsforce ships an older schema that predates Lightning pages' current shape
 * (`itemInstances`, API 47+), so it cannot check FlexiPages.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { XmlChild, XmlElement } from './source-metadata';

interface Prop {
  type: string;
  required: boolean;
  repeated: boolean;
}
interface SchemaType {
  props: Record<string, Prop>;
  bases: string[];
}

const PRIMITIVES = new Set(['string', 'boolean', 'number', 'any']);

/** The generated declarations: where npm put `@salesforce/types` for the CLI's source library. */
export function metadataDeclarationsPath(): string {
  const sdr = dirname(require.resolve('@salesforce/source-deploy-retrieve/package.json'));
  return join(dirname(require.resolve('@salesforce/types/metadata', { paths: [sdr] })), 'metadata.d.ts');
}

/**
 * Parses the declarations' two shapes: `export type E = 'a' | 'b';` (an enumeration) and
 * `export type T = Base & { name?: Type; list: Type[]; };` (a complex type; arrays are repeated
 * elements and optional, as in the WSDL; `?` marks optional single elements).
 */
export function parseDeclarations(source: string): { types: Map<string, SchemaType>; enums: Map<string, string[]> } {
  const types = new Map<string, SchemaType>();
  const enums = new Map<string, string[]>();
  let current: SchemaType | undefined;
  for (const line of source.split('\n')) {
    const enumMatch = /^export type (\w+) = ('.*');$/.exec(line);
    if (enumMatch) {
      enums.set(enumMatch[1] as string, [...(enumMatch[2] as string).matchAll(/'([^']*)'/g)].map((m) => m[1] as string));
      continue;
    }
    const typeMatch = /^export type (\w+) = ((?:\w+ & )*)\{$/.exec(line);
    if (typeMatch) {
      current = { props: {}, bases: (typeMatch[2] as string).split(' & ').map((b) => b.trim()).filter(Boolean) };
      types.set(typeMatch[1] as string, current);
      continue;
    }
    if (line === '};') {
      current = undefined;
      continue;
    }
    const propMatch = current && /^ {4}(\w+)(\?)?: (\w+)(\[\])?;$/.exec(line);
    if (current && propMatch) {
      const repeated = propMatch[4] !== undefined;
      current.props[propMatch[1] as string] = { type: propMatch[3] as string, repeated, required: !repeated && propMatch[2] === undefined };
    }
  }
  return { types, enums };
}

const { types: TYPES, enums: ENUMS } = parseDeclarations(readFileSync(metadataDeclarationsPath(), 'utf8'));

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
  '.flexipage-meta.xml': 'FlexiPage',
  '.quickAction-meta.xml': 'QuickAction',
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
  'CustomTab.description': 1000,
  'CustomApplication.label': 255,
  'CustomApplication.description': 255,
  'FlexiPage.masterLabel': 255,
  'FlexiPage.description': 255,
  'QuickAction.label': 40,
  'QuickAction.description': 255,
  'QuickAction.successMessage': 255,
};

/** The props of a type including those it inherits (e.g. fullName from Metadata). */
function propsOf(type: string): Record<string, Prop> {
  const schema = TYPES.get(type);
  if (!schema) return {};
  return Object.assign({}, ...schema.bases.map(propsOf), schema.props) as Record<string, Prop>;
}

function valueViolation(where: string, type: string, value: string): string | undefined {
  if (type === 'boolean' && value !== 'true' && value !== 'false') return `${where}: "${value}" is not true or false`;
  if (type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) return `${where}: "${value}" is not a number`;
  const allowed = ENUMS.get(type);
  if (allowed && !allowed.includes(value)) return `${where}: "${value}" is not a ${type} (${allowed.slice(0, 12).join(', ')}${allowed.length > 12 ? ', …' : ''})`;
  return undefined;
}

/** Violations of one element of the given Metadata API type, and recursively of its children. */
export function schemaViolations(type: string, element: XmlElement, where: string): string[] {
  if (!TYPES.has(type)) return [`${where}: ${type} is not a Metadata API type`];
  const props = propsOf(type);
  const violations: string[] = [];
  for (const [tag, children] of Object.entries(element)) {
    const prop = props[tag];
    const path = `${where}/${tag}`;
    if (prop === undefined) {
      violations.push(`${path}: ${type} has no element <${tag}>`);
      continue;
    }
    if (!prop.repeated && children.length > 1) violations.push(`${path}: <${tag}> may appear once, found ${children.length}`);
    for (const child of children) violations.push(...childViolations(type, tag, prop.type, child, path));
  }
  for (const [tag, prop] of Object.entries(props)) {
    if (prop.required && element[tag] === undefined) violations.push(`${where}: ${type} requires <${tag}>`);
  }
  return violations;
}

function childViolations(parentType: string, tag: string, childType: string, child: XmlChild, path: string): string[] {
  if (PRIMITIVES.has(childType) || ENUMS.has(childType)) {
    if (typeof child !== 'string') return childType === 'any' ? [] : [`${path}: expected a ${childType} value, found elements`];
    const violations = [valueViolation(path, childType, child)].filter((v): v is string => v !== undefined);
    const limit = MAX_LENGTHS[`${parentType}.${tag}`];
    if (limit !== undefined && child.length > limit) violations.push(`${path}: ${child.length} characters, the limit is ${limit}`);
    return violations;
  }
  if (!TYPES.has(childType)) return [`${path}: the schema's type ${childType} is unknown to this checker`];
  return schemaViolations(childType, typeof child === 'string' ? {} : child, path);
}
