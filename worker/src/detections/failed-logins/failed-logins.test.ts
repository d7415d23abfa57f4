/** Behaviour across batches: the state carries a burst from one poll to the next. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import { failedLogins } from './failed-logins';

const settings = resolveSettings(failedLogins, undefined);
const env = fixtureEnvironment({});
const t0 = Date.parse('2026-11-20T09:00:00Z');

function login(n: number, kind: Activity['kind'], minute: number, ip = '203.0.113.10'): Activity {
  return { id: `0Ya${String(n).padStart(12, '0')}`, source: 'LoginHistory', orgId: '00D000000000001', userId: '005000000000AAA', username: 'ana@example.com', kind, ip, timeMs: t0 + minute * 60_000, ipTags: [] };
}

describe('failed-logins across polls', () => {
  it('keeps one alert for a burst split over two batches and raises it to high when a success follows', async () => {
    const state = new MemoryKeyedState();
    const first = Array.from({ length: 10 }, (_, i) => login(i, 'login.failure', i));
    const [raised] = await failedLogins.evaluate(first, { settings, state, env });
    expect(raised).toMatchObject({ count: 10, severity: 'medium' });

    const second = [login(10, 'login.failure', 11), login(11, 'login.failure', 12), login(12, 'login.success', 14, '198.51.100.20')];
    const [updated] = await failedLogins.evaluate(second, { settings, state, env });
    expect(updated).toMatchObject({ bucket: raised!.bucket, count: 12, severity: 'high' });
    expect(updated!.evidence).toMatchObject({ followedBySuccess: true, successIp: '198.51.100.20' });
  });

  it('forgets a user once the window passed with no burst open', async () => {
    const state = new MemoryKeyedState();
    await failedLogins.evaluate([login(1, 'login.failure', 0)], { settings, state, env });
    await failedLogins.evaluate([login(2, 'login.success', 60)], { settings, state, env });
    expect(await state.getMany(['005000000000AAA'])).toEqual(new Map());
  });
});
