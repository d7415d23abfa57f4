import { SimSchema } from './sim-schema';

describe('standard objects', () => {
  const schema = SimSchema.load({ packageDir: '/nonexistent' });

  // ContentDistribution ids start 05D (DELIVERY_ID 05D0O000000gWXe in the Azure Sentinel sample of
  // real ContentDistribution event log rows); 050 is not its prefix.
  it('has Salesforce key prefixes', () => {
    const prefixes = Object.fromEntries([...schema.all()].map((d) => [d.name, d.keyPrefix]));
    expect(prefixes).toMatchObject({
      User: '005', LoginHistory: '0Ya', LoginGeo: '04F', SetupAuditTrail: '0Ym', UserLogin: '060', AuthSession: '0Ak',
      EventLogFile: '0AT', Organization: '00D', PermissionSet: '0PS', Profile: '00e', ContentDocument: '069',
      ContentDistribution: '05D', ContentDocumentLink: '06A',
    });
  });

  it('only lets LoginHistory be filtered on the fields Salesforce allows', () => {
    const lh = schema.get('LoginHistory');
    expect(lh?.fields.get('sourceip')?.filterable).toBe(false);
    expect(lh?.fields.get('status')?.filterable).toBe(false);
    expect(lh?.fields.get('logintime')?.filterable).toBe(true);
    expect(lh?.fields.get('userid')).toMatchObject({ filterable: true, relationshipName: 'User', referenceTo: ['User'] });
    expect(lh?.fields.get('logingeoid')).toMatchObject({ relationshipName: 'LoginGeo', referenceTo: ['LoginGeo'] });
    expect(lh?.visibleFrom).toBe('LoginTime');
  });

  it('marks read-only objects as Salesforce supports them', () => {
    expect(schema.get('LoginHistory')).toMatchObject({ createable: false, updateable: false, deletable: false });
    expect(schema.get('OauthToken')).toMatchObject({ createable: false, updateable: false, deletable: false });
    expect(schema.get('UserLogin')).toMatchObject({ createable: false, updateable: true, deletable: false });
    expect(schema.get('AuthSession')).toMatchObject({ createable: false, updateable: false, deletable: true });
    expect(schema.get('UserLogin')?.fields.get('userid')?.updateable).toBe(false);
    expect(schema.get('SetupAuditTrail')?.fields.get('createdbyid')?.relationshipName).toBe('CreatedBy');
  });

  it('knows the Real-Time Event Monitoring stores: big objects with their index, 6 months of data', () => {
    const loginEvent = schema.get('LoginEvent');
    expect(loginEvent).toMatchObject({ realTimeEventMonitoring: true, queryable: true, createable: false, retrieveable: false, visibleFrom: 'CreatedDate', retention: { field: 'EventDate', months: 6 } });
    expect(loginEvent?.bigObject).toEqual({ indexes: [['EventDate', 'EventIdentifier']], orderBy: [{ field: 'EventDate', descending: true }] });
    expect(schema.get('ReportEvent')?.bigObject?.indexes).toEqual([['UserId', 'EventDate'], ['EventDate', 'EventIdentifier']]);
    expect(loginEvent?.fields.get('status')).toMatchObject({ type: 'string', length: 128, filterable: false });
    expect(schema.get('ApiEvent')?.fields.get('records')).toMatchObject({ type: 'json', length: 250000 });
    const store = schema.get('SessionHijackingEventStore');
    expect(store?.bigObject).toBeUndefined();
    expect(store?.fields.get('currentip')).toMatchObject({ type: 'string', length: 39, filterable: true });
    expect(store?.fields.get('currentuseragent')).toMatchObject({ type: 'textarea', length: 1000 });
  });

  it('leaves the Real-Time Event Monitoring stores out of an org without Event Monitoring', () => {
    const names = [...SimSchema.load({ packageDir: '/nonexistent', withoutRealTimeEvents: true }).all()].map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['LoginHistory', 'EventLogFile']));
    for (const name of ['LoginEvent', 'LoginAsEvent', 'LogoutEvent', 'ApiEvent', 'ReportEvent', 'SessionHijackingEventStore', 'CredentialStuffingEventStore', 'ReportAnomalyEventStore', 'ApiAnomalyEventStore']) {
      expect(names).not.toContain(name);
    }
  });
});
