/** Behaviour across OAuth snapshots and sign-in pages: bursts that span polls, apps that become established. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState, type KeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { riskyOauthApp } from './risky-oauth-app';

const DAY_MS = 86_400_000;
const t0 = Date.parse('2026-11-01T08:00:00Z');
const ADMIN = '005000000000ADMAAA';
const env = fixtureEnvironment({ users: [{ id: ADMIN, username: 'yuki.admin@example.com', privileges: ['ModifyAllData (profile System Administrator)'] }] });

function context(): DetectionContext {
  return { settings: resolveSettings(riskyOauthApp, undefined), state: new MemoryKeyedState(), env };
}

function grant(user: string, app: string, timeMs: number): Activity {
  return { id: `OauthToken:${user}:${timeMs}`, source: 'OauthToken', orgId: '00D000000000001', userId: user, appName: app, kind: 'oauth.grant', timeMs, ipTags: [] };
}

function signIn(user: string, app: string, timeMs: number): Activity {
  return { id: `0Ya${user}${timeMs}`, source: 'LoginHistory', orgId: '00D000000000001', userId: user, application: app, loginType: 'Remote Access 2.0', kind: 'login.success', timeMs, ipTags: [] };
}

describe('risky-oauth-app across polls', () => {
  it('joins a burst split over two hourly snapshots into one growing alert', async () => {
    const ctx = context();
    const start = t0 + 20 * DAY_MS;
    const first = [1, 2, 3].map((n) => grant(`005000000000U0${n}AA`, 'Quarterly Docs Viewer', start + n * 5 * 60_000));
    expect(await riskyOauthApp.evaluate(first, ctx)).toEqual([]);
    const second = [4, 5, 6].map((n) => grant(`005000000000U0${n}AA`, 'Quarterly Docs Viewer', start + n * 5 * 60_000));
    const [alert] = await riskyOauthApp.evaluate(second, ctx);
    expect(alert).toMatchObject({ count: 6, occurredAtMs: first[0]!.timeMs, evidence: { largestBurst: { users: 6 } } });
    const [grown] = await riskyOauthApp.evaluate([grant('005000000000U07AA', 'Quarterly Docs Viewer', start + 40 * 60_000)], ctx);
    expect(grown).toMatchObject({ bucket: alert!.bucket, count: 7 });
  });

  it('learns an app from the org\'s OAuth sign-ins: once used for weeks by several users, an admin approving it is quiet', async () => {
    const ctx = context();
    for (let day = 0; day < 20; day += 2) {
      await riskyOauthApp.evaluate([1, 2, 3, 4].map((n) => signIn(`005000000000W0${n}AA`, 'Acme Billing Connector', t0 + day * DAY_MS + n * 60_000)), ctx);
    }
    expect(await riskyOauthApp.evaluate([grant(ADMIN, 'Acme Billing Connector', t0 + 21 * DAY_MS)], ctx)).toEqual([]);
  });

  it('does not take an app for established because its own first users signed in before the grants were read', async () => {
    const ctx = context();
    const start = t0 + 20 * DAY_MS;
    // The scan reads sign-ins before grants: the victims' sign-ins with the app are already known.
    await riskyOauthApp.evaluate([1, 2, 3, 4].map((n) => signIn(`005000000000V0${n}AA`, 'PDF Merge Toolbox', start + n * 60_000 + 30_000)), ctx);
    const alerts = await riskyOauthApp.evaluate([grant(ADMIN, 'PDF Merge Toolbox', start)], ctx);
    expect(alerts).toMatchObject([{ userId: ADMIN, evidence: { privilegedGrantors: ['yuki.admin@example.com'], usersBeforeTheseGrants: 0 } }]);
  });

  it('reads the app inventory once per page and writes it only when the page taught it something', async () => {
    const memory = new MemoryKeyedState();
    const calls = { get: 0, set: 0 };
    const state: KeyedState = { getMany: (keys) => ((calls.get += 1), memory.getMany(keys)), setMany: (entries) => ((calls.set += 1), memory.setMany(entries)) };
    const ctx = { ...context(), state };
    const page = (minute: number) => [1, 2, 3].map((n) => signIn(`005000000000W0${n}AA`, 'Acme Billing Connector', t0 + minute * 60_000 + n * 1000));
    await riskyOauthApp.evaluate(page(0), ctx);
    expect(calls).toEqual({ get: 1, set: 1 });
    // The same users signing in again the same morning: nothing new to save.
    await riskyOauthApp.evaluate(page(30), ctx);
    expect(calls).toEqual({ get: 2, set: 1 });
  });
});
