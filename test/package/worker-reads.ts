/**
 * Finds the package fields that code outside the package names when it *reads* records: SOQL
 * queries on Warden objects in the worker, and GraphQL queries and `@salesforce/schema` imports in
 * the Lightning web components. (What the worker *writes* is declared by the write-back and status
 * field maps, which the tests import.) A renamed or deleted field then fails offline, not in an org.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT, SOURCE_ROOT } from './source-metadata';

export interface FieldUse {
  /** Where it was found (path relative to the project). */
  file: string;
  object: string;
  field: string;
}

function sourceFiles(folder: string, keep: (name: string) => boolean, skipDirs: readonly string[] = []): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return skipDirs.includes(entry.name) ? [] : sourceFiles(path, keep, skipDirs);
    return keep(entry.name) ? [path] : [];
  });
}

/**
 * Custom fields named in SOQL statements that query a package object (`… FROM Warden_X__c`): every
 * `Name__c` token of the string or template literal holding the statement.
 */
export function soqlFieldUses(file: string, source: string, objects: ReadonlySet<string>): FieldUse[] {
  const uses: FieldUse[] = [];
  for (const literal of source.matchAll(/`[^`]*`|'[^'\n]*'|"[^"\n]*"/g)) {
    const statement = literal[0];
    const object = /\bFROM\s+(\w+__c)\b/i.exec(statement)?.[1];
    if (object === undefined || !objects.has(object)) continue;
    for (const [token] of statement.matchAll(/\b\w+__c\b/g)) if (token !== object) uses.push({ file, object, field: token });
  }
  return uses;
}

/**
 * Fields named in a component's GraphQL queries (`gql` template literals: package object names
 * select the object, other `__c` names are its fields) and `@salesforce/schema/Object.Field` imports.
 */
export function componentFieldUses(file: string, source: string, objects: ReadonlySet<string>): FieldUse[] {
  const uses: FieldUse[] = [];
  for (const [, query = ''] of source.matchAll(/gql`([^`]*)`/g)) {
    let object: string | undefined;
    for (const [token] of query.matchAll(/\b\w+__c\b/g)) {
      if (objects.has(token)) object = token;
      else uses.push({ file, object: object ?? '(no object)', field: token });
    }
  }
  for (const [, object = '', field = ''] of source.matchAll(/@salesforce\/schema\/(\w+)\.(\w+)/g)) uses.push({ file, object, field });
  return uses;
}

/** Every read of a package field by the worker (its simulator excepted: it has test schemas of its own) and the components. */
export function fieldReads(objects: ReadonlySet<string>): FieldUse[] {
  const workerFiles = sourceFiles(join(PROJECT_ROOT, 'worker', 'src'), (name) => name.endsWith('.ts'), ['sim']);
  const componentFiles = sourceFiles(join(SOURCE_ROOT, 'lwc'), (name) => name.endsWith('.js') && !name.endsWith('.test.js'), ['__tests__']);
  const rel = (path: string) => relative(PROJECT_ROOT, path);
  return [
    ...workerFiles.flatMap((path) => soqlFieldUses(rel(path), readFileSync(path, 'utf8'), objects)),
    ...componentFiles.flatMap((path) => componentFieldUses(rel(path), readFileSync(path, 'utf8'), objects)),
  ];
}
