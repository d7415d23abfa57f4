/**
 * Salesforce writes a LoginHistory row (with its LoginGeo) for every OAuth sign-in, and the
 * session's AuthSession points at it; AuthSession.IsCurrent is true only on the row of the
 * session making the call.
 */
import { Connection } from 'jsforce';
import { ADMIN, ALICE, baseFiles, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;
beforeAll(async () => {
  s = await startSim(baseFiles({ 'org.json': { organizationId: '00D5g00000ABCDE', edition: 'Enterprise Edition', language: 'fr', apiRequests: { max: 15000, used: 100 }, eventMonitoring: 'shield', now: '2024-01-08T12:00:00.000Z' } }), { realNowMs: () => 0 });
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

interface Own {
  Id: string;
  UsersId: string;
  LoginHistoryId: string;
  IsCurrent: boolean;
}

it('links each session to its own successful sign-in, and marks only the caller\'s session current', async () => {
  const alice = new Connection({ instanceUrl: s.url, accessToken: s.sim.issueAccessToken('alice@example.com'), version: '62.0' });
  const mine = (await s.conn.query<Own>('SELECT Id, UsersId, LoginHistoryId, IsCurrent FROM AuthSession WHERE IsCurrent = true')).records;
  expect(mine).toHaveLength(1);
  expect(mine[0]!.UsersId).toBe(ADMIN);
  const hers = (await alice.query<Own>('SELECT Id, UsersId, LoginHistoryId FROM AuthSession WHERE IsCurrent = true')).records;
  expect(hers.map((r) => r.UsersId)).toEqual([ALICE]);
  expect(hers[0]!.Id).not.toBe(mine[0]!.Id);
  const all = (await s.conn.query<Own>('SELECT Id, IsCurrent FROM AuthSession')).records;
  expect(all.filter((r) => r.IsCurrent).map((r) => r.Id)).toEqual([mine[0]!.Id]);

  // The row is a French reader's: its Status is the success value in French.
  const login = (await s.conn.query<{ Status: string; LoginType: string; UserId: string; LoginTime: string; LoginGeoId: string }>(`SELECT Status, LoginType, UserId, LoginTime, LoginGeoId FROM LoginHistory WHERE Id = '${mine[0]!.LoginHistoryId}'`)).records;
  expect(login).toEqual([expect.objectContaining({ Status: 'Réussite', LoginType: 'Accès à distance 2.0', UserId: ADMIN, LoginTime: '2024-01-08T12:00:00.000+0000' })]);
  expect(login[0]!.LoginGeoId).toMatch(/^04F/);
});
