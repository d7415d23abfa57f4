/** Behaviour across pages: an integration's nightly extract is learnt night by night; a new extractor is not. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { apiAnomaly } from './api-anomaly';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T02:00:00Z');

function ctx(state: MemoryKeyedState, sensitivity: 'low' | 'medium' | 'high' = 'medium'): DetectionContext {
  return { settings: resolveSettings(apiAnomaly, { enabled: true, sensitivity, thresholds: {}, includeUsers: [], excludeUsers: [] }), state, env: fixtureEnvironment({}) };
}

function batches(userId: string, day: number, count: number, rows: number): Activity[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `bulk:${userId}:${day}:${i}`, source: 'ELF:BulkApi', orgId: '00D', userId, kind: 'api.query' as const, operation: 'query', object: 'Order', rows, timeMs: t0 + day * DAY + i * 90_000, ipTags: [],
  }));
}

describe('api-anomaly across pages', () => {
  it('learns an integration\'s nightly million rows, and still alerts on a user who starts extracting as much', async () => {
    const state = new MemoryKeyedState();
    for (let day = 0; day < 10; day += 1) {
      expect(await apiAnomaly.evaluate(batches('005000000000ERP', day, 20, 50_000), ctx(state))).toEqual([]);
      await apiAnomaly.evaluate([{ id: `L${day}`, source: 'LoginHistory', orgId: '00D', userId: '005000000000REP', kind: 'login.success', timeMs: t0 + day * DAY, ipTags: [] }], ctx(state));
    }
    expect(await apiAnomaly.evaluate(batches('005000000000ERP', 10, 22, 50_000), ctx(state))).toEqual([]);
    const alerts = await apiAnomaly.evaluate(batches('005000000000REP', 10, 20, 50_000), ctx(state));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ userId: '005000000000REP', count: 1_000_000, severity: 'high', occurredAtMs: t0 + 10 * DAY + 90_000 });
  });

  it('asks for less at high sensitivity: 60,000 rows alert at high, not at medium', async () => {
    for (const [sensitivity, expected] of [['medium', 0], ['high', 1]] as const) {
      const state = new MemoryKeyedState();
      await apiAnomaly.evaluate([{ id: 'L', source: 'LoginHistory', orgId: '00D', userId: '005000000000NEW', kind: 'login.success', timeMs: t0, ipTags: [] }], ctx(state, sensitivity));
      expect(await apiAnomaly.evaluate(batches('005000000000NEW', 9, 6, 10_000), ctx(state, sensitivity))).toHaveLength(expected);
    }
  });
});
