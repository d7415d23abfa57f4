/**
 * Custom objects read from the SFDX package source (`force-app/main/default/objects/<Obj>/`), so
 * the simulator always serves the objects the package deploys: `<Obj>.object-meta.xml` for the
 * object and its Name field, `fields/*.field-meta.xml` for the fields.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { customFieldDef, type CustomFieldXml } from './custom-field-types';
import type { FieldDef, SObjectDef } from './types';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true });
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The directories SFDX source format uses for objects inside a package directory. */
function objectsDirs(packageDir: string): string[] {
  return [path.join(packageDir, 'main', 'default', 'objects'), path.join(packageDir, 'objects')].filter((d) => existsSync(d));
}

/** Custom-object key prefixes in sorted API-name order: `a00`, `a01`, … `a09`, `a0A`, … */
export function customKeyPrefix(index: number): string {
  return `a${BASE62.charAt(Math.floor(index / 62))}${BASE62.charAt(index % 62)}`;
}

function readXml(file: string, root: string): Record<string, unknown> {
  const parsed = parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const element = parsed[root];
  if (!element || typeof element !== 'object') throw new Error(`${file}: expected a <${root}> element`);
  return element as Record<string, unknown>;
}

function systemFields(hasOwner: boolean): FieldDef[] {
  const user = (name: string, relationshipName: string): FieldDef => ({ name, type: 'reference', referenceTo: ['User'], relationshipName, nillable: false });
  const fields: FieldDef[] = [
    { name: 'Id', type: 'id', nillable: false, length: 18 },
    { name: 'IsDeleted', type: 'boolean', nillable: false, defaultValue: false },
    { name: 'CreatedDate', type: 'datetime', nillable: false },
    user('CreatedById', 'CreatedBy'),
    { name: 'LastModifiedDate', type: 'datetime', nillable: false },
    user('LastModifiedById', 'LastModifiedBy'),
    { name: 'SystemModstamp', type: 'datetime', nillable: false },
    { name: 'LastViewedDate', type: 'datetime' },
    { name: 'LastReferencedDate', type: 'datetime' },
  ];
  for (const f of fields) Object.assign(f, { createable: false, updateable: false, filterable: true });
  if (hasOwner) {
    // OwnerId defaults to the running user on create (so it is not required).
    fields.splice(1, 0, { name: 'OwnerId', type: 'reference', referenceTo: ['Group', 'User'], relationshipName: 'Owner', createable: true, updateable: true, nillable: false, defaultValue: null });
  }
  return fields;
}

function nameField(objectXml: Record<string, unknown>): FieldDef {
  const xml = (objectXml['nameField'] ?? {}) as CustomFieldXml;
  const autoNumber = xml['type'] === 'AutoNumber';
  return {
    name: 'Name',
    type: 'string',
    length: 80,
    label: typeof xml['label'] === 'string' ? xml['label'] : 'Name',
    createable: !autoNumber,
    updateable: !autoNumber,
    nillable: false,
    ...(autoNumber ? { autoNumber: { displayFormat: String(xml['displayFormat'] ?? '{0}'), startingNumber: Number(objectXml['startingNumber'] ?? 1) } } : {}),
  };
}

function fieldXmls(objectDir: string, objectXml: Record<string, unknown>): CustomFieldXml[] {
  const inline = objectXml['fields'];
  const fromObject = (Array.isArray(inline) ? inline : inline ? [inline] : []) as CustomFieldXml[];
  const fieldsDir = path.join(objectDir, 'fields');
  const files = existsSync(fieldsDir) ? readdirSync(fieldsDir).filter((f) => f.endsWith('.field-meta.xml')).sort() : [];
  return [...fromObject, ...files.map((f) => readXml(path.join(fieldsDir, f), 'CustomField'))];
}

function readCustomObject(objectDir: string, name: string, keyPrefix: string): SObjectDef {
  const metaFile = path.join(objectDir, `${name}.object-meta.xml`);
  const objectXml = existsSync(metaFile) ? readXml(metaFile, 'CustomObject') : {};
  // Detail objects of a master-detail relationship have no owner of their own.
  const hasOwner = objectXml['sharingModel'] !== 'ControlledByParent';
  const fields = new Map<string, FieldDef>();
  for (const f of [...systemFields(hasOwner), nameField(objectXml)]) fields.set(f.name.toLowerCase(), f);
  for (const xml of fieldXmls(objectDir, objectXml)) {
    try {
      const field = customFieldDef(xml);
      fields.set(field.name.toLowerCase(), field);
    } catch (err) {
      throw new Error(`${path.relative(process.cwd(), objectDir)}: ${(err as Error).message}`);
    }
  }
  const label = typeof objectXml['label'] === 'string' ? objectXml['label'] : name;
  return { name, keyPrefix, custom: true, fields, queryable: true, createable: true, updateable: true, deletable: true, label, visibleFrom: 'CreatedDate' };
}

/**
 * Every custom object (`*__c`) in the package directory, with key prefixes assigned in sorted
 * order. A missing directory means "no custom objects".
 */
export function loadCustomObjects(packageDir: string): SObjectDef[] {
  const entries = new Map<string, string>();
  for (const dir of objectsDirs(packageDir)) {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('__c') && !entries.has(name)) entries.set(name, path.join(dir, name));
    }
  }
  const names = [...entries.keys()].sort();
  return names.map((name, i) => readCustomObject(entries.get(name) as string, name, customKeyPrefix(i)));
}
