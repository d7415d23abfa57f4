/** Behaviour across pages: the event-log alert and Salesforce's finding, read by different streams, make one alert. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { reportAnomaly } from './report-anomaly';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T10:00:00Z');
const user = { userId: '005000000000RAH', username: 'rahul@example.com' };

function ctx(state: MemoryKeyedState): DetectionContext {
  return { settings: resolveSettings(reportAnomaly, undefined), state, env: fixtureEnvironment({}) };
}

function run(day: number, rows: number, minute = 0): Activity {
  return { id: `rep:${day}:${minute}`, source: 'ELF:Report', orgId: '00D', ...user, kind: 'report.run', operation: 'ReportRunFromLightning', recordId: '00O000000000BIG', rows, timeMs: t0 + day * DAY + minute * 60_000, ipTags: [] };
}

function finding(day: number, minute: number, score: number): Activity {
  return { id: `0Lp${day}${minute}`, source: 'ReportAnomalyEventStore', orgId: '00D', ...user, kind: 'threat', requestId: `ev-${day}-${minute}`, score, summary: 'Report was generated with an unusually high number of rows', timeMs: t0 + day * DAY + minute * 60_000, ipTags: [] };
}

const history = (days: number) => Array.from({ length: days }, (_, d) => run(d, 400));

describe('report-anomaly across pages', () => {
  it('adds Salesforce\'s finding, read later by the realtime stream, to the alert the event logs raised', async () => {
    const state = new MemoryKeyedState();
    await reportAnomaly.evaluate(history(10), ctx(state));
    const [fromLogs] = await reportAnomaly.evaluate([run(10, 80_000, 600)], ctx(state));
    expect(fromLogs).toMatchObject({ severity: 'medium', count: 80_000 });
    const [merged] = await reportAnomaly.evaluate([finding(10, 603, 91)], ctx(state));
    expect(merged).toMatchObject({ bucket: fromLogs!.bucket, severity: 'high', count: 80_000, occurredAtMs: fromLogs!.occurredAtMs });
    expect(merged!.evidence).toMatchObject({ salesforceFindings: [{ scoreOutOf100: 91 }], rows: { observed: 80_000 } });
  });

  it('raises a finding alone, then adds the event-log figures when they arrive (event logs come hours later)', async () => {
    const state = new MemoryKeyedState();
    await reportAnomaly.evaluate(history(10), ctx(state));
    const [alone] = await reportAnomaly.evaluate([finding(10, 605, 55)], ctx(state));
    expect(alone).toMatchObject({ severity: 'medium', title: expect.stringContaining('Salesforce flagged a report anomaly') });
    const [merged] = await reportAnomaly.evaluate([run(10, 250_000, 600)], ctx(state));
    expect(merged).toMatchObject({ bucket: alone!.bucket, severity: 'high', count: 250_000, occurredAtMs: t0 + 10 * DAY + 600 * 60_000 });
  });
});
