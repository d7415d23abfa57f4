/** Behaviour across polls: sign-ins and the session's later event log rows update one alert; sharing is learnt. */
import type { Activity, Geo } from '../../activity/activity';
import { fixtureContext } from '../fixture-format';
import { anonymousIp } from './anonymous-ip';

const NL: Geo = { source: 'LoginGeo', countryIso: 'NL', country: 'Netherlands', city: 'Amsterdam', latitude: 52.3676, longitude: 4.9041 };
const at = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m);

let n = 0;
function activity(user: string, timeMs: number, ip: string, extra: Partial<Activity> = {}): Activity {
  n += 1;
  return {
    id: `0Ya0000000${String(n).padStart(5, '0')}`, source: 'LoginHistory', orgId: '00D000000000001', userId: user, username: `${user}@example.com`,
    kind: 'login.success', loginType: 'Application', userAgent: 'Chrome 120', ip, geo: NL, asn: 60781, isp: 'LeaseWeb Netherlands B.V.', ipTags: ['anonymous'], timeMs, ...extra,
  };
}
const exportRow = (user: string, timeMs: number, ip: string, extra: Partial<Activity> = {}) =>
  activity(user, timeMs, ip, { source: 'ELF:ReportExport', kind: 'report.export', loginType: undefined, userAgent: undefined, ...extra });

describe('anonymous-ip across polls', () => {
  it('counts the event log rows of a Tor session read in a later poll into the sign-in\'s alert', async () => {
    const ctx = fixtureContext(anonymousIp);
    const [raised] = await anonymousIp.evaluate([activity('ana', at(20, 3), '203.0.113.9')], ctx);
    expect(raised).toMatchObject({ severity: 'high', count: 1 });
    const page = [exportRow('ana', at(20, 3, 12), '203.0.113.9')];
    const [updated] = await anonymousIp.evaluate(page, ctx);
    expect(updated).toMatchObject({ bucket: raised!.bucket, count: 2, occurredAtMs: at(20, 3), lastSeenAtMs: at(20, 3, 12) });
    // The same page read again (a retried poll) does not count its row twice.
    const [replayed] = await anonymousIp.evaluate(page, ctx);
    expect(replayed).toMatchObject({ bucket: raised!.bucket, count: 2 });
  });

  it('learns that an address is shared: once 5 org users signed in from it, the next user is quiet', async () => {
    const ctx = fixtureContext(anonymousIp);
    const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    const raised: string[] = [];
    for (const [i, user] of users.entries()) {
      for (const alert of await anonymousIp.evaluate([activity(user, at(20 + i, 9), '203.0.113.50')], ctx)) raised.push(alert.userId!);
    }
    expect(raised).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('does not raise hosting-network activity without an alerting sign-in, but updates an alert that has one', async () => {
    const ctx = fixtureContext(anonymousIp);
    const hosting = { ipTags: [], asn: 14061, isp: 'DigitalOcean, LLC' };
    for (let d = 1; d <= 9; d += 1) await anonymousIp.evaluate([activity('ben', at(d, 9), '198.51.100.11', { ipTags: [], asn: 7922, isp: 'Comcast', userAgent: 'Safari 18' })], ctx);
    expect(await anonymousIp.evaluate([exportRow('ben', at(10, 8), '203.0.113.20', hosting)], ctx)).toEqual([]);
    const [raised] = await anonymousIp.evaluate([activity('ben', at(10, 20), '203.0.113.20', hosting)], ctx);
    expect(raised).toMatchObject({ severity: 'medium', count: 1, evidence: { reason: 'hosting', usualClients: ['safari@18'] } });
    const [updated] = await anonymousIp.evaluate([exportRow('ben', at(10, 20, 5), '203.0.113.20', hosting)], ctx);
    expect(updated).toMatchObject({ bucket: raised!.bucket, count: 2 });
  });
});
