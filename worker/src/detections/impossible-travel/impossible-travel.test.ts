/** Behaviour across polls: the trail of stops and the day's alert live in state between pages. */
import type { Activity, Geo } from '../../activity/activity';
import { fixtureContext } from '../fixture-format';
import { impossibleTravel } from './impossible-travel';

const LONDON: Geo = { source: 'LoginGeo', countryIso: 'GB', country: 'United Kingdom', city: 'London', latitude: 51.5072, longitude: -0.1276 };
const LAGOS: Geo = { source: 'LoginGeo', countryIso: 'NG', country: 'Nigeria', city: 'Lagos', latitude: 6.5244, longitude: 3.3792 };
const day = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m);

let n = 0;
function signIn(timeMs: number, geo: Geo, ip: string): Activity {
  n += 1;
  return { id: `0Ya00000000${String(n).padStart(4, '0')}`, source: 'LoginHistory', orgId: '00D000000000001', userId: '005000000000AAAAAA', username: 'ana@example.com', kind: 'login.success', loginType: 'Application', userAgent: 'Chrome 131', ip, geo, asn: 2856, isp: 'British Telecommunications PLC', ipTags: [], timeMs };
}

describe('impossible-travel across polls', () => {
  it('compares a sign-in with the previous page\'s and updates one alert for the day', async () => {
    const ctx = fixtureContext(impossibleTravel);
    expect(await impossibleTravel.evaluate([signIn(day(10, 9), LONDON, '192.0.2.10')], ctx)).toEqual([]);
    const [raised] = await impossibleTravel.evaluate([signIn(day(10, 10, 30), LAGOS, '203.0.113.77')], ctx);
    expect(raised).toMatchObject({ count: 1, ip: '203.0.113.77', country: 'NG', evidence: { from: { ip: '192.0.2.10' }, to: { ip: '203.0.113.77' } } });
    const [updated] = await impossibleTravel.evaluate([signIn(day(10, 11), LONDON, '192.0.2.10')], ctx);
    expect(updated).toMatchObject({ bucket: raised!.bucket, count: 2, occurredAtMs: raised!.occurredAtMs, lastSeenAtMs: day(10, 11) });
  });

  it('counts a replayed page once', async () => {
    const ctx = fixtureContext(impossibleTravel);
    const page = [signIn(day(10, 9), LONDON, '192.0.2.10'), signIn(day(10, 10, 30), LAGOS, '203.0.113.77')];
    await impossibleTravel.evaluate(page, ctx);
    expect(await impossibleTravel.evaluate(page, ctx)).toEqual([]);
  });

  it('does not learn the country of an impossible hop: a later hop to it alerts again', async () => {
    const ctx = fixtureContext(impossibleTravel);
    for (let d = 1; d <= 10; d += 1) await impossibleTravel.evaluate([signIn(day(d, 9), LONDON, '192.0.2.10')], ctx);
    expect(await impossibleTravel.evaluate([signIn(day(10, 10), LAGOS, '203.0.113.77')], ctx)).toHaveLength(1);
    await impossibleTravel.evaluate([signIn(day(12, 9), LONDON, '192.0.2.10')], ctx);
    const [again] = await impossibleTravel.evaluate([signIn(day(12, 10), LAGOS, '203.0.113.78')], ctx);
    expect(again).toMatchObject({ bucket: '005000000000AAAAAA:2026-11-12', count: 1 });
  });

  it('learns countries from plausible travel: once both are usual, a fast hop between them is quiet', async () => {
    const ctx = fixtureContext(impossibleTravel);
    // London and Lagos on alternate days for nine days (a user who works in both).
    for (let d = 1; d <= 9; d += 1) await impossibleTravel.evaluate([signIn(day(d, 9), d % 2 ? LONDON : LAGOS, d % 2 ? '192.0.2.10' : '203.0.113.77')], ctx);
    expect(await impossibleTravel.evaluate([signIn(day(9, 10), LAGOS, '203.0.113.77')], ctx)).toEqual([]);
  });
});
