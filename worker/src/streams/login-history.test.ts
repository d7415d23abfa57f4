/**
 * Language independence of the logins stream: on an org whose service account reads French, every
 * LoginHistory.Status arrives in French ("Réussite", "Mot de passe non valide" …), yet the stream
 * sees the same successes and failures — and a scan raises the same alerts — as in English,
 * because the success value is learned from the worker's own sign-in. When it cannot be learned,
 * only "Success" counts and the stream says so.
 */
import type { Activity } from '../activity/activity';
import { parseConfig } from '../config';
import { silentLogger } from '../logger';
import { scan } from '../pipeline/scan';
import { runStreamPass } from '../pipeline/stream-pass';
import { loginsStream } from './login-history';
import { ACME, ACME_NOW, fixtureCopy, frenchAcme, openOrg, removeFixtureCopies } from './stream-test-kit';

afterAll(removeFixtureCopies);

const WINDOW = { fromMs: ACME_NOW - 7 * 86_400_000, untilMs: ACME_NOW };

async function loginKinds(dir: string) {
  const { connected, deps } = await openOrg(dir);
  const seen: Activity[] = [];
  try {
    const policies = { ...deps.policies, evaluate: async (activities: readonly Activity[]) => (seen.push(...activities), []) };
    const result = await runStreamPass(loginsStream, { ...deps, policies }, WINDOW);
    return { kinds: seen.map((a) => `${a.id}:${a.kind}`).sort(), statuses: result.statuses, statusValues: new Set(seen.map((a) => a.status)) };
  } finally {
    await connected.close();
  }
}

describe('logins on a French-language org', () => {
  it('classifies every sign-in as the English org does, though Status is in French', async () => {
    const english = await loginKinds(ACME);
    const french = await loginKinds(frenchAcme());
    expect(french.statusValues.has('Réussite')).toBe(true);
    expect(french.statusValues.has('Success')).toBe(false);
    expect(french.kinds).toEqual(english.kinds);
    expect(french.kinds.filter((k) => k.endsWith('login.failure')).length).toBeGreaterThanOrEqual(14);
    expect(french.statuses).toEqual([expect.objectContaining({ source: 'LoginHistory', state: 'ok', detail: expect.stringContaining('"Réussite"') })]);
  });

  it('scans to the same alerts as the English org', async () => {
    const run = async (dir: string) => (await scan({ target: { kind: 'sim', dir }, config: parseConfig({}), log: silentLogger() })).alerts;
    const english = await run(ACME);
    const french = await run(frenchAcme());
    expect(english.map((a) => a.policy)).toContain('failed-logins');
    expect(french).toEqual(english);
  }, 30_000);
});

describe('when the success value cannot be learned', () => {
  // The service account may not read AuthSession (or the org answers with an old API): Salesforce says INVALID_TYPE.
  const faults = { rules: [{ kind: 'http-error', status: 400, errorCode: 'INVALID_TYPE', message: "sObject type 'AuthSession' is not supported.", path: 'AuthSession' }] };

  it('falls back to English "Success", says the service account must read English, and still works for an English org', async () => {
    const result = await loginKinds(fixtureCopy(ACME, { faults }));
    expect(result.statuses).toEqual([expect.objectContaining({ state: 'degraded', detail: expect.stringMatching(/only "Success" counts.*must be English/) })]);
    expect(result.kinds).toEqual((await loginKinds(ACME)).kinds);
  });

  it('on a French org every sign-in then looks failed — which is why scan reports the mode', async () => {
    const result = await loginKinds(frenchAcme({ faults }));
    expect(result.kinds.every((k) => k.endsWith('login.failure'))).toBe(true);
    expect(result.statuses[0]?.state).toBe('degraded');
  });
});
