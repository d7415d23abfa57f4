/** The engine's evidence notes: summed per user and day in a page, they come out as if added row by row. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import type { DetectionContext } from '../types';
import { runDailyAnomaly, type DailyAnomalySpec } from './data-daily-anomaly';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T08:00:00Z');
const day0 = String(Math.floor(t0 / DAY));

const spec: DailyAnomalySpec = {
  presenceSources: new Set(['LoginHistory']),
  measure: (activity, _ctx, out) => {
    if (activity.kind !== 'api.query') return;
    out.count('rows', activity.rows ?? 1).noteWeight(activity.rows ?? 1).note('ip', activity.ip).note('client', activity.appName);
  },
  rule: () => ({ minCount: 1_000_000, factor: 3 }),
};

function ctxWith(state: MemoryKeyedState): DetectionContext {
  return { settings: { sensitivity: 'medium', thresholds: {} }, state, env: fixtureEnvironment({}) };
}

function query(userId: string, i: number, ip: string, rows: number, appName?: string): Activity {
  return { id: `${userId}:${i}`, source: 'ELF:API', orgId: '00D', userId, kind: 'api.query', timeMs: t0 + i * 1000, ip, rows, ipTags: [], ...(appName ? { appName } : {}) };
}

/** The notes as adding them row by row gives them: a value's first row decides between its own entry and `(other)`. */
function rowByRow(rows: readonly Activity[], dimension: 'ip' | 'appName'): Record<string, number> {
  const values: Record<string, number> = {};
  for (const row of rows) {
    const value = row[dimension];
    if (!value) continue;
    const key = Object.hasOwn(values, value) || Object.keys(values).length < 20 ? value : '(other)';
    values[key] = (values[key] ?? 0) + (row.rows ?? 1);
  }
  return values;
}

async function storedNotes(state: MemoryKeyedState, userId: string): Promise<Record<string, Record<string, number>>> {
  const found = await state.getMany<{ notes: Record<string, Record<string, Record<string, number>>> }>([`user:${userId}`]);
  return found.get(`user:${userId}`)!.notes[day0]!;
}

describe('data daily anomaly notes', () => {
  it('keeps 20 values per dimension and the rest under (other), in first-seen order, across pages and interleaved users', async () => {
    const state = new MemoryKeyedState();
    const rows: Activity[] = [];
    // Two users interleaved; 35 addresses each, some repeated, with weights that tell them apart.
    for (let i = 0; i < 140; i += 1) rows.push(query(i % 2 ? 'B' : 'A', i, `10.0.0.${(i * 7) % 35}`, 1 + (i % 5), i % 3 ? 'Workbench' : 'DataLoader'));
    for (const page of [rows.slice(0, 30), rows.slice(30, 31), rows.slice(31)]) await runDailyAnomaly(page, ctxWith(state), spec);
    for (const user of ['A', 'B']) {
      const mine = rows.filter((row) => row.userId === user);
      const notes = await storedNotes(state, user);
      expect(notes['ip']).toEqual(rowByRow(mine, 'ip'));
      expect(Object.keys(notes['ip']!)).toEqual(Object.keys(rowByRow(mine, 'ip')));
      expect(notes['client']).toEqual(rowByRow(mine, 'appName'));
    }
  });

  it('counts a client named like a built-in object member (toString, constructor) as a number', async () => {
    const state = new MemoryKeyedState();
    await runDailyAnomaly([query('A', 0, '10.0.0.1', 5, 'toString'), query('A', 1, '10.0.0.1', 7, 'constructor')], ctxWith(state), spec);
    await runDailyAnomaly([query('A', 2, '10.0.0.1', 2, 'toString')], ctxWith(state), spec);
    expect((await storedNotes(state, 'A'))['client']).toEqual({ toString: 7, constructor: 7 });
  });

  it('asks measures to describe a count only after counting it', async () => {
    const broken: DailyAnomalySpec = { ...spec, measure: (activity, _ctx, out) => void out.note('ip', activity.ip) };
    await expect(runDailyAnomaly([query('A', 0, '10.0.0.1', 1)], ctxWith(new MemoryKeyedState()), broken)).rejects.toThrow('count() comes before');
  });
});
