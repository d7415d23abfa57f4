/**
 * The Tooling API objects the simulator serves: Health Check's `SecurityHealthCheck` (the org's
 * score) and `SecurityHealthCheckRisks` (one row per evaluated setting). Both: Tooling API 37.0+,
 * query() / REST GET only, "View Setup and Configuration" (Tooling API reference). Every field is
 * Filter/Group/Sort; `Score` is a **string** ("0"–"100"). Other Tooling objects are not modelled:
 * querying them is INVALID_TYPE.
 */
import type { FieldDef, Schema, SObjectDef } from '../schema/types';

export const RISK_TYPES = ['HIGH_RISK', 'MEDIUM_RISK', 'MEETS_STANDARD'];
/** SettingRiskCategory, API 40.0+. */
export const RISK_CATEGORIES = ['HIGH_RISK', 'MEDIUM_RISK', 'LOW_RISK', 'INFORMATIONAL'];

/**
 * The Id Salesforce reports for setup rows that have no record of their own (what Tooling queries
 * of EntityDefinition and friends return); `DurableId` is the row's real key.
 */
export const EMPTY_ID = '000000000000000AAA';

function text(name: string, label: string): FieldDef {
  return { name, label, type: 'string', length: 255, nillable: true, filterable: true, createable: false, updateable: false };
}

function picklist(name: string, label: string, values: string[]): FieldDef {
  return { ...text(name, label), type: 'picklist', picklistValues: values, restrictedPicklist: true };
}

function objectDef(name: string, label: string, fields: FieldDef[]): SObjectDef {
  return {
    name, label, keyPrefix: '', custom: false, queryable: true, createable: false, updateable: false, deletable: false,
    fields: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
  };
}

const HEALTH_CHECK = objectDef('SecurityHealthCheck', 'Security Health Check', [
  // Not in the reference table, but present in query results.
  { name: 'Id', label: 'Security Health Check ID', type: 'id', length: 18, nillable: false, filterable: true },
  text('CustomBaselineId', 'Custom Baseline ID'),
  text('DurableId', 'Durable ID'),
  text('Score', 'Score'),
]);

const HEALTH_CHECK_RISKS = objectDef('SecurityHealthCheckRisks', 'Security Health Check Risks', [
  text('DurableId', 'Durable ID'),
  text('OrgValue', 'Org Value'),
  text('OrgValueRaw', 'Org Value Raw'),
  picklist('RiskType', 'Risk Type', RISK_TYPES),
  text('SecurityHealthCheckId', 'Security Health Check ID'),
  text('Setting', 'Setting'),
  text('SettingGroup', 'Setting Group'),
  picklist('SettingRiskCategory', 'Setting Risk Category', RISK_CATEGORIES),
  text('StandardValue', 'Standard Value'),
  text('StandardValueRaw', 'Standard Value Raw'),
]);

export const TOOLING_OBJECTS: readonly SObjectDef[] = [HEALTH_CHECK, HEALTH_CHECK_RISKS];

/** The Tooling API's data dictionary, looked up case-insensitively like the data API's. */
export const toolingSchema: Schema = {
  get: (name) => TOOLING_OBJECTS.find((d) => d.name.toLowerCase() === name.toLowerCase()),
  all: () => TOOLING_OBJECTS,
};
