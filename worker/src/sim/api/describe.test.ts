import type { DescribeGlobalSObjectResult, DescribeSObjectResult, Field } from 'jsforce';
import { removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;

beforeAll(async () => {
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

// Every key of jsforce's Field / DescribeGlobalSObjectResult / DescribeSObjectResult types.
const FIELD_KEYS: Array<keyof Field> = [
  'aggregatable', 'autoNumber', 'byteLength', 'calculated', 'calculatedFormula', 'cascadeDelete', 'caseSensitive', 'compoundFieldName',
  'controllerName', 'createable', 'custom', 'defaultValue', 'defaultValueFormula', 'defaultedOnCreate', 'dependentPicklist', 'deprecatedAndHidden',
  'digits', 'displayLocationInDecimal', 'encrypted', 'externalId', 'extraTypeInfo', 'filterable', 'filteredLookupInfo', 'groupable',
  'highScaleNumber', 'htmlFormatted', 'idLookup', 'inlineHelpText', 'label', 'length', 'mask', 'maskType', 'name', 'nameField', 'namePointing',
  'nillable', 'permissionable', 'picklistValues', 'precision', 'queryByDistance', 'referenceTargetField', 'referenceTo', 'relationshipName',
  'relationshipOrder', 'restrictedDelete', 'restrictedPicklist', 'scale', 'soapType', 'sortable', 'type', 'unique', 'updateable', 'writeRequiresMasterRead',
];
const GLOBAL_KEYS: Array<keyof DescribeGlobalSObjectResult> = [
  'activateable', 'createable', 'custom', 'customSetting', 'deepCloneable', 'deletable', 'deprecatedAndHidden', 'feedEnabled', 'hasSubtypes',
  'idEnabled', 'isInterface', 'isSubtype', 'keyPrefix', 'label', 'labelPlural', 'layoutable', 'mergeable', 'mruEnabled', 'name', 'queryable',
  'replicateable', 'retrieveable', 'searchable', 'triggerable', 'undeletable', 'updateable', 'urls',
];
const OBJECT_KEYS: Array<keyof DescribeSObjectResult> = [
  ...GLOBAL_KEYS, 'actionOverrides', 'childRelationships', 'compactLayoutable', 'fields', 'listviewable', 'lookupLayoutable', 'namedLayoutInfos',
  'networkScopeFieldName', 'recordTypeInfos', 'searchLayoutable', 'supportedScopes',
];

describe('describe through jsforce', () => {
  it('gives LoginHistory every describe key, and its fields every field key', async () => {
    const loginHistory = await s.conn.describe('LoginHistory');
    expect(Object.keys(loginHistory)).toEqual(expect.arrayContaining(OBJECT_KEYS));
    expect(loginHistory).toMatchObject({ name: 'LoginHistory', keyPrefix: '0Ya', queryable: true, createable: false, deletable: false, retrieveable: true });
    for (const field of loginHistory.fields) expect(Object.keys(field)).toEqual(expect.arrayContaining(FIELD_KEYS));
    const byName = new Map(loginHistory.fields.map((f) => [f.name, f]));
    expect(byName.get('LoginGeoId')).toMatchObject({ type: 'reference', referenceTo: ['LoginGeo'], relationshipName: 'LoginGeo', soapType: 'tns:ID', label: 'Login Geo ID' });
    expect(byName.get('LoginTime')).toMatchObject({ type: 'datetime', soapType: 'xsd:dateTime', filterable: true, groupable: false, sortable: true, label: 'Login Time' });
    expect(byName.get('SourceIp')).toMatchObject({ type: 'string', soapType: 'xsd:string', label: 'Source IP', externalId: false });
    expect(byName.get('Id')).toMatchObject({ type: 'id', idLookup: true, nillable: false, length: 18, byteLength: 54 });
  });

  it('lists the objects that reference an object as its child relationships', async () => {
    const user = await s.conn.describe('User');
    expect(user.childRelationships).toEqual(expect.arrayContaining([
      expect.objectContaining({ childSObject: 'LoginHistory', field: 'UserId' }),
      expect.objectContaining({ childSObject: 'Warden_Alert__c', field: 'User__c' }),
    ]));
    expect(user.fields.find((f) => f.name === 'Name')).toMatchObject({ nameField: true });
  });

  it('describes a custom object\'s external id and polymorphic owner', async () => {
    const alert = await s.conn.describe('Warden_Alert__c');
    expect(alert).toMatchObject({ custom: true, layoutable: true, triggerable: true, undeletable: true });
    expect(alert.fields.find((f) => f.name === 'Alert_Key__c')).toMatchObject({ externalId: true, unique: true, caseSensitive: true, idLookup: true, custom: true, permissionable: true, label: 'Alert Key' });
    expect(alert.fields.find((f) => f.name === 'OwnerId')).toMatchObject({ referenceTo: ['Group', 'User'], namePointing: true, polymorphicForeignKey: true });
  });

  it('gives every object of the global describe every key; OauthToken is query-only', async () => {
    const global = await s.conn.describeGlobal();
    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    for (const object of global.sobjects) expect(Object.keys(object)).toEqual(expect.arrayContaining(GLOBAL_KEYS));
    expect(global.sobjects.find((o) => o.name === 'OauthToken')).toMatchObject({ queryable: true, retrieveable: false, createable: false, deletable: false });
    expect(global.sobjects.find((o) => o.name === 'AuthSession')).toMatchObject({ deletable: true, retrieveable: true, updateable: false });
  });
});
