/**
 * Describe resources: `GET /sobjects` (global), `GET /sobjects/<Type>` (basic information) and
 * `GET /sobjects/<Type>/describe`, with every key of Salesforce's DescribeGlobalSObjectResult /
 * DescribeSObjectResult (jsforce's types) and each field as `field-describe.ts` builds it.
 * Layouts, record types, action overrides and child relationship names are not modelled (empty).
 */
import type { SObjectDef } from '../schema/types';
import type { SimSchema } from '../schema/sim-schema';
import { fieldDescribe } from './field-describe';

function urls(base: string, def: SObjectDef): Record<string, string> {
  const object = `${base}/sobjects/${def.name}`;
  return { sobject: object, describe: `${object}/describe`, rowTemplate: `${object}/{ID}` };
}

export function objectSummary(base: string, def: SObjectDef): Record<string, unknown> {
  return {
    activateable: false, associateEntityType: null, associateParentEntity: null, createable: def.createable, custom: def.custom, customSetting: false,
    deepCloneable: false, deletable: def.deletable, deprecatedAndHidden: false, feedEnabled: false, hasSubtypes: false, idEnabled: true,
    isInterface: false, isSubtype: false, keyPrefix: def.keyPrefix, label: def.label ?? def.name, labelPlural: def.label ?? def.name,
    layoutable: def.custom, mergeable: false, mruEnabled: def.custom, name: def.name, queryable: def.queryable,
    // getUpdated()/getDeleted() need SystemModstamp; retrieve() is a call of its own (OauthToken only supports query()).
    replicateable: def.fields.has('systemmodstamp'), retrieveable: def.retrieveable ?? def.queryable, searchable: false, triggerable: def.custom,
    undeletable: def.deletable && def.fields.has('isdeleted'), updateable: def.updateable, urls: urls(base, def),
  };
}

/** Reference fields of every object that point at `def` (their child relationship names are not modelled). */
function childRelationships(def: SObjectDef, schema: SimSchema | undefined): Record<string, unknown>[] {
  const children: Record<string, unknown>[] = [];
  for (const child of schema?.all() ?? []) {
    for (const field of child.fields.values()) {
      if (field.type !== 'reference' || !field.referenceTo?.includes(def.name)) continue;
      children.push({ cascadeDelete: false, childSObject: child.name, deprecatedAndHidden: false, field: field.name, junctionIdListNames: [], junctionReferenceTo: [], relationshipName: null, restrictedDelete: false });
    }
  }
  return children;
}

export function globalDescribe(base: string, schema: SimSchema): Record<string, unknown> {
  const sobjects = [...schema.all()].sort((a, b) => a.name.localeCompare(b.name)).map((d) => objectSummary(base, d));
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}

export function describeObject(base: string, def: SObjectDef, schema?: SimSchema): Record<string, unknown> {
  return {
    ...objectSummary(base, def), actionOverrides: [], childRelationships: childRelationships(def, schema), compactLayoutable: def.custom,
    fields: [...def.fields.values()].map(fieldDescribe), listviewable: null, lookupLayoutable: null, namedLayoutInfos: [], networkScopeFieldName: null,
    recordTypeInfos: [], searchLayoutable: def.custom, sobjectDescribeOption: 'FULL', supportedScopes: null,
  };
}
