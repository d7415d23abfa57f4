/**
 * Reads the org package's source-format metadata (force-app/main/default) into small typed
 * models, so package tests can state rules about objects, fields and permissions without an org.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const PROJECT_ROOT = join(__dirname, '..', '..');
export const SOURCE_ROOT = join(PROJECT_ROOT, 'force-app', 'main', 'default');

/** One XML element: child elements by tag, each tag always a list; leaf elements are strings. */
export interface XmlElement {
  [tag: string]: XmlChild[];
}
export type XmlChild = XmlElement | string;

// Every element becomes a list, so single and repeated elements read the same way; values stay
// strings ("true", "18") and are converted where the model needs them.
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  isArray: () => true,
});

/** Parses one metadata XML file and returns its root element's name and content; throws when it is not well-formed. */
export function readXml(path: string): { root: string; element: XmlElement } {
  const xml = readFileSync(path, 'utf8');
  // The parser is lenient (it accepts a missing end tag); the Metadata API is not.
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new Error(`${path}:${line}:${col}: not well-formed XML: ${msg}`);
  }
  const doc = parser.parse(xml) as Record<string, XmlChild[]>;
  const [root, ...others] = Object.keys(doc);
  const element = root === undefined ? undefined : doc[root]?.[0];
  if (root === undefined || others.length > 0 || element === undefined) {
    throw new Error(`${path}: expected exactly one root element`);
  }
  return { root, element: typeof element === 'string' ? {} : element };
}

export function elements(parent: XmlElement, tag: string): XmlElement[] {
  return (parent[tag] ?? []).map((child) => (typeof child === 'string' ? {} : child));
}

export function texts(parent: XmlElement, tag: string): string[] {
  return (parent[tag] ?? []).map((child) => (typeof child === 'string' ? child : ''));
}

export function text(parent: XmlElement, tag: string): string | undefined {
  return texts(parent, tag)[0];
}

export function flag(parent: XmlElement, tag: string): boolean {
  return text(parent, tag) === 'true';
}

function numberOf(parent: XmlElement, tag: string): number | undefined {
  const value = text(parent, tag);
  return value === undefined ? undefined : Number(value);
}

/** Files in a source folder with the given suffix, as [name without suffix, path]. */
export function filesIn(folder: string, suffix: string): [string, string][] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => [file.slice(0, -suffix.length), join(folder, file)]);
}

export interface PicklistValue {
  apiName: string;
  label: string;
  isDefault: boolean;
}

export interface FieldMeta {
  name: string;
  label: string;
  type: string;
  description?: string;
  inlineHelpText?: string;
  required: boolean;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  trackHistory: boolean;
  length?: number;
  visibleLines?: number;
  precision?: number;
  scale?: number;
  referenceTo?: string;
  relationshipName?: string;
  deleteConstraint?: string;
  restricted: boolean;
  values: PicklistValue[];
}

export interface ListViewMeta {
  name: string;
  label: string;
  /** Everything, Mine (records the viewer owns), … */
  filterScope: string;
  columns: string[];
  filters: { field: string; operation: string; value?: string }[];
}

export interface ObjectMeta {
  name: string;
  label?: string;
  sharingModel?: string;
  enableHistory: boolean;
  nameFieldType?: string;
  compactLayoutAssignment?: string;
  fields: Map<string, FieldMeta>;
  listViews: ListViewMeta[];
  compactLayouts: Map<string, string[]>;
}

function readField(name: string, field: XmlElement): FieldMeta {
  const valueSet = elements(field, 'valueSet')[0];
  const definition = valueSet ? elements(valueSet, 'valueSetDefinition')[0] : undefined;
  return {
    name,
    label: text(field, 'label') ?? '',
    type: text(field, 'type') ?? '',
    description: text(field, 'description'),
    inlineHelpText: text(field, 'inlineHelpText'),
    required: flag(field, 'required'),
    externalId: flag(field, 'externalId'),
    unique: flag(field, 'unique'),
    caseSensitive: flag(field, 'caseSensitive'),
    trackHistory: flag(field, 'trackHistory'),
    length: numberOf(field, 'length'),
    visibleLines: numberOf(field, 'visibleLines'),
    precision: numberOf(field, 'precision'),
    scale: numberOf(field, 'scale'),
    referenceTo: text(field, 'referenceTo'),
    relationshipName: text(field, 'relationshipName'),
    deleteConstraint: text(field, 'deleteConstraint'),
    restricted: valueSet ? flag(valueSet, 'restricted') : false,
    values: (definition ? elements(definition, 'value') : []).map((value) => ({
      apiName: text(value, 'fullName') ?? '',
      label: text(value, 'label') ?? '',
      isDefault: flag(value, 'default'),
    })),
  };
}

