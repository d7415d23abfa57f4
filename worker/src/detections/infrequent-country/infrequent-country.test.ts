/** Behaviour across polls: user and org baselines are learnt page by page; an alert is updated, not repeated. */
import type { Activity, Geo } from '../../activity/activity';
import { fixtureContext } from '../fixture-format';
import { infrequentCountry } from './infrequent-country';

const US: Geo = { source: 'LoginGeo', countryIso: 'US', country: 'United States', city: 'San Francisco', latitude: 37.7749, longitude: -122.4194 };
const TR: Geo = { source: 'LoginGeo', countryIso: 'TR', country: 'Turkey', city: 'Corum', latitude: 40.5506, longitude: 34.9556 };
const at = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m);

let n = 0;
function signIn(user: string, timeMs: number, geo: Geo, userAgent = 'Chrome 131'): Activity {
  n += 1;
  return { id: `0Ya0000000${String(n).padStart(5, '0')}`, source: 'LoginHistory', orgId: '00D000000000001', userId: user, username: `${user}@example.com`, kind: 'login.success', loginType: 'Application', userAgent, ip: geo === TR ? '203.0.113.44' : '198.51.100.10', geo, asn: 7922, isp: 'Comcast Cable Communications, LLC', ipTags: [], timeMs };
}

/** Days 1..last of ordinary US sign-ins for ana and two colleagues, one page per day. */
async function history(ctx: ReturnType<typeof fixtureContext>, first: number, last: number, users = ['ana', 'ben', 'cal']): Promise<void> {
  for (let d = first; d <= last; d += 1) {
    const page = users.map((u, i) => signIn(u, at(d, 9 + i), US));
    expect(await infrequentCountry.evaluate(page, ctx)).toEqual([]);
  }
}

describe('infrequent-country across polls', () => {
  it('alerts once the baselines exist, updates the alert the same day, and is quiet the next day', async () => {
    const ctx = fixtureContext(infrequentCountry);
    await history(ctx, 1, 9);
    const [raised] = await infrequentCountry.evaluate([signIn('ana', at(10, 22), TR, 'Chrome 120')], ctx);
    expect(raised).toMatchObject({ country: 'TR', count: 1, evidence: { usualCountries: ['US'], usualClients: ['chrome@131'] } });
    const [updated] = await infrequentCountry.evaluate([signIn('ana', at(10, 23), TR, 'Chrome 120')], ctx);
    expect(updated).toMatchObject({ bucket: raised!.bucket, count: 2, occurredAtMs: at(10, 22), lastSeenAtMs: at(10, 23) });
    expect(await infrequentCountry.evaluate([signIn('ana', at(11, 9), TR, 'Chrome 120')], ctx)).toEqual([]);
  });

  it('stays quiet during the user\'s learning period (the org has its baseline)', async () => {
    const ctx = fixtureContext(infrequentCountry);
    await history(ctx, 1, 4, ['ben', 'cal']);
    await history(ctx, 5, 9);
    expect(await infrequentCountry.evaluate([signIn('ana', at(10, 22), TR, 'Chrome 120')], ctx)).toEqual([]);
  });

  it('stops calling a country rare once colleagues sign in from it', async () => {
    const ctx = fixtureContext(infrequentCountry);
    await history(ctx, 1, 9);
    await infrequentCountry.evaluate(['dev', 'eve', 'fay'].map((u, i) => signIn(u, at(10, 8 + i), TR)), ctx);
    expect(await infrequentCountry.evaluate([signIn('ana', at(10, 22), TR, 'Chrome 120')], ctx)).toEqual([]);
  });
});
