import { BackfillProgress } from '../pipeline/backfill-progress';
import { barLine, formatDuration, plainLine, ProgressBar } from './progress-bar';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const DAY = 86_400_000;
const SINCE = Date.parse('2026-10-28T10:00:00Z');

/** Two streams; the first done, the second (two sources) halfway through its first source. */
function halfway(): BackfillProgress {
  const p = new BackfillProgress('prod', ['logins', 'files'], T0);
  p.startStream(0, SINCE, SINCE + 30 * DAY, 1);
  p.page(0, SINCE + 30 * DAY, 1_000);
  p.finishStream();
  p.startStream(1, SINCE, SINCE + 30 * DAY, 2);
  p.page(0, SINCE + 15 * DAY, 234);
  p.apiCalls = () => 87;
  return p;
}

it('measures the share done: streams one after the other, sources one after the other, time within the window', () => {
  const p = halfway();
  expect(p.streamFraction()).toBe(0.25);
  expect(p.fraction()).toBe(0.625);
  // 5 min for 62.5 %: 3 min to go at the same pace.
  expect(p.etaMs(T0 + 300_000)).toBe(180_000);
  expect(new BackfillProgress('prod', ['logins'], T0).etaMs(T0 + 60_000)).toBeUndefined();
});

it('draws the bar with time covered, records, API calls and the ETA', () => {
  expect(barLine(halfway(), T0 + 300_000)).toBe('files 2/2 █████████████░░░░░░░  62%  ETA 3m00s  7.5/30.0 d  1,234 records  87 API calls');
});

it('says when the backfill is held at the API reserve or waits for the worker', () => {
  const p = halfway();
  p.heldSinceMs = () => T0 + 200_000;
  expect(barLine(p, T0 + 300_000)).toContain('held at the API reserve for 1m40s');
  p.phase = 'waiting-for-lock';
  expect(barLine(p, T0 + 300_000)).toContain("waiting for the running worker's job");
});

it('writes plain lines for logs', () => {
  expect(plainLine(halfway(), T0 + 300_000)).toBe(
    'backfill prod: files 2/2 62%; reached 2026-11-12 10:00 of 2026-10-28 10:00 → 2026-11-27 10:00 UTC (7.5/30.0 d); 1,234 records, 87 API calls, elapsed 5m00s, ETA 3m00s\n',
  );
});

it('formats durations', () => {
  expect([formatDuration(4_400), formatDuration(185_000), formatDuration(3 * 3_600_000 + 7 * 60_000)]).toEqual(['4s', '3m05s', '3h07m']);
});

describe('ProgressBar', () => {
  function output(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, out: { isTTY, columns: 200, write: (text: string) => writes.push(text) } };
  }

  it('redraws one terminal line in place, and keeps notes above it', () => {
    const { writes, out } = output(true);
    const bar = new ProgressBar(halfway(), out);
    bar.start();
    bar.above('logins: continuing from its stored cursor');
    bar.stop();
    expect(writes.every((w) => !w.includes('\n') || w === '\n' || w.endsWith('cursor\n'))).toBe(true);
    expect(writes[0]?.startsWith('\r\x1b[2Kfiles 2/2 ')).toBe(true);
    expect(writes.slice(1, 3)).toEqual(['\r\x1b[2K', 'logins: continuing from its stored cursor\n']);
    expect(writes.at(-1)).toBe('\n');
  });

  it('writes a plain line at most every plainEveryMs when stderr is not a terminal', () => {
    const { writes, out } = output(false);
    const bar = new ProgressBar(halfway(), out, { plainEveryMs: 60_000 });
    bar.start();
    bar.stop();
    expect(writes).toHaveLength(2);
    expect(writes.every((w) => w.startsWith('backfill prod: ') && !w.includes('\x1b'))).toBe(true);
  });
});
