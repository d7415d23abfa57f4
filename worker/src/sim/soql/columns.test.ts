import { SoqlError } from './api';
import { describeColumns } from './columns';
import { testContext } from './__tests__/test-org';

const ctx = () => testContext({});
const column = (columnName: string, extra: Record<string, unknown> = {}) => ({
  aggregate: false, apexType: 'String', booleanType: false, columnName, custom: false, displayName: columnName, foreignKeyName: null,
  insertable: false, joinColumns: [], numberType: false, textType: true, updatable: false, ...extra,
});

describe('column metadata (`/query?q=…&columns=true`)', () => {
  it('describes fields in SELECT order under canonical names, with their Apex types', () => {
    const result = describeColumns('SELECT username, id, IsActive, CreatedDate FROM user', ctx());
    expect(result).toEqual({
      columnMetadata: [
        column('Username'),
        column('Id', { apexType: 'Id', textType: false }),
        column('IsActive', { apexType: 'Boolean', booleanType: true, textType: false }),
        column('CreatedDate', { apexType: 'Datetime', textType: false }),
      ],
      entityName: 'User', groupBy: false, idSelected: true, keyPrefix: '005',
    });
  });

  it('groups parent paths under one relationship column that names its foreign key', () => {
    const { columnMetadata, idSelected } = describeColumns('SELECT SourceIp, LoginGeo.City, LoginGeo.Country FROM LoginHistory', ctx());
    expect(idSelected).toBe(false);
    expect(columnMetadata).toEqual([
      column('SourceIp'),
      column('LoginGeo', { apexType: null, foreignKeyName: 'LoginGeoId', textType: false, joinColumns: [column('City'), column('Country')] }),
    ]);
  });

  it('nests relationships of relationships, marks custom fields, numbers and write access', () => {
    const { columnMetadata } = describeColumns('SELECT Score__c, Hits__c, User__r.Profile.Name FROM Warden_Alert__c', ctx());
    expect(columnMetadata[0]).toMatchObject({ columnName: 'Score__c', custom: true, apexType: 'Decimal', numberType: true, textType: false });
    expect(columnMetadata[1]).toMatchObject({ columnName: 'Hits__c', apexType: 'Integer', numberType: true });
    expect(columnMetadata[2]).toMatchObject({
      columnName: 'User__r', foreignKeyName: 'User__c', custom: true,
      joinColumns: [{ ...column('Profile', { apexType: null, foreignKeyName: 'ProfileId', textType: false }), joinColumns: [column('Name')] }],
    });
  });

  it('has no columns for COUNT()', () => {
    expect(describeColumns('SELECT COUNT() FROM User', ctx()).columnMetadata).toEqual([]);
  });

  it('fails exactly as running the query would', () => {
    const error = (soql: string) => {
      try {
        describeColumns(soql, ctx());
      } catch (err) {
        return err instanceof SoqlError ? err.errorCode : err;
      }
      return 'no error';
    };
    expect(error('SELECT Nope FROM User')).toBe('INVALID_FIELD');
    expect(error('SELECT Id FROM Nope')).toBe('INVALID_TYPE');
    expect(error("SELECT Id FROM User WHERE CreatedDate = '2024-01-01'")).toBe('INVALID_FIELD');
    expect(error('SELECT Id FROM User GROUP BY Id')).toBe('MALFORMED_QUERY');
  });
});
