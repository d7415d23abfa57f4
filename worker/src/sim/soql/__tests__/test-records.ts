/**
 * Records for the SOQL engine's tests. The org clock in test-org.ts is Friday
 * 2026-11-20T15:30Z; login times sit around it so relative date literals have edges to test.
 */
import type { SimRecord } from '../../schema/types';
import { fakeId, type TestRecords } from './test-org';

export const P1 = fakeId('00e', 1);
export const P2 = fakeId('00e', 2);
export const U1 = fakeId('005', 1);
export const U2 = fakeId('005', 2);
export const U3 = fakeId('005', 3);
export const G1 = fakeId('04F', 1);
export const G2 = fakeId('04F', 2);
export const G3 = fakeId('04F', 3);
export const L = [1, 2, 3, 4, 5, 6].map((n) => fakeId('0Ya', n)) as [string, string, string, string, string, string];
export const S = [1, 2, 3].map((n) => fakeId('0Ym', n)) as [string, string, string];
export const A = [1, 2, 3, 4, 5].map((n) => fakeId('a00', n)) as [string, string, string, string, string];

const CREATED = '2026-01-01T00:00:00.000+0000';

function login(id: string, fields: Record<string, unknown>): SimRecord {
  return { Id: id, IsDeleted: false, CreatedDate: CREATED, OptionsIsGet: false, Browser: 'Chrome 131', ...fields };
}

export function sampleRecords(): TestRecords {
  return {
    Profile: [
      { Id: P1, Name: 'System Administrator' },
      { Id: P2, Name: 'Standard User' },
    ],
    User: [
      { Id: U1, Username: 'alice@example.com', Name: 'Alice Admin', IsActive: true, ProfileId: P1, Email: 'alice@example.com' },
      { Id: U2, Username: 'bob@example.com', Name: 'bob Builder', IsActive: true, ProfileId: P2, Email: null },
      { Id: U3, Username: 'carol@example.com', Name: 'Carol', IsActive: false, ProfileId: null },
    ],
    LoginGeo: [
      { Id: G1, City: 'Paris', Country: 'France', CountryIso: 'FR', Latitude: 48.85, Longitude: 2.35 },
      { Id: G2, City: 'Austin', Country: 'United States', CountryIso: 'US', Latitude: 30.27, Longitude: -97.74 },
      { Id: G3, City: null, Country: 'Germany', CountryIso: 'DE', Latitude: null, Longitude: null },
    ],
    LoginHistory: [
      login(L[0], { UserId: U1, LoginGeoId: G1, LoginTime: '2026-11-20T10:00:00.000+0000', LoginType: 'Application', SourceIp: '192.0.2.10', Status: 'Success', CountryIso: 'FR' }),
      login(L[1], { UserId: U2, LoginGeoId: G2, LoginTime: '2026-11-19T23:59:59.000+0000', LoginType: 'Remote Access 2.0', SourceIp: '198.51.100.7', Status: 'Invalid Password', CountryIso: 'US', OptionsIsGet: true }),
      login(L[2], { UserId: U1, LoginGeoId: null, LoginTime: '2026-11-13T08:00:00.000+0000', LoginType: 'Application', SourceIp: '203.0.113.5', Status: 'Success', CountryIso: null }),
      login(L[3], { UserId: U3, LoginGeoId: G3, LoginTime: '2026-10-31T12:00:00.000+0000', LoginType: 'SAML Sfdc Initiated SSO', SourceIp: '192.0.2.99', Status: 'Success', CountryIso: 'DE' }),
      login(L[4], { UserId: U2, LoginGeoId: fakeId('04F', 99), LoginTime: '2026-11-20T15:00:00.000+0000', LoginType: 'application', SourceIp: '198.51.100.8', Status: 'Success', CountryIso: 'us' }),
      login(L[5], { UserId: U1, LoginGeoId: G1, LoginTime: '2026-11-20T01:00:00.000+0000', LoginType: 'Application', SourceIp: '192.0.2.11', Status: 'Success', CountryIso: 'FR', IsDeleted: true }),
    ],
    SetupAuditTrail: [
      { Id: S[0], Action: 'changedPassword', Section: 'Manage Users', Display: "Changed password for user 'bob'", CreatedById: U1, CreatedDate: '2026-11-18T09:00:00.000+0000', DelegateUser: null },
      { Id: S[1], Action: 'PermSetAssign', Section: 'Manage Users', Display: 'Assigned permission set Modify All', CreatedById: U2, CreatedDate: '2026-11-20T14:00:00.000+0000', DelegateUser: 'alice@example.com' },
      { Id: S[2], Action: 'createdcustomersuccessuser', Section: 'Customer Portal', Display: 'Created portal user', CreatedById: null, CreatedDate: '2026-11-01T00:00:00.000+0000', DelegateUser: null },
    ],
    Warden_Alert__c: [
      { Id: A[0], Name: 'Impossible travel', User__c: U1, Severity__c: 'High', Score__c: 87.5, Hits__c: 3, Detected_On__c: '2026-11-20', Tags__c: 'travel;geo', Payload__c: 'aGVsbG8=', Evidence__c: 'Paris then Austin within 1 hour', IsDeleted: false, CreatedDate: CREATED },
      { Id: A[1], Name: 'Password spray', User__c: U2, Severity__c: 'Medium', Score__c: 42, Hits__c: 10, Detected_On__c: '2026-11-19', Tags__c: null, Payload__c: null, IsDeleted: false, CreatedDate: CREATED },
      { Id: A[2], Name: 'Dormant admin', User__c: null, Severity__c: 'low', Score__c: null, Hits__c: 0, Detected_On__c: '2026-10-01', IsDeleted: false, CreatedDate: CREATED },
      { Id: A[3], Name: '100% match_rate', User__c: U3, Severity__c: 'Critical', Score__c: 99.9, Hits__c: 1, Detected_On__c: null, IsDeleted: false, CreatedDate: CREATED },
      { Id: A[4], Name: 'Old alert', User__c: U1, Severity__c: 'High', Score__c: 10, Hits__c: 1, Detected_On__c: '2025-01-01', IsDeleted: true, CreatedDate: CREATED },
    ],
  };
}
