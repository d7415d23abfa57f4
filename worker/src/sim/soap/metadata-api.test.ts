import { Connection } from 'jsforce';
import { ADMIN_PROFILE, baseFiles, rawFetch, removeTempDirs, startSim, writeFiles, type StartedSim } from '../__tests__/sim-test-kit';
import { to18 } from '../ids';
import { OrgSimulator } from '../index';

const CUSTOM_PROFILE = to18('00e5g000000Cus1');
const SECURITY_SETTINGS = {
  networkAccess: { ipRanges: [{ start: '203.0.113.0', end: '203.0.113.255', description: 'HQ' }, { start: '198.51.100.10', end: '198.51.100.20' }] },
  passwordPolicies: {
    complexity: 'AlphaNumeric', enableSetPasswordInApi: false, expiration: 'NinetyDays', historyRestriction: 3, lockoutInterval: 'FifteenMinutes',
    maxLoginAttempts: 'TenAttempts', minimumPasswordLength: 8, apiOnlyUserHomePageURL: '', passwordAssistanceMessage: null,
  },
  sessionSettings: { enforceIpRangesEveryRequest: false, identityConfirmationOnTwoFactorRegistrationEnabled: true, sessionTimeout: 'TwoHours', lockSessionsToIp: false },
  // Newer than jsforce's bundled WSDL (v47): passes through as a string.
  enableOrgWideCspHeaders: true,
};

function files(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = baseFiles();
  const profiles = base['records/Profile.json'] as Array<Record<string, unknown>>;
  return {
    ...base,
    'records/Profile.json': [
      { ...profiles[0], PermissionsModifyAllData: true, PermissionsApiEnabled: true, PermissionsViewSetup: true, Description: 'Admins' },
      profiles[1],
      // Org data is untrusted: markup and control characters must not break the XML.
      { Id: CUSTOM_PROFILE, Name: 'Custom: Auditors <ops>', Description: 'a & b </description><x> "q" \u0001', UserType: 'Standard', CreatedDate: '2023-05-06T07:08:09.000+0000' },
    ],
    'security/SecuritySettings.json': SECURITY_SETTINGS,
    'security/ProfileLoginIpRanges.json': {
      'System Administrator': [{ startAddress: '192.0.2.0', endAddress: '192.0.2.255', description: 'VPN <egress> & co' }],
      [CUSTOM_PROFILE]: [{ startAddress: '2001:db8::', endAddress: '2001:db8::ffff' }],
    },
    ...overrides,
  };
}

let s: StartedSim;

