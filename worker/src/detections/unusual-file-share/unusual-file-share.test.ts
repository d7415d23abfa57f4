/** Behaviour across pages: a publisher's daily links become their baseline; records and event log rows of one link count once. */
import type { Activity, FileShare } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { unusualFileShare } from './unusual-file-share';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T09:00:00Z');
const user = { userId: '005000000000MKT', username: 'mia@example.com' };
const link: FileShare = { kind: 'public-link', passwordRequired: false, allowDownload: true };

function ctx(): DetectionContext {
  return { settings: resolveSettings(unusualFileShare, undefined), state: new MemoryKeyedState(), env: fixtureEnvironment({}) };
}

function links(source: string, day: number, count: number, offsetMs = 0): Activity[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${source}:${day}:${i}`, source, orgId: '00D', ...user, kind: 'file.share' as const, timeMs: t0 + day * DAY + i * 600_000 + offsetMs, ipTags: [],
    share: source.startsWith('ELF:') ? { kind: 'public-link' as const } : link,
  }));
}

describe('unusual-file-share across pages', () => {
  it('learns a publisher\'s daily links page by page: a busy day (20) stays quiet and raises the baseline, a day at 3× it (60) alerts', async () => {
    const c = ctx();
    for (let day = 0; day < 10; day += 1) expect(await unusualFileShare.evaluate(links('ContentDistribution', day, 8), c)).toEqual([]);
    expect(await unusualFileShare.evaluate(links('ContentDistribution', 10, 20), c)).toEqual([]);
    const first = await unusualFileShare.evaluate(links('ContentDistribution', 11, 60), c);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ count: 60, severity: 'high', evidence: { shares: { threshold: 60, baseline: { maxPerDay: 20 } } } });
  });

  it('counts a link once when its event log row is read after its record, and updates the same alert', async () => {
    const c = ctx();
    await unusualFileShare.evaluate([{ id: 'L0', source: 'LoginHistory', orgId: '00D', ...user, kind: 'login.success', timeMs: t0, ipTags: [] }], c);
    const [fromRecords] = await unusualFileShare.evaluate(links('ContentDistribution', 8, 12), c);
    expect(fromRecords).toMatchObject({ count: 12 });
    const [fromLogs] = await unusualFileShare.evaluate(links('ELF:ContentDistribution', 8, 12, 1000).map((a) => ({ ...a, ip: '192.0.2.44' })), c);
    expect(fromLogs).toMatchObject({ bucket: fromRecords!.bucket, count: 12, ip: '192.0.2.44', occurredAtMs: fromRecords!.occurredAtMs });
  });
});
