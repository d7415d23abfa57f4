/**
 * A small org for the SOQL engine's tests: LoginHistory → LoginGeo, SetupAuditTrail → User
 * (`CreatedBy`), User → Profile, and a custom Warden_Alert__c → User (`User__r`).
 * Documentation IP ranges and made-up ids only.
 */
import { to18 } from '../../ids';
import type { FieldDef, FieldType, Schema, SimRecord, SObjectDef } from '../../schema/types';
import { SoqlError, type QueryContext, type QueryResult, type ResultRow } from '../api';
import { executeSoql } from '../execute';

type FieldSpec = [name: string, type: FieldType, extra?: Partial<FieldDef>];

function ref(to: string[], relationshipName: string): Partial<FieldDef> {
  return { referenceTo: to, relationshipName };
}

const SYSTEM: FieldSpec[] = [['Id', 'id'], ['IsDeleted', 'boolean'], ['CreatedDate', 'datetime']];

const OBJECTS: Array<{ name: string; keyPrefix: string; queryable?: boolean; fields: FieldSpec[] }> = [
  { name: 'Profile', keyPrefix: '00e', fields: [['Name', 'string']] },
  {
    name: 'User', keyPrefix: '005',
    fields: [['Username', 'string'], ['Name', 'string'], ['Email', 'email'], ['IsActive', 'boolean'],
      ['ProfileId', 'reference', ref(['Profile'], 'Profile')]],
  },
  {
    name: 'LoginGeo', keyPrefix: '04F',
    fields: [['City', 'string'], ['Country', 'string'], ['CountryIso', 'string'], ['Latitude', 'double'], ['Longitude', 'double']],
  },
  {
    name: 'LoginHistory', keyPrefix: '0Ya',
    fields: [['UserId', 'reference', { referenceTo: ['User'] }], ['LoginGeoId', 'reference', ref(['LoginGeo'], 'LoginGeo')],
      ['LoginTime', 'datetime'], ['LoginType', 'picklist'], ['CountryIso', 'string'], ['OptionsIsGet', 'boolean'],
      ['SourceIp', 'string', { filterable: false }], ['Status', 'string', { filterable: false }],
      ['Browser', 'string', { filterable: false }]],
  },
  {
    name: 'SetupAuditTrail', keyPrefix: '0Ym',
    fields: [['Action', 'string'], ['Section', 'string'], ['Display', 'string'], ['DelegateUser', 'string'],
      ['CreatedById', 'reference', ref(['User'], 'CreatedBy')]],
  },
  {
    name: 'Warden_Alert__c', keyPrefix: 'a00',
    fields: [['Name', 'string'], ['User__c', 'reference', ref(['User'], 'User__r')], ['Severity__c', 'picklist', { picklistValues: ['Critical', 'High', 'Medium', 'Low'] }],
      ['Score__c', 'double'], ['Hits__c', 'int'], ['Detected_On__c', 'date'], ['Review_Time__c', 'time'],
      ['Evidence__c', 'textarea', { filterable: false, length: 32768 }], ['Notes__c', 'textarea', { length: 1000 }], ['Tags__c', 'multipicklist'],
      ['Payload__c', 'base64'], ['OwnerId', 'reference', ref(['User', 'Group'], 'Owner')]],
  },
  { name: 'AuthConfigSecret', keyPrefix: '0Ao', queryable: false, fields: [['Name', 'string']] },
];

function objectDef(spec: (typeof OBJECTS)[number]): SObjectDef {
  const fields = new Map<string, FieldDef>();
  for (const [name, type, extra] of [...SYSTEM, ...spec.fields]) fields.set(name.toLowerCase(), { name, type, ...extra });
  return {
    name: spec.name, keyPrefix: spec.keyPrefix, custom: spec.name.endsWith('__c'), fields,
    queryable: spec.queryable ?? true, createable: true, updateable: true, deletable: true,
  };
}

export function testSchema(): Schema {
  const byName = new Map(OBJECTS.map((spec) => [spec.name.toLowerCase(), objectDef(spec)]));
  return { get: (name) => byName.get(name.toLowerCase()), all: () => byName.values() };
}

/** Made-up 18-char id with a valid case-safe suffix: key prefix + zero padding + n. */
export function fakeId(prefix: string, n: number): string {
  return to18(`${prefix}${String(n).padStart(12, '0')}`);
}

export type TestRecords = Record<string, SimRecord[]>;

export function testContext(records: TestRecords, overrides: Partial<QueryContext> = {}): QueryContext {
  const byId = new Map<string, SimRecord>();
  for (const list of Object.values(records)) for (const r of list) byId.set(r.Id, r);
  return {
    schema: testSchema(),
    records: (sobject) => records[sobject] ?? [],
    getById: (id) => byId.get(id),
    now: new Date('2026-11-20T15:30:00.000Z'), // a Friday
    includeDeleted: false,
    apiVersion: '62.0',
    ...overrides,
  };
}

/** Runs a records query and returns its rows (fails the test on a count result). */
export function rows(soql: string, ctx: QueryContext): ResultRow[] {
  const result: QueryResult = executeSoql(soql, ctx);
  if (result.kind !== 'records') throw new Error(`expected records, got ${result.kind}`);
  return result.rows;
}

export function ids(soql: string, ctx: QueryContext): string[] {
  return rows(soql, ctx).map((row) => String(row.Id));
}

/** The SoqlError a query throws (fails the test when it succeeds). */
export function soqlError(soql: string, ctx: QueryContext): SoqlError {
  try {
    executeSoql(soql, ctx);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`query unexpectedly succeeded: ${soql}`);
}
