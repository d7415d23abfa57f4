import { auditTarget, nameResolver } from './audit-target';

const ADMIN = '0055g00000AdminAAA';
const resolve = nameResolver([
  { id: '0055g00000JaneDAAA', name: 'Jane Doe' },
  { id: '0055g00000JaneSAAA', name: 'Jane Smith' },
  { id: '0055g00000TwinAAAA', name: 'Sam Lee' },
  { id: '0055g00000TwinBAAA', name: 'Sam Lee' },
  { id: ADMIN, name: 'Ada Admin' },
]);

describe('audit trail targets from Display', () => {
  it('takes a bracketed user id first, then a username, then a unique full name', () => {
    expect(auditTarget('Permission set Break Glass Admin: assigned to user Jane Doe (UserID: [0055g00000JaneD])', ADMIN, resolve)).toEqual({ userId: '0055g00000JaneD' });
    expect(auditTarget('For user jdoe@acme.com, the phone number +1 8888675309 was registered', ADMIN, resolve)).toEqual({ username: 'jdoe@acme.com' });
    expect(auditTarget('Logged in using Login-As access for Jane Doe', ADMIN, resolve)).toEqual({ userId: '0055g00000JaneDAAA' });
  });

  it('names no one when the name is ambiguous, only part of a longer name, or the actor', () => {
    expect(auditTarget('Froze user account for Sam Lee', ADMIN, resolve)).toBeUndefined();
    expect(auditTarget('Froze user account for Jane Doerr', ADMIN, resolve)).toBeUndefined();
    expect(auditTarget('Ada Admin disabled transaction security policy "Block exports".', ADMIN, resolve)).toBeUndefined();
    expect(auditTarget('Changed session timeout from 2 hours to 12 hours', ADMIN, resolve)).toBeUndefined();
    expect(auditTarget(null, ADMIN, resolve)).toBeUndefined();
  });

  it('does not depend on the wording around the name (a French Display)', () => {
    expect(auditTarget('Connecté en tant que Jane Smith via l\'accès Se connecter en tant que', ADMIN, resolve)).toEqual({ userId: '0055g00000JaneSAAA' });
  });
});
