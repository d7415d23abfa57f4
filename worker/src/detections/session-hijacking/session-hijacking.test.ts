/** Behaviour across pages: event log files of one session arrive type by type and hour by hour. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { sessionHijacking } from './session-hijacking';

const settings = resolveSettings(sessionHijacking, undefined);
const env = fixtureEnvironment({ users: [{ id: '005000000000AAA', username: 'ana@example.com' }] });
const t0 = Date.parse('2026-11-20T09:00:00Z');
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const HEADLESS = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36';

type Where = Pick<Activity, 'ip' | 'asn' | 'isp' | 'geo' | 'ipTags'>;
const HOME: Where = { ip: '198.51.100.10', asn: 7922, isp: 'Comcast Cable', geo: { source: 'geoip', countryIso: 'US', latitude: 41.88, longitude: -87.63 }, ipTags: [] };
const ABROAD: Where = { ip: '203.0.113.77', asn: 36947, isp: 'Telecom Algeria', geo: { source: 'geoip', countryIso: 'DZ', latitude: 36.75, longitude: 3.06 }, ipTags: [] };
const FRANKFURT: Where = { ip: '192.0.2.50', asn: 64502, isp: 'Corp Egress', geo: { source: 'geoip', countryIso: 'DE', latitude: 50.11, longitude: 8.68 }, ipTags: [] };

let n = 0;
/** `count` requests of one event type in session SK1, `everyMinutes` apart from `minute`. */
function requests(source: string, where: Where, minute: number, count: number, userAgent?: string, everyMinutes = 2): Activity[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${source}:${(n += 1)}`, source, orgId: '00D000000000001', userId: '005000000000AAA', kind: 'page.view' as const, sessionKey: 'SK1',
    timeMs: t0 + (minute + i * everyMinutes) * 60_000, ...where, ...(userAgent ? { userAgent } : {}),
  }));
}

const context = (): DetectionContext => ({ settings, state: new MemoryKeyedState(), env });

describe('session-hijacking across pages', () => {
  it('updates one alert as later event log files of the session arrive, and raises it to high when they show another browser', async () => {
    const ctx = context();
    // Hourly URI file: no user agents; the owner all morning, a second client abroad taking turns with her.
    const uri = [...requests('ELF:URI', HOME, 0, 40, undefined, 2), ...requests('ELF:URI', ABROAD, 41, 8, undefined, 3)];
    const [first] = await sessionHijacking.evaluate(uri, ctx);
    expect(first).toMatchObject({ ip: ABROAD.ip, severity: 'high', evidence: expect.objectContaining({ score: 3 }) });
    // The LightningPageView file of the same hours: the same two clients, now with their browsers.
    const views = [...requests('ELF:LightningPageView', HOME, 1, 10, CHROME_WIN, 4), ...requests('ELF:LightningPageView', ABROAD, 42, 5, HEADLESS, 3)];
    const [second] = await sessionHijacking.evaluate(views, ctx);
    expect(second).toMatchObject({ bucket: first!.bucket, count: 13, evidence: expect.objectContaining({ score: 5 }) });
    expect(second!.evidence.secondClient).toMatchObject({ browserOs: 'HeadlessChrome/Linux' });
  });

  it('names the client that opened the session as the owner even when the second client\'s rows are read first', async () => {
    const ctx = context();
    expect(await sessionHijacking.evaluate(requests('ELF:LightningPageView', ABROAD, 30, 5, HEADLESS), ctx)).toEqual([]);
    const [alert] = await sessionHijacking.evaluate(requests('ELF:LightningPageView', HOME, 0, 30, CHROME_WIN), ctx);
    expect(alert).toMatchObject({ ip: ABROAD.ip, occurredAtMs: t0 + 30 * 60_000 });
    expect(alert!.evidence.openedBy).toMatchObject({ ip: HOME.ip });
  });

  it('adds Salesforce\'s finding, read later by the real-time stream, to the session\'s alert', async () => {
    const ctx = context();
    const [alert] = await sessionHijacking.evaluate([...requests('ELF:LightningPageView', HOME, 0, 30, CHROME_WIN), ...requests('ELF:LightningPageView', ABROAD, 31, 5, HEADLESS)], ctx);
    const finding: Activity = {
      id: 'f-1', source: 'SessionHijackingEventStore', orgId: '00D000000000001', kind: 'threat', userId: '005000000000AAA', sessionKey: 'SK1',
      timeMs: t0 + 33 * 60_000, score: 0.97, summary: 'Changes to (userAgent, ipAddress, platform) were not expected', ...ABROAD,
    };
    const [updated] = await sessionHijacking.evaluate([finding], ctx);
    expect(updated).toMatchObject({ bucket: alert!.bucket, severity: 'high', ip: ABROAD.ip });
    expect(updated!.evidence).toMatchObject({ score: 5, salesforceFinding: { scoreOutOf100: 97 } });
  });

  it('tolerates a switch to the corporate VPN only because the address is tagged', async () => {
    const pages = (tags: string[]) => [...requests('ELF:LightningPageView', HOME, 0, 10, CHROME_WIN, 1), ...requests('ELF:LightningPageView', { ...FRANKFURT, ipTags: tags }, 0.5, 10, CHROME_WIN, 1)];
    expect(await sessionHijacking.evaluate(pages(['vpn']), context())).toEqual([]);
    expect(await sessionHijacking.evaluate(pages([]), context())).toHaveLength(1);
  });

  it('tolerates a roaming phone\'s home carrier only once the user signed in from it', async () => {
    const carrier: Where = { ip: '172.56.10.20', asn: 21928, isp: 'T-Mobile USA', geo: { source: 'geoip', countryIso: 'US', latitude: 47.6, longitude: -122.3 }, ipTags: [] };
    const session = () => [...requests('ELF:LightningPageView', FRANKFURT, 0, 6, CHROME_WIN, 2), ...requests('ELF:LightningPageView', carrier, 3, 6, CHROME_WIN, 2)];
    expect(await sessionHijacking.evaluate(session(), context())).toHaveLength(1);
    const ctx = context();
    const signIn: Activity = { id: 'lh-1', source: 'LoginHistory', orgId: '00D000000000001', kind: 'login.success', userId: '005000000000AAA', timeMs: t0 - 5 * 86_400_000, ...carrier };
    await sessionHijacking.evaluate([signIn], ctx);
    expect(await sessionHijacking.evaluate(session(), ctx)).toEqual([]);
  });
});
