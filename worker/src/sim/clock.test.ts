import { SimClock } from './clock';

describe('SimClock', () => {
  let real = 1_000_000;
  const realNowMs = () => real;

  it('starts at the pinned time and runs at real speed', () => {
    const clock = new SimClock({ start: new Date('2024-01-08T12:00:00Z'), realNowMs });
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2024-01-08T12:01:30.000Z');
  });

  it('runs faster with a rate and keeps running after setNow', () => {
    const clock = new SimClock({ start: new Date('2024-01-08T00:00:00Z'), rate: 60, realNowMs });
    real += 60_000; // one real minute = one simulated hour
    expect(clock.now().toISOString()).toBe('2024-01-08T01:00:00.000Z');
    clock.setNow(new Date('2024-02-01T00:00:00Z'));
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2024-02-01T00:01:00.000Z');
  });

  it('follows the real time when nothing is pinned', () => {
    const clock = new SimClock();
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(1000);
  });
});
