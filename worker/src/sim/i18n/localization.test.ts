/**
 * A reader whose language is French or German sees LoginHistory labels in that language, as in a
 * real org; ids, API names and event log codes stay as they are. The reader's language is their
 * own LanguageLocaleKey, else the org's default (org.json `language`).
 */
import { Connection } from 'jsforce';
import { ADMIN_PROFILE, ALICE, baseFiles, ORG_JSON, rawFetch, removeTempDirs, startSim, STANDARD_PROFILE, type StartedSim } from '../__tests__/sim-test-kit';
import { labelTableFor } from './label-catalog';
import { localizeRow } from './localize-row';

interface Login {
  Id: string;
  Status: string;
  LoginType: string;
  Platform: string | null;
  LoginGeo: { Country: string } | null;
}

const USERS = [
  { Id: ALICE, Username: 'alice@example.com', LastName: 'Ng', Email: 'alice@example.com', IsActive: true, ProfileId: STANDARD_PROFILE, LanguageLocaleKey: 'de' },
  { Username: 'admin@example.com', LastName: 'Admin', Email: 'admin@example.com', IsActive: true, ProfileId: ADMIN_PROFILE },
];
// The fixture's rows: the sign-ins of the tests' own tokens are at now (12:00) and later.
const LOGIN_POLL = 'SELECT Id, Status, LoginType, Platform, LoginGeo.Country FROM LoginHistory WHERE LoginTime < 2024-01-08T12:00:00Z ORDER BY LoginTime';

function org(language: string): ReturnType<typeof baseFiles> {
  const files = baseFiles({ 'org.json': { ...ORG_JSON, language }, 'records/User.json': USERS });
  const logins = files['records/LoginHistory.json'] as Array<Record<string, unknown>>;
  (logins[0] as Record<string, unknown>)['Platform'] = 'Unknown';
  return files;
}

afterAll(removeTempDirs);

describe('labels in the reader language', () => {
  let s: StartedSim;
  beforeAll(async () => {
    s = await startSim(org('fr'));
  });
  afterAll(() => s.sim.stop());

  it('shows a French service account LoginHistory Status, LoginType and Platform in French', async () => {
    const rows = (await s.conn.query<Login>(LOGIN_POLL)).records;
    expect(rows.map((r) => [r.Status, r.LoginType])).toEqual([
      ['Réussite', 'Application'],
      ['Mot de passe non valide', 'Application'],
      ['Réussite', 'Accès à distance 2.0'],
    ]);
    expect(rows[0]).toMatchObject({ Platform: 'Inconnu', LoginGeo: { Country: 'United Kingdom' } });
  });

  it('localizes a record retrieved by id too', async () => {
    const [first] = (await s.conn.query<Login>(LOGIN_POLL)).records;
    const retrieved = (await s.conn.sobject('LoginHistory').retrieve(String(first?.Id))) as unknown as Login;
    expect(retrieved).toMatchObject({ Status: 'Réussite', LoginType: 'Application', Platform: 'Inconnu' });
  });

  it('keeps codes and API names: EventLogFile types and LOGIN_STATUS in the CSV', async () => {
    const [file] = (await s.conn.query<{ Id: string; EventType: string; Interval: string }>("SELECT Id, EventType, Interval FROM EventLogFile WHERE EventType = 'Login'")).records;
    expect(file).toMatchObject({ EventType: 'Login', Interval: 'Daily' });
    const csv = await (await rawFetch(`${s.url}/services/data/v62.0/sobjects/EventLogFile/${file?.Id}/LogFile`, { token: s.token })).text();
    expect(csv).toContain('"LOGIN_NO_ERROR"');
  });

  it("follows the user's own LanguageLocaleKey, defaulting new users to the org's language", async () => {
    const users = (await s.conn.query<{ Username: string; LanguageLocaleKey: string }>('SELECT Username, LanguageLocaleKey FROM User ORDER BY Username')).records;
    expect(users.map((u) => [u.Username, u.LanguageLocaleKey])).toEqual([
      ['admin@example.com', 'fr'],
      ['alice@example.com', 'de'],
    ]);
    const alice = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken('alice@example.com'), version: '62.0' });
    const rows = (await alice.query<Login>(LOGIN_POLL)).records;
    expect(rows.map((r) => r.Status)).toEqual(['Erfolgreich', 'Ungültiges Kennwort', 'Erfolgreich']);
    expect(rows[2]?.LoginType).toBe('Remotezugriff 2.0');
  });
});

describe('languages without a catalogue', () => {
  it('leaves an English reader with the stored English values', async () => {
    const s = await startSim(org('en_US'));
    try {
      const rows = (await s.conn.query<Login>(LOGIN_POLL)).records;
      expect(rows.map((r) => r.Status)).toEqual(['Success', 'Invalid Password', 'Success']);
    } finally {
      await s.sim.stop();
    }
  });

  it('matches a LanguageLocaleKey on its language part and English values case-insensitively', () => {
    expect(labelTableFor('en_US')).toBeUndefined();
    expect(labelTableFor('ja')).toBeUndefined();
    const row = { attributes: { type: 'LoginHistory', url: '/x' }, Status: 'invalid password', Application: 'Success' };
    expect(localizeRow(row, labelTableFor('de_AT') ?? new Map())).toEqual({ ...row, Status: 'Ungültiges Kennwort' });
  });
});
