/** Behaviour across batches: a spray split over polls is one alert; later successes and Salesforce findings join it. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import { passwordSpray } from './password-spray';

const settings = resolveSettings(passwordSpray, undefined);
const env = fixtureEnvironment({});
const t0 = Date.parse('2026-11-20T03:00:00Z');
const IP = '203.0.113.50';

function login(n: number, kind: Activity['kind'], seconds: number, ip = IP): Activity {
  return { id: `0Ya${String(n).padStart(12, '0')}${kind === 'login.success' ? 'S' : 'F'}`, source: 'LoginHistory', orgId: '00D000000000001', userId: `005000000000${String(n).padStart(3, '0')}`, kind, ip, loginType: 'Application', timeMs: t0 + seconds * 1000, ipTags: [] };
}

/** Accounts `from`..`to` failing once each, 10 s apart from `startSeconds`. */
function failures(from: number, to: number, startSeconds: number, ip = IP): Activity[] {
  return Array.from({ length: to - from + 1 }, (_, i) => login(from + i, 'login.failure', startSeconds + i * 10, ip));
}

describe('password-spray across polls', () => {
  it('opens one spray from failures split over two polls and updates it with the next poll', async () => {
    const state = new MemoryKeyedState();
    expect(await passwordSpray.evaluate(failures(1, 8, 0), { settings, state, env })).toEqual([]);
    const [opened] = await passwordSpray.evaluate(failures(9, 16, 80), { settings, state, env });
    expect(opened).toMatchObject({ ip: IP, count: 16, severity: 'medium', evidence: expect.objectContaining({ distinctAccounts: 16 }) });
    const [updated] = await passwordSpray.evaluate(failures(17, 20, 400), { settings, state, env });
    expect(updated).toMatchObject({ bucket: opened!.bucket, count: 20, evidence: expect.objectContaining({ distinctAccounts: 20 }) });
  });

  it('raises the spray to high when an account signs in from the address in a later poll', async () => {
    const state = new MemoryKeyedState();
    const [opened] = await passwordSpray.evaluate(failures(1, 15, 0), { settings, state, env });
    const [updated] = await passwordSpray.evaluate([login(7, 'login.success', 600)], { settings, state, env });
    expect(updated).toMatchObject({ bucket: opened!.bucket, severity: 'high', userId: '005000000000007' });
  });

  it('does not link a success long after the spray ended', async () => {
    const state = new MemoryKeyedState();
    await passwordSpray.evaluate(failures(1, 15, 0), { settings, state, env });
    expect(await passwordSpray.evaluate([login(7, 'login.success', 3 * 3600)], { settings, state, env })).toEqual([]);
  });

  it('adds a credential-stuffing finding read hours later (real-time stream) to the spray it belongs to', async () => {
    const state = new MemoryKeyedState();
    const [opened] = await passwordSpray.evaluate(failures(1, 18, 0), { settings, state, env });
    await passwordSpray.evaluate(failures(40, 40, 7200, '198.51.100.1'), { settings, state, env });
    const finding: Activity = {
      id: 'cs-1', source: 'CredentialStuffingEventStore', orgId: '00D000000000001', kind: 'threat', timeMs: t0 + 200_000, ip: IP,
      userId: '005000000000018', score: 1, summary: 'Successful login from Credential Stuffing attack.', ipTags: [],
    };
    const [linked] = await passwordSpray.evaluate([finding], { settings, state, env });
    expect(linked).toMatchObject({ bucket: opened!.bucket, severity: 'high', count: 18, userId: '005000000000018' });
  });

  it('keeps nothing for addresses without failures in the window', async () => {
    const state = new MemoryKeyedState();
    await passwordSpray.evaluate([login(1, 'login.failure', 0, '192.0.2.1')], { settings, state, env });
    await passwordSpray.evaluate([login(1, 'login.success', 900, '192.0.2.1')], { settings, state, env });
    expect(await state.getMany(['ip:192.0.2.1'])).toEqual(new Map());
  });
});
