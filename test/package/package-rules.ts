/**
 * The org package's rules as pure functions over the models in source-metadata.ts. Each returns
 * the violations as sentences naming the offending field or permission (empty when the rule holds),
 * so a failing test says what to fix, and tests can feed them broken copies to prove they bite.
 */
import type { AccessMeta, FieldMeta, ObjectMeta, ObjectPermission } from './source-metadata';

import type { WireType } from '../../worker/src/alerts/write-back';

export type { WireType };
export type WorkerWrites = Record<string, Record<string, WireType>>;

/** Field types that accept each wire type without conversion. */
const COMPATIBLE_TYPES: Record<WireType, readonly string[]> = {
  string: ['Text', 'TextArea', 'LongTextArea', 'Picklist', 'Email', 'Phone', 'Url'],
  number: ['Number', 'Currency', 'Percent'],
  datetime: ['DateTime'],
  reference: ['Lookup'],
};

/** The only reference target the worker sends: a Salesforce user id. */
const REFERENCE_TARGET = 'User';

/** Fields without field-level security: Salesforce rejects permission entries for them. */
export function needsFieldPermission(field: FieldMeta): boolean {
  // Required fields are always readable and editable; master-detail fields follow the parent.
  return !field.required && field.type !== 'MasterDetail';
}

/** Every field the worker writes exists with a type that takes the value it sends. */
export function workerWriteViolations(writes: WorkerWrites, objects: Map<string, ObjectMeta>): string[] {
  const violations: string[] = [];
  for (const [objectName, fields] of Object.entries(writes)) {
    const object = objects.get(objectName);
    if (!object) {
      violations.push(`${objectName}: the worker writes this object but the package does not define it`);
      continue;
    }
    for (const [fieldName, wireType] of Object.entries(fields)) {
      const where = `${objectName}.${fieldName}`;
      if (!(wireType in COMPATIBLE_TYPES)) {
        violations.push(`${where}: unknown wire type "${wireType}" in ALERT_RECORD_FIELDS`);
        continue;
      }
      if (fieldName === 'Name') {
        // The standard Name field: the worker can only set it when it is Text (not Auto Number).
        if (object.nameFieldType !== 'Text' || wireType !== 'string') {
          violations.push(`${where}: the worker writes a ${wireType} but the name field is ${object.nameFieldType ?? 'missing'}`);
        }
        continue;
      }
      const field = object.fields.get(fieldName);
      if (!field) {
        violations.push(`${where}: the worker writes this field but the object has no such field`);
      } else if (!COMPATIBLE_TYPES[wireType].includes(field.type)) {
        violations.push(`${where}: the worker sends a ${wireType} but the field is ${field.type}`);
      } else if (wireType === 'reference' && field.referenceTo !== REFERENCE_TARGET) {
        violations.push(`${where}: the worker sends a user id but the lookup points to ${field.referenceTo ?? 'nothing'}`);
      }
    }
  }
  return violations;
}

/** Custom fields (that have field-level security) without a permission entry in this permission set or profile. */
export function missingFieldPermissions(access: AccessMeta, object: ObjectMeta): string[] {
  const granted = new Set(access.fieldPermissions.map((permission) => permission.field));
  return [...object.fields.values()]
    .filter(needsFieldPermission)
    .map((field) => `${object.name}.${field.name}`)
    .filter((qualified) => !granted.has(qualified))
    .map((qualified) => `${access.kind} ${access.name}: no field permission for ${qualified}`);
}

/** Field permission entries that Salesforce would reject: unknown fields, required fields, edit without read, duplicates. */
export function invalidFieldPermissions(access: AccessMeta, objects: Map<string, ObjectMeta>): string[] {
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const { field: qualified, readable, editable } of access.fieldPermissions) {
    const [objectName = '', fieldName = ''] = qualified.split('.');
    const field = objects.get(objectName)?.fields.get(fieldName);
    const where = `${access.kind} ${access.name}: ${qualified}`;
    if (seen.has(qualified)) violations.push(`${where} is listed twice`);
    seen.add(qualified);
    if (objects.has(objectName) && !field) violations.push(`${where} is not a field of the package`);
    if (field && !needsFieldPermission(field)) violations.push(`${where} is required; Salesforce rejects permissions for it`);
    if (editable && !readable) violations.push(`${where} is editable but not readable`);
  }
  return violations;
}

/** Fields of the object this permission set or profile can edit. */
export function editableFields(access: AccessMeta, object: ObjectMeta): Set<string> {
  const prefix = `${object.name}.`;
  return new Set(
    access.fieldPermissions
      .filter((permission) => permission.editable && permission.field.startsWith(prefix))
      .map((permission) => permission.field.slice(prefix.length)),
  );
}

/** Differences between what a permission set or profile can edit and what it should edit. */
export function editScopeViolations(access: AccessMeta, object: ObjectMeta, shouldEdit: Iterable<string>): string[] {
  const expected = new Set(shouldEdit);
  const actual = editableFields(access, object);
  return [
    ...[...actual].filter((name) => !expected.has(name)).map((name) => `${access.kind} ${access.name} can edit ${object.name}.${name} but must not`),
    ...[...expected].filter((name) => !actual.has(name)).map((name) => `${access.kind} ${access.name} cannot edit ${object.name}.${name} but must`),
  ];
}

/** User permissions no OrgWarden permission set or profile may grant: each makes its holder an administrator. */
export const FORBIDDEN_USER_PERMISSIONS = ['ModifyAllData', 'CustomizeApplication', 'AuthorApex'] as const;

export function forbiddenUserPermissions(access: AccessMeta): string[] {
  return access.userPermissions
    .filter((name) => (FORBIDDEN_USER_PERMISSIONS as readonly string[]).includes(name))
    .map((name) => `${access.kind} ${access.name} grants ${name}`);
}

/** Checks the user permissions against a required set and an allowed set (required ∪ tolerated). */
export function userPermissionViolations(access: AccessMeta, required: Iterable<string>, allowed: Iterable<string>): string[] {
  const granted = new Set(access.userPermissions);
  const allowedSet = new Set([...required, ...allowed]);
  return [
    ...[...required].filter((name) => !granted.has(name)).map((name) => `${access.kind} ${access.name} lacks ${name}`),
    ...[...granted].filter((name) => !allowedSet.has(name)).map((name) => `${access.kind} ${access.name} grants ${name}, which is not on its allow-list`),
  ];
}

export type ObjectAccess = Omit<ObjectPermission, 'object'>;

/** Object permissions must match exactly, and be a combination Salesforce accepts. */
export function objectPermissionViolations(access: AccessMeta, objectName: string, expected: ObjectAccess): string[] {
  const granted = access.objectPermissions.filter((permission) => permission.object === objectName);
  const where = `${access.kind} ${access.name} on ${objectName}`;
  if (granted.length !== 1) return [`${where}: expected one object permission entry, found ${granted.length}`];
  const [permission] = granted as [ObjectPermission];
  const violations = (Object.keys(expected) as (keyof ObjectAccess)[])
    .filter((key) => permission[key] !== expected[key])
    .map((key) => `${where}: ${key} is ${permission[key]}, expected ${expected[key]}`);
  // Salesforce's own dependencies between object permissions.
  if ((permission.allowEdit || permission.allowCreate || permission.viewAllRecords) && !permission.allowRead) {
    violations.push(`${where}: create, edit and view all need read`);
  }
  if ((permission.allowDelete || permission.modifyAllRecords) && !permission.allowEdit) {
    violations.push(`${where}: delete and modify all need edit`);
  }
  return violations;
}
