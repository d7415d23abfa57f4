import { alertPackageDir, removeTempDirs, writeFiles } from '../__tests__/sim-test-kit';
import { loadCustomObjects } from './custom-objects';
import { SimSchema } from './sim-schema';

afterAll(removeTempDirs);

describe('custom objects from SFDX source', () => {
  it('maps field metadata types to describe types, lookups to __r relationships', () => {
    const [alert] = loadCustomObjects(alertPackageDir());
    const field = (name: string) => alert?.fields.get(name.toLowerCase());
    expect(alert).toMatchObject({ name: 'Warden_Alert__c', keyPrefix: 'a00', custom: true, label: 'Warden Alert' });
    expect(field('User__c')).toMatchObject({ type: 'reference', referenceTo: ['User'], relationshipName: 'User__r' });
    expect(field('Event_Count__c')?.type).toBe('double');
    expect(field('First_Occurrence__c')?.type).toBe('datetime');
    expect(field('Evidence__c')).toMatchObject({ type: 'textarea', length: 131072, filterable: false });
    expect(field('Severity__c')).toMatchObject({ type: 'picklist', picklistValues: ['Low', 'Medium', 'High'], restrictedPicklist: true });
    expect(field('Alert_Key__c')).toMatchObject({ type: 'string', externalId: true, unique: true, caseSensitive: true, length: 255 });
  });

  it('gives every custom object Name, OwnerId and the system fields', () => {
    const [alert] = loadCustomObjects(alertPackageDir());
    for (const name of ['Id', 'Name', 'OwnerId', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']) {
      expect(alert?.fields.has(name.toLowerCase())).toBe(true);
    }
    expect(alert?.fields.get('name')).toMatchObject({ createable: true, nillable: false, label: 'Alert' });
    expect(alert?.fields.get('createdbyid')).toMatchObject({ relationshipName: 'CreatedBy', createable: false });
  });

  it('assigns key prefixes a00, a01, … in sorted API-name order', () => {
    const obj = (name: string) => ({ [`main/default/objects/${name}/${name}.object-meta.xml`]: '<CustomObject><label>x</label></CustomObject>' });
    const dir = writeFiles({ ...obj('Zeta__c'), ...obj('Alpha__c'), ...obj('Mid__c') });
    expect(loadCustomObjects(dir).map((d) => `${d.name}=${d.keyPrefix}`)).toEqual(['Alpha__c=a00', 'Mid__c=a01', 'Zeta__c=a02']);
  });

  it('reads the package the repository ships (force-app) by default', () => {
    const schema = SimSchema.load();
    const alert = schema.get('warden_alert__c');
    expect(alert?.fields.get('alert_key__c')).toMatchObject({ externalId: true, unique: true });
    // Status__c's <default>true</default> value applies on create, as in Salesforce.
    expect(alert?.fields.get('status__c')).toMatchObject({ type: 'picklist', defaultValue: 'New', restrictedPicklist: true });
    expect(schema.get('LoginHistory')?.keyPrefix).toBe('0Ya');
  });
});
