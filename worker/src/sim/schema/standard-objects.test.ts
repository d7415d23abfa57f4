import { SimSchema } from './sim-schema';

describe('standard objects', () => {
  const schema = SimSchema.load({ packageDir: '/nonexistent' });

  it('has Salesforce key prefixes', () => {
    const prefixes = Object.fromEntries([...schema.all()].map((d) => [d.name, d.keyPrefix]));
    expect(prefixes).toMatchObject({
      User: '005', LoginHistory: '0Ya', LoginGeo: '04F', SetupAuditTrail: '0Ym', UserLogin: '060', AuthSession: '0Ak',
      EventLogFile: '0AT', Organization: '00D', PermissionSet: '0PS', Profile: '00e', ContentDocument: '069',
      ContentDistribution: '050', ContentDocumentLink: '06A',
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
});
