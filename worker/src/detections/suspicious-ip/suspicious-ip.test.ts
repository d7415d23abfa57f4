/** Behaviour across polls: what the org saw spraying is remembered; an address's alert is updated, not repeated. */
import type { Activity, Geo } from '../../activity/activity';
import { fixtureContext } from '../fixture-format';
import { suspiciousIp } from './suspicious-ip';

const EG: Geo = { source: 'LoginGeo', countryIso: 'EG', country: 'Egypt', city: 'Cairo', latitude: 30.0444, longitude: 31.2357 };
const at = (d: number, h: number, m = 0, s = 0) => Date.UTC(2026, 10, d, h, m, s);
const SPRAYER = '203.0.113.66';

let n = 0;
function login(user: string, timeMs: number, kind: Activity['kind'], ip = SPRAYER, extra: Partial<Activity> = {}): Activity {
  n += 1;
  return { id: `0Ya0000000${String(n).padStart(5, '0')}`, source: 'LoginHistory', orgId: '00D000000000001', userId: user, username: `${user}@example.com`, kind, loginType: 'Application', ip, geo: EG, ipTags: [], timeMs, ...extra };
}
const spray = (d: number, users: number) => Array.from({ length: users }, (_, i) => login(`victim${i}`, at(d, 3, 0, 10 * i), 'login.failure'));

describe('suspicious-ip across polls', () => {
  it('remembers a sprayer from one poll to the next and raises the success that follows', async () => {
    const ctx = fixtureContext(suspiciousIp);
    expect(await suspiciousIp.evaluate(spray(20, 12), ctx)).toEqual([]);
    const [raised] = await suspiciousIp.evaluate([login('victim3', at(20, 3, 5), 'login.success')], ctx);
    expect(raised).toMatchObject({ userId: 'victim3', ip: SPRAYER, count: 1, evidence: { reason: 'failed-sign-ins', sprayedUsers: 12 } });
  });

  it('counts failures of one spray split over two polls', async () => {
    const ctx = fixtureContext(suspiciousIp);
    const failures = spray(20, 10);
    await suspiciousIp.evaluate(failures.slice(0, 6), ctx);
    await suspiciousIp.evaluate(failures.slice(6), ctx);
    expect(await suspiciousIp.evaluate([login('victim1', at(20, 3, 5), 'login.success')], ctx)).toHaveLength(1);
  });

  it('updates the address\'s alert for a second user and for API rows, and counts a replayed page once', async () => {
    const ctx = fixtureContext(suspiciousIp);
    const listed = { ipTags: ['suspicious'], ip: '203.0.113.5' };
    const [first] = await suspiciousIp.evaluate([login('ana', at(20, 20), 'login.success', '203.0.113.5', listed)], ctx);
    const page = [
      login('ben', at(20, 20, 30), 'login.success', '203.0.113.5', listed),
      login('ben', at(20, 20, 32), 'api.query', '203.0.113.5', { ...listed, source: 'ELF:RestApi', loginType: undefined }),
    ];
    const [updated] = await suspiciousIp.evaluate(page, ctx);
    expect(updated).toMatchObject({ bucket: first!.bucket, userId: 'ana', count: 3, evidence: { users: { 'ana@example.com': 1, 'ben@example.com': 2 } } });
    const [replayed] = await suspiciousIp.evaluate(page, ctx);
    expect(replayed).toMatchObject({ count: 3 });
  });

  it('forgets a sprayer after rememberDays', async () => {
    const ctx = fixtureContext(suspiciousIp, { thresholds: { rememberDays: 2 } });
    await suspiciousIp.evaluate(spray(10, 12), ctx);
    expect(await suspiciousIp.evaluate([login('victim3', at(11, 9), 'login.success')], ctx)).toHaveLength(1);
    expect(await suspiciousIp.evaluate([login('victim4', at(14, 9), 'login.success')], ctx)).toEqual([]);
  });
});
