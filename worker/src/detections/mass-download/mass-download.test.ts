/** Behaviour across pages: a burst split over hourly files is one alert; event types read out of order still join it. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { massDownload } from './mass-download';

const t0 = Date.parse('2026-11-20T16:00:00Z');
const user = { userId: '005000000000FEL', username: 'felix@example.com' };

function ctx(state = new MemoryKeyedState()): DetectionContext {
  return { settings: resolveSettings(massDownload, undefined), state, env: fixtureEnvironment({}) };
}

function event(n: number, minute: number, kind: 'download' | 'export' | 'api' = 'download'): Activity {
  const base = { id: `ev${n}`, orgId: '00D', ...user, timeMs: t0 + minute * 60_000, ipTags: [], ip: '192.0.2.14' };
  if (kind === 'export') return { ...base, source: 'ELF:ReportExport', kind: 'report.export', recordId: '00O000000000R01' };
  return { ...base, source: 'ELF:ContentTransfer', kind: 'file.download', operation: kind === 'api' ? 'VersionDownloadApi' : 'VersionDownloadAction' };
}

describe('mass-download across pages', () => {
  it('keeps one alert for a burst split over two pages and grows its count', async () => {
    const state = new MemoryKeyedState();
    const [raised] = await massDownload.evaluate(Array.from({ length: 10 }, (_, i) => event(i, i)), ctx(state));
    expect(raised).toMatchObject({ count: 10, occurredAtMs: t0 });
    const [updated] = await massDownload.evaluate(Array.from({ length: 5 }, (_, i) => event(10 + i, 12 + i)), ctx(state));
    expect(updated).toMatchObject({ bucket: raised!.bucket, count: 15, occurredAtMs: t0, lastSeenAtMs: t0 + 16 * 60_000 });
  });

  it('lets exports from a ReportExport file read after the ContentTransfer file join the open burst', async () => {
    const state = new MemoryKeyedState();
    const [raised] = await massDownload.evaluate(Array.from({ length: 12 }, (_, i) => event(i, 10 + i)), ctx(state));
    const [joined] = await massDownload.evaluate([event(50, 5, 'export'), event(51, 8, 'export')], ctx(state));
    expect(joined).toMatchObject({ bucket: raised!.bucket, count: 14, occurredAtMs: t0 + 5 * 60_000, evidence: { byKind: { file: 12, export: 2 } } });
  });

  it('opens a new alert after a quiet gap longer than the window, and drops a closed burst from the state', async () => {
    const state = new MemoryKeyedState();
    const [first] = await massDownload.evaluate(Array.from({ length: 10 }, (_, i) => event(i, i)), ctx(state));
    const [second] = await massDownload.evaluate(Array.from({ length: 10 }, (_, i) => event(20 + i, 120 + i)), ctx(state));
    expect(second!.bucket).not.toBe(first!.bucket);
    expect(await massDownload.evaluate([event(99, 300)], ctx(state))).toEqual([]);
    expect((await state.getMany([user.userId])).get(user.userId)).toEqual({ interactive: { recent: [expect.objectContaining({ t: t0 + 300 * 60_000 })] }, api: { recent: [] } });
  });

  it('does not let a sync client\'s API trickle add up to a browser burst', async () => {
    const state = new MemoryKeyedState();
    const sync = Array.from({ length: 60 }, (_, i) => event(i, i / 2, 'api'));
    const browser = Array.from({ length: 9 }, (_, i) => event(100 + i, 5 + i));
    expect(await massDownload.evaluate([...sync, ...browser].sort((a, b) => a.timeMs - b.timeMs), ctx(state))).toEqual([]);
  });
});
