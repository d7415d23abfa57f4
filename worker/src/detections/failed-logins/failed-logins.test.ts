/** Behaviour across batches: the state carries a burst from one poll to the next. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import { failedLogins } from './failed-logins';

const settings = resolveSettings(failedLogins, undefined);
const env = fixtureEnvironment({});
const t0 = Date.parse('2026-11-20T09:00:00Z');

function login(n: number, kind: Activity['kind'], minute: number, ip = '203.0.113.10', userId = '005000000000AAA'): Activity {
  return { id: `0Ya${userId.slice(-3)}${String(n).padStart(9, '0')}`, source: 'LoginHistory', orgId: '00D000000000001', userId, username: 'ana@example.com', kind, ip, timeMs: t0 + minute * 60_000, ipTags: [] };
}

const DAY_MINUTES = 24 * 60;

/** `count` failures a minute apart on `day` (days after t0), then the user's success, as one poll. */
function morning(day: number, count: number, userId = '005000000000AAA', ip = '198.51.100.7'): Activity[] {
  const start = day * DAY_MINUTES;
  const failures = Array.from({ length: count }, (_, i) => login(day * 1000 + i, 'login.failure', start + i, ip, userId));
  return [...failures, login(day * 1000 + 999, 'login.success', start + count + 1, ip, userId)];
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

describe('failed-logins baseline', () => {
  const ctx = () => ({ settings, state: new MemoryKeyedState(), env });

  it('learns a noisy account over a week of polls and raises only what is far above its usual peak', async () => {
    const c = ctx();
    for (let day = 0; day < 8; day += 1) expect(await failedLogins.evaluate(morning(day, 9), c)).toEqual([]);
    // 11 failures would open a burst for anyone without history; this account usually has 9.
    expect(await failedLogins.evaluate(morning(8, 11), c)).toEqual([]);
    const [raised] = await failedLogins.evaluate(morning(9, 20, '005000000000AAA', '203.0.113.66'), c);
    expect(raised).toMatchObject({ count: 20, ip: '203.0.113.66' });
    expect(raised!.evidence).toMatchObject({ usualPeakPerWindow: 11.1, threshold: { minFailures: 17 } });
  });

  it('applies only the minimum during the learning week, whatever the user did so far', async () => {
    const c = ctx();
    for (let day = 0; day < 5; day += 1) await failedLogins.evaluate(morning(day, 9), c);
    const [raised] = await failedLogins.evaluate(morning(5, 11), c);
    expect(raised).toMatchObject({ count: 11 });
    expect(raised!.evidence).toMatchObject({ usualPeakPerWindow: expect.stringContaining('not learned yet') });
  });

  it('does not learn an alerted burst as normal: the next burst of the same size alerts again', async () => {
    const c = ctx();
    for (let day = 0; day < 8; day += 1) await failedLogins.evaluate(morning(day, 2), c);
    expect(await failedLogins.evaluate(morning(8, 40), c)).toHaveLength(1);
    expect(await failedLogins.evaluate(morning(9, 12), c)).toHaveLength(1);
  });
});

describe('failed-logins state access', () => {
  it('reads and writes its state (bursts and baselines) in one batch each per page, whatever the number of logins', async () => {
    const inner = new MemoryKeyedState();
    const calls = { get: 0, set: 0 };
    const state = {
      getMany: <T>(keys: readonly string[]) => ((calls.get += 1), inner.getMany<T>(keys)),
      setMany: (entries: ReadonlyMap<string, unknown>, _ttl: number) => ((calls.set += 1), inner.setMany(entries)),
    };
    const page = ['005000000000AAA', '005000000000BBB', '005000000000CCC'].flatMap((user, u) => Array.from({ length: 12 }, (_, i) => login(u * 100 + i, 'login.failure', i, '203.0.113.10', user)));
    await failedLogins.evaluate(page, { settings, state, env });
    expect(calls.get).toBe(1);
    // Two staged writes (bursts, profiles) that the page commits together with its cursor.
    expect(calls.set).toBeLessThanOrEqual(2);
  });
});

