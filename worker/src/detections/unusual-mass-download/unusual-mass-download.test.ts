/** Behaviour across pages: hourly event log files of one day update one alert; each channel keeps its own baseline. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { unusualMassDownload } from './unusual-mass-download';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T08:00:00Z');
const user = { userId: '005000000000DLR', username: 'hiro@example.com' };

function ctx(): DetectionContext {
  return { settings: resolveSettings(unusualMassDownload, undefined), state: new MemoryKeyedState(), env: fixtureEnvironment({}) };
}

function downloads(day: number, hour: number, count: number, operation = 'VersionDownloadAction'): Activity[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `ct:${day}:${hour}:${operation}:${i}`, source: 'ELF:ContentTransfer', orgId: '00D', ...user, kind: 'file.download' as const,
    operation, object: 'ContentDocument', timeMs: t0 + day * DAY + hour * 3_600_000 + i * 30_000, ipTags: [],
  }));
}

const signIns = (days: number): Activity[] =>
  Array.from({ length: days }, (_, d) => ({ id: `L${d}`, source: 'LoginHistory', orgId: '00D', ...user, kind: 'login.success' as const, timeMs: t0 + d * DAY, ipTags: [] }));

describe('unusual-mass-download across pages', () => {
  it('raises one alert for a spree spread over several hourly files, its count following the day', async () => {
    const c = ctx();
    await unusualMassDownload.evaluate(signIns(10), c);
    expect(await unusualMassDownload.evaluate(downloads(10, 10, 40), c)).toEqual([]);
    const [opened] = await unusualMassDownload.evaluate(downloads(10, 11, 40), c);
    expect(opened).toMatchObject({ count: 80, severity: 'medium', occurredAtMs: t0 + 10 * DAY + 11 * 3_600_000 + 9 * 30_000 });
    const [grown] = await unusualMassDownload.evaluate(downloads(10, 12, 40), c);
    expect(grown).toMatchObject({ bucket: opened!.bucket, count: 120, severity: 'high', occurredAtMs: opened!.occurredAtMs });
  });

  it('keeps a sync client\'s API downloads and its user\'s browser downloads on separate baselines', async () => {
    const c = ctx();
    await unusualMassDownload.evaluate(signIns(11), c);
    for (let day = 0; day < 10; day += 1) await unusualMassDownload.evaluate(downloads(day, 1, 150, 'VersionDownloadApi'), c);
    expect(await unusualMassDownload.evaluate(downloads(10, 1, 180, 'VersionDownloadApi'), c)).toEqual([]);
    const [alert] = await unusualMassDownload.evaluate(downloads(10, 15, 55), c);
    expect(alert).toMatchObject({ count: 235, evidence: { aboveBaseline: ['downloads'], apiDownloads: { observed: 180 }, downloads: { observed: 55, threshold: 50 } } });
  });
});
