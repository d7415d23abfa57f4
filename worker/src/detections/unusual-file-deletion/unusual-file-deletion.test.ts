/** Behaviour across pages: baselines built over days, one alert per user and day, two sources counted once. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState, type KeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { unusualFileDeletion } from './unusual-file-deletion';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T08:00:00Z');
const user = { userId: '005000000000AAA', username: 'ana@example.com' };

function ctxWith(state: KeyedState): DetectionContext {
  return { settings: resolveSettings(unusualFileDeletion, undefined), state, env: fixtureEnvironment({}) };
}

function signIns(days: number, from = 0): Activity[] {
  return Array.from({ length: days }, (_, d) => ({ id: `0Ya${from + d}`, source: 'LoginHistory', orgId: '00D', ...user, kind: 'login.success' as const, timeMs: t0 + (from + d) * DAY, ipTags: [] }));
}

function deletes(source: string, day: number, count: number, startMinute = 600, extra: Partial<Activity> = {}): Activity[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${source}:${day}:${startMinute}:${i}`, source, orgId: '00D', ...user, kind: 'file.delete' as const,
    timeMs: t0 + day * DAY + startMinute * 60_000 + i * 20_000, ipTags: [], object: 'ContentDocument', rows: 1, ...extra,
  }));
}

describe('unusual-file-deletion across pages', () => {
  it('updates one alert as a day\'s deletions keep coming, keeping the time the day crossed the threshold', async () => {
    const ctx = ctxWith(new MemoryKeyedState());
    expect(await unusualFileDeletion.evaluate(signIns(10), ctx)).toEqual([]);
    const [first] = await unusualFileDeletion.evaluate(deletes('ELF:RestApi', 10, 20), ctx);
    expect(first).toMatchObject({ count: 20, severity: 'medium', occurredAtMs: t0 + 10 * DAY + 600 * 60_000 + 19 * 20_000 });
    const [later] = await unusualFileDeletion.evaluate(deletes('ELF:RestApi', 10, 25, 700), ctx);
    expect(later).toMatchObject({ bucket: first!.bucket, count: 45, occurredAtMs: first!.occurredAtMs, severity: 'high' });
  });

  it('counts deletions read from the recycle bin after their API event rows once, and adds whose files they were', async () => {
    const ctx = ctxWith(new MemoryKeyedState());
    await unusualFileDeletion.evaluate(signIns(10), ctx);
    const [fromLogs] = await unusualFileDeletion.evaluate(deletes('ELF:RestApi', 10, 25, 600, { ip: '203.0.113.5' }), ctx);
    expect(fromLogs).toMatchObject({ count: 25, severity: 'medium', ip: '203.0.113.5' });
    const bin = deletes('ContentDocument', 10, 25, 600, { target: { userId: '005000000000ZZZ' } }).map((a) => ({ ...a, timeMs: a.timeMs + 500 }));
    const [merged] = await unusualFileDeletion.evaluate(bin, ctx);
    expect(merged).toMatchObject({ bucket: fromLogs!.bucket, count: 25, severity: 'high', ip: '203.0.113.5', occurredAtMs: fromLogs!.occurredAtMs });
    expect(merged!.evidence).toMatchObject({ fileOwners: { 'other people': 25 } });
  });

  it('stays quiet during the first 7 days of a user\'s history, then alerts on the same behaviour', async () => {
    const ctx = ctxWith(new MemoryKeyedState());
    await unusualFileDeletion.evaluate(signIns(1), ctx);
    expect(await unusualFileDeletion.evaluate(deletes('ContentDocument', 5, 30), ctx)).toEqual([]);
    await unusualFileDeletion.evaluate(signIns(3, 6), ctx);
    // Day 5's 30 deletions are now part of the baseline: normal high = mean + 3σ ≈ 31.6, threshold 95.
    expect(await unusualFileDeletion.evaluate(deletes('ContentDocument', 9, 90), ctx)).toEqual([]);
    const [alert] = await unusualFileDeletion.evaluate(deletes('ContentDocument', 9, 10, 900), ctx);
    expect(alert).toMatchObject({ count: 100, evidence: { deletions: { threshold: 95, baseline: { days: 9, maxPerDay: 30 } } } });
  });

  it('reads and writes its state once per page, whatever the number of users and activities', async () => {
    const inner = new MemoryKeyedState();
    const calls = { get: 0, set: 0 };
    const counting: KeyedState = {
      getMany: (keys) => ((calls.get += 1), inner.getMany(keys)),
      setMany: (entries) => ((calls.set += 1), inner.setMany(entries)),
    };
    const page = [...signIns(10), ...deletes('ELF:RestApi', 10, 40)];
    const others = Array.from({ length: 50 }, (_, u) => deletes('ContentDocument', 10, 3).map((a) => ({ ...a, userId: `0050000000U${String(u).padStart(4, '0')}` }))).flat();
    await unusualFileDeletion.evaluate([...page, ...others].sort((a, b) => a.timeMs - b.timeMs), ctxWith(counting));
    expect(calls).toEqual({ get: 1, set: 1 });
  });
});
