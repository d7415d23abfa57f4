import { isLoginAsEntry, riskAreaOf, workAreaOf } from './admin-audit-codes';

describe('setup audit trail codes', () => {
  it.each([
    ['passwordexpiryForProfile', 'Password Policies', 'password-policy'],
    ['changedsessiontimeout', 'Session Settings', 'session-security'],
    ['mFADirectUILoginOptInOnOff', undefined, 'mfa-identity'],
    ['loginIpRange', 'Manage Users', 'network-access'],
    ['changeOauthDefaultScope', 'Application', 'connected-apps'],
    ['insertConnectedApplication', 'Connected Apps', 'connected-apps'],
    ['changeApplicationCertificate', 'Remote Access', 'connected-apps'],
    ['insertCertificate', 'Certificate and Key Management', 'certificates'],
    ['transactionSecurityPolicyEnabledDisabled', 'Transaction Security', 'transaction-security'],
    ['PermSetEnableUserPerm', 'Manage Users', 'permissions'],
    ['changedApexClass', 'Apex Class', 'apex-code'],
    ['export', 'Data Export', 'data-export'],
  ])('%s is a change in a high-risk area (%s → %s)', (action, section, area) => {
    expect(riskAreaOf(action, section)).toBe(area);
  });

  it.each([
    ['resetpassword', 'Manage Users'],
    ['PermSetAssign', 'Manage Users'],
    ['changedpassword', 'Manage Users'],
    ['createdCFCustom', 'Custom Objects'],
    ['changedPicklist', 'Customize Opportunities'],
  ])('%s is routine', (action, section) => expect(riskAreaOf(action, section)).toBeUndefined());

  it('classifies an unknown code by its English section, and names ordinary areas by section or code', () => {
    expect(riskAreaOf('someFutureSessionCode', 'Session Settings')).toBe('session-security');
    expect(workAreaOf('createdCFCustom', 'Custom Objects')).toBe('section:custom objects');
    expect(workAreaOf('obfuscateUserOffOn', undefined)).toBe('action:obfuscateuseroffon');
  });

  it('knows Login-As entries are not setup changes', () => {
    expect(isLoginAsEntry('suOrgAdminLogin')).toBe(true);
    expect(isLoginAsEntry('suOrgAdminLogout')).toBe(true);
    expect(isLoginAsEntry('PermSetAssign')).toBe(false);
  });
});
