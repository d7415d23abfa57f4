/** Behaviour across polls: one alert per address and day, updated by later sign-ins, never counted twice. */
import type { Activity } from '../../activity/activity';
import { fixtureContext } from '../fixture-format';
import { riskyIpLogon } from './risky-ip-logon';

const at = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m);
let n = 0;
function signIn(user: string, timeMs: number, kind: Activity['kind'] = 'login.success'): Activity {
  n += 1;
  return { id: `0Ya0000000${String(n).padStart(5, '0')}`, source: 'LoginHistory', orgId: '00D000000000001', userId: user, username: `${user}@example.com`, kind, ip: '203.0.113.20', ipTags: ['risky'], timeMs };
}

describe('risky-ip-logon across polls', () => {
  it('updates the day\'s alert from a later poll and starts a new one the next day', async () => {
    const ctx = fixtureContext(riskyIpLogon);
    const [first] = await riskyIpLogon.evaluate([signIn('ana', at(20, 5))], ctx);
    const page = [signIn('ben', at(20, 9))];
    const [updated] = await riskyIpLogon.evaluate(page, ctx);
    expect(updated).toMatchObject({ bucket: first!.bucket, userId: 'ana', count: 2, occurredAtMs: at(20, 5), lastSeenAtMs: at(20, 9) });
    const [replayed] = await riskyIpLogon.evaluate(page, ctx);
    expect(replayed).toMatchObject({ count: 2 });
    const [next] = await riskyIpLogon.evaluate([signIn('ana', at(21, 5))], ctx);
    expect(next!.bucket).not.toBe(first!.bucket);
    expect(next).toMatchObject({ count: 1 });
  });

  it('keeps failed sign-ins (high sensitivity) apart from successes', async () => {
    const ctx = fixtureContext(riskyIpLogon, { sensitivity: 'high' });
    const [failed] = await riskyIpLogon.evaluate([signIn('ana', at(20, 5), 'login.failure')], ctx);
    const [ok] = await riskyIpLogon.evaluate([signIn('ana', at(20, 5, 1))], ctx);
    expect(failed).toMatchObject({ severity: 'low', count: 1 });
    expect(ok).toMatchObject({ severity: 'high', count: 1 });
    expect(ok!.bucket).not.toBe(failed!.bucket);
  });
});