beforeAll(async () => {
  s = await startSim(files());
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

/** A raw Metadata API SOAP call (what jsforce would send, or a deliberately broken variant). */
function soap(url: string, body: string, session = s.token, path = '/services/Soap/m/62.0'): Promise<Response> {
  const envelope = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Header xmlns="http://soap.sforce.com/2006/04/metadata"><SessionHeader><sessionId>${session}</sessionId></SessionHeader></soapenv:Header><soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata">${body}</soapenv:Body></soapenv:Envelope>`;
  return rawFetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml', SOAPAction: '""' }, body: envelope });
}

describe('readMetadata SecuritySettings through jsforce', () => {
  it('returns the fixture settings, typed by jsforce\'s schema', async () => {
    const settings = (await s.conn.metadata.read('SecuritySettings', 'Security')) as unknown as Record<string, Record<string, unknown>>;
    expect(settings['fullName']).toBe('Security');
    expect(settings['networkAccess']).toEqual({ ipRanges: [{ description: 'HQ', end: '203.0.113.255', start: '203.0.113.0' }, { end: '198.51.100.20', start: '198.51.100.10' }] });
    expect(settings['passwordPolicies']).toEqual({
      apiOnlyUserHomePageURL: '', complexity: 'AlphaNumeric', enableSetPasswordInApi: false, expiration: 'NinetyDays', historyRestriction: '3',
      lockoutInterval: 'FifteenMinutes', maxLoginAttempts: 'TenAttempts', minimumPasswordLength: '8',
    });
    expect(settings['sessionSettings']).toMatchObject({ enforceIpRangesEveryRequest: false, identityConfirmationOnTwoFactorRegistrationEnabled: true, sessionTimeout: 'TwoHours' });
    expect(settings['enableOrgWideCspHeaders']).toBe('true');
    expect(settings).not.toHaveProperty('$');
  });

  it('sends the envelope jsforce parses: prefixed Envelope/Body, no attribute on Body, xsi:type on records', async () => {
    const res = await soap(s.url, '<readMetadata><type>SecuritySettings</type><fullNames>Security</fullNames></readMetadata>');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/" xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata" xmlns:xsi="[^"]+"><soapenv:Body><readMetadataResponse><result><records xsi:type="SecuritySettings"><fullName>Security<\/fullName>/);
    expect(xml).toContain('<ipRanges><description>HQ</description><end>203.0.113.255</end><start>203.0.113.0</start></ipRanges>');
    // The identity's `urls.metadata` form (with the org id) and the sf CLI's `//services` form are served too.
    const read = '<readMetadata><type>SecuritySettings</type><fullNames>Security</fullNames></readMetadata>';
    expect((await soap(s.url, read, s.token, `/services/Soap/m/62.0/${s.sim.organizationId.slice(0, 15)}`)).status).toBe(200);
    expect((await soap(s.url, read, s.token, '//services/Soap/m/62.0')).status).toBe(200);
  });

  it('reads an unknown fullName as a nil record, and several names as an array', async () => {
    expect(await s.conn.metadata.read('SecuritySettings', ['Security', 'Other'])).toEqual([expect.objectContaining({ fullName: 'Security' }), expect.not.objectContaining({ fullName: expect.anything() })]);
    const xml = await (await soap(s.url, '<readMetadata><type>SecuritySettings</type><fullNames>Other</fullNames></readMetadata>')).text();
    expect(xml).toContain('<result><records xsi:nil="true"/></result>');
  });

  it('without SecuritySettings.json still returns the Security component', async () => {
    const plain = await startSim();
    try {
      expect(await plain.conn.metadata.read('SecuritySettings', 'Security')).toMatchObject({ fullName: 'Security' });
    } finally {
      await plain.sim.stop();
    }
  });
});

describe('Profiles through the Metadata API', () => {
  it('lists every profile with FileProperties, standard ones under their API names', async () => {
    const list = await s.conn.metadata.list({ type: 'Profile' });
    expect(list.map((p) => p.fullName).sort()).toEqual(['Admin', 'Custom%3A Auditors %3Cops%3E', 'Standard']);
    expect(list.find((p) => p.fullName === 'Admin')).toMatchObject({
      id: ADMIN_PROFILE, type: 'Profile', fileName: 'profiles/Admin.profile', createdDate: '2020-01-01T00:00:00.000Z', manageableState: 'unmanaged',
    });
    expect(await s.conn.metadata.list([{ type: 'ApexClass' }])).toEqual([]);
  });

  it('reads loginIpRanges, custom and the enabled user permissions', async () => {
    const [admin, standard, custom] = (await s.conn.metadata.read('Profile', ['Admin', 'Standard', 'Custom%3A Auditors %3Cops%3E'])) as unknown as Array<Record<string, unknown>>;
    expect(admin).toMatchObject({
      fullName: 'Admin', custom: false, description: 'Admins',
      loginIpRanges: [{ description: 'VPN <egress> & co', endAddress: '192.0.2.255', startAddress: '192.0.2.0' }],
      userPermissions: [{ enabled: true, name: 'ApiEnabled' }, { enabled: true, name: 'ModifyAllData' }, { enabled: true, name: 'ViewSetup' }],
    });
    expect(standard).toMatchObject({ fullName: 'Standard', custom: false, loginIpRanges: [], userPermissions: [] });
    expect(custom).toMatchObject({ fullName: 'Custom%3A Auditors %3Cops%3E', custom: true, loginIpRanges: [{ startAddress: '2001:db8::', endAddress: '2001:db8::ffff' }] });
    // Markup in org data arrives as text; a control character XML cannot carry is replaced.
    expect(custom?.['description']).toBe('a & b </description><x> "q" \uFFFD');
  });

  it('reads at most 10 components per call, as Salesforce', async () => {
    const names = Array.from({ length: 11 }, (_v, i) => `P${i}`);
    await expect(s.conn.metadata.read('Profile', names)).rejects.toMatchObject({ errorCode: 'sf:EXCEEDED_ID_LIMIT' });
  });
});

describe('SOAP faults', () => {
  it('an unknown session is the 500 INVALID_SESSION_ID fault, so jsforce refreshes and retries', async () => {
    let refreshed = 0;
    const conn = new Connection({
      instanceUrl: s.url, accessToken: '00D5g00000ABCDE!stale', version: '62.0',
      refreshFn: (_c, callback) => {
        refreshed += 1;
        callback(null, s.sim.issueAccessToken());
      },
    });
    await expect(conn.metadata.read('SecuritySettings', 'Security')).resolves.toMatchObject({ fullName: 'Security' });
    expect(refreshed).toBe(1);
    const res = await soap(s.url, '<readMetadata><type>SecuritySettings</type><fullNames>Security</fullNames></readMetadata>', 'nope');
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring>');
  });

  it('an unknown metadata type is sf:INVALID_TYPE', async () => {
    // Not a type jsforce knows either: the cast is the point of the test.
    await expect(s.conn.metadata.read('NoSuchType' as 'Profile', 'x')).rejects.toMatchObject({ errorCode: 'sf:INVALID_TYPE', message: 'INVALID_TYPE: This type of metadata is not available for this organization' });
    await expect(s.conn.metadata.list({ type: 'NoSuchType' })).rejects.toMatchObject({ errorCode: 'sf:INVALID_TYPE' });
  });

  it('requests the SOAP stack cannot read are soapenv:Client faults', async () => {
    const unknownOp = await soap(s.url, '<fooMetadata/>');
    expect(unknownOp.status).toBe(500);
    expect(await unknownOp.text()).toContain('<faultcode>soapenv:Client</faultcode><faultstring>No operation available for request {http://soap.sforce.com/2006/04/metadata}fooMetadata, please check the WSDL for the service.</faultstring>');
    const doctype = await rawFetch(`${s.url}/services/Soap/m/62.0`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>' });
    expect(await doctype.text()).toMatch(/<faultcode>soapenv:Client<\/faultcode><faultstring>DOCTYPE is disallowed/);
    const broken = await rawFetch(`${s.url}/services/Soap/m/62.0`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<soapenv:Envelope><unclosed>' });
    expect(broken.status).toBe(500);
    expect(await broken.text()).toContain('<faultcode>soapenv:Client</faultcode>');
  });

  it('an unserved API version is sf:UNSUPPORTED_API_VERSION', async () => {
    const old = new Connection({ instanceUrl: s.url, accessToken: s.token, version: '20.0' });
    await expect(old.metadata.read('SecuritySettings', 'Security')).rejects.toMatchObject({ errorCode: 'sf:UNSUPPORTED_API_VERSION' });
  });
});

describe('API allocation', () => {
  it('counts SOAP calls like REST calls, and refuses them once used up', async () => {
    const before = s.sim.apiUsage.used;
    await s.conn.metadata.read('SecuritySettings', 'Security');
    expect(s.sim.apiUsage.used).toBe(before + 1);
    const { max } = s.sim.apiUsage;
    s.sim.setApiUsage(max);
    try {
      await expect(s.conn.metadata.read('SecuritySettings', 'Security')).rejects.toMatchObject({ errorCode: 'sf:REQUEST_LIMIT_EXCEEDED' });
    } finally {
      s.sim.setApiUsage(before);
    }
  });
});

describe('security fixture problems', () => {
  it('are all reported when the fixture loads, and the old format needs none of the new files', async () => {
    const bad = files({
      'security/SecuritySettings.json': { fullName: 'Other', passwordPolicies: { 'bad<name>': 1, nested: [[1]] } },
      'security/ProfileLoginIpRanges.json': { Nobody: [], 'Standard User': [{ startAddress: '192.0.2.9', endAddress: '192.0.2.1' }, { startAddress: '192.0.2.1', endAddress: '2001:db8::1' }, { startAddress: 'x', endAddress: 'y', extra: 1 }] },
    });
    const load = OrgSimulator.load(writeFiles(bad));
    await expect(load).rejects.toThrow(/SecuritySettings is always "Security"/);
    await expect(load).rejects.toThrow(/passwordPolicies\.bad<name> is not a metadata field name/);
    await expect(load).rejects.toThrow(/passwordPolicies\.nested\[0\] must be a string, number, boolean, object or array of those/);
    await expect(load).rejects.toThrow(/Nobody is no profile of records\/Profile\.json/);
    await expect(load).rejects.toThrow(/Standard User\[0\]: startAddress must not be after endAddress/);
    await expect(load).rejects.toThrow(/Standard User\[1\]: startAddress and endAddress must both be IPv4 or both IPv6/);
    await expect(load).rejects.toThrow(/Standard User\[2\]: unknown key\(s\) extra/);
  });
});