export function readObject(objectName: string, sourceRoot = SOURCE_ROOT): ObjectMeta {
  const folder = join(sourceRoot, 'objects', objectName);
  const { element: object } = readXml(join(folder, `${objectName}.object-meta.xml`));
  const nameField = elements(object, 'nameField')[0];
  const fields = new Map<string, FieldMeta>();
  for (const [name, path] of filesIn(join(folder, 'fields'), '.field-meta.xml')) {
    fields.set(name, readField(name, readXml(path).element));
  }
  const listViews = filesIn(join(folder, 'listViews'), '.listView-meta.xml').map(([name, path]) => {
    const view = readXml(path).element;
    return {
      name,
      label: text(view, 'label') ?? '',
      filterScope: text(view, 'filterScope') ?? '',
      columns: texts(view, 'columns'),
      filters: elements(view, 'filters').map((filter) => ({
        field: text(filter, 'field') ?? '',
        operation: text(filter, 'operation') ?? '',
        value: text(filter, 'value'),
      })),
    };
  });
  const compactLayouts = new Map(
    filesIn(join(folder, 'compactLayouts'), '.compactLayout-meta.xml').map(
      ([name, path]) => [name, texts(readXml(path).element, 'fields')] as const,
    ),
  );
  return {
    name: objectName,
    label: text(object, 'label'),
    sharingModel: text(object, 'sharingModel'),
    enableHistory: flag(object, 'enableHistory'),
    nameFieldType: nameField ? text(nameField, 'type') : undefined,
    compactLayoutAssignment: text(object, 'compactLayoutAssignment'),
    fields,
    listViews,
    compactLayouts,
  };
}

/** The custom objects of the package (folder names under objects/). */
export function objectNames(sourceRoot = SOURCE_ROOT): string[] {
  const folder = join(sourceRoot, 'objects');
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('__c')).sort() : [];
}

/** Every custom object of the package, by API name. */
export function readAllObjects(sourceRoot = SOURCE_ROOT): Map<string, ObjectMeta> {
  return new Map(objectNames(sourceRoot).map((name) => [name, readObject(name, sourceRoot)]));
}

export interface FieldPermission {
  field: string;
  readable: boolean;
  editable: boolean;
}

export interface ObjectPermission {
  object: string;
  allowCreate: boolean;
  allowRead: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
}

/** A permission set or a profile: what it grants, in the terms the package rules use. */
export interface AccessMeta {
  kind: 'PermissionSet' | 'Profile';
  name: string;
  fieldPermissions: FieldPermission[];
  objectPermissions: ObjectPermission[];
  /** API names of the user (system) permissions it enables. */
  userPermissions: string[];
  /** Apps it makes visible. */
  applications: string[];
  /** Tabs it shows, from permission set tabSettings or profile tabVisibilities. */
  tabs: { tab: string; visibility: string }[];
  layoutAssignments: string[];
}

function readAccess(kind: AccessMeta['kind'], name: string, path: string): AccessMeta {
  const { root, element } = readXml(path);
  if (root !== kind) throw new Error(`${path}: root element is ${root}, expected ${kind}`);
  return {
    kind,
    name,
    fieldPermissions: elements(element, 'fieldPermissions').map((permission) => ({
      field: text(permission, 'field') ?? '',
      readable: flag(permission, 'readable'),
      editable: flag(permission, 'editable'),
    })),
    objectPermissions: elements(element, 'objectPermissions').map((permission) => ({
      object: text(permission, 'object') ?? '',
      allowCreate: flag(permission, 'allowCreate'),
      allowRead: flag(permission, 'allowRead'),
      allowEdit: flag(permission, 'allowEdit'),
      allowDelete: flag(permission, 'allowDelete'),
      viewAllRecords: flag(permission, 'viewAllRecords'),
      modifyAllRecords: flag(permission, 'modifyAllRecords'),
    })),
    userPermissions: elements(element, 'userPermissions')
      .filter((permission) => flag(permission, 'enabled'))
      .map((permission) => text(permission, 'name') ?? ''),
    applications: elements(element, 'applicationVisibilities')
      .filter((visibility) => flag(visibility, 'visible'))
      .map((visibility) => text(visibility, 'application') ?? ''),
    tabs: [...elements(element, 'tabSettings'), ...elements(element, 'tabVisibilities')].map((setting) => ({
      tab: text(setting, 'tab') ?? '',
      visibility: text(setting, 'visibility') ?? '',
    })),
    layoutAssignments: elements(element, 'layoutAssignments').map((assignment) => text(assignment, 'layout') ?? ''),
  };
}

/** Every permission set and profile in the package. */
export function readAllAccess(sourceRoot = SOURCE_ROOT): AccessMeta[] {
  return [
    ...filesIn(join(sourceRoot, 'permissionsets'), '.permissionset-meta.xml').map(([name, path]) =>
      readAccess('PermissionSet', name, path),
    ),
    ...filesIn(join(sourceRoot, 'profiles'), '.profile-meta.xml').map(([name, path]) => readAccess('Profile', name, path)),
  ];
}

export function findAccess(all: AccessMeta[], kind: AccessMeta['kind'], name: string): AccessMeta {
  const found = all.find((access) => access.kind === kind && access.name === name);
  if (!found) throw new Error(`${kind} ${name} not found in ${SOURCE_ROOT}`);
  return found;
}

/** Fields placed on a page layout (file name without suffix, e.g. `Warden_Alert__c-Warden Alert Layout`). */
export function readLayoutFields(layoutName: string, sourceRoot = SOURCE_ROOT): { field: string; behavior: string }[] {
  const { element } = readXml(join(sourceRoot, 'layouts', `${layoutName}.layout-meta.xml`));
  return elements(element, 'layoutSections')
    .flatMap((section) => elements(section, 'layoutColumns'))
    .flatMap((column) => elements(column, 'layoutItems'))
    .filter((item) => text(item, 'field') !== undefined)
    .map((item) => ({ field: text(item, 'field') ?? '', behavior: text(item, 'behavior') ?? '' }));
}
