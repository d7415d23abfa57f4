import { SimClock } from '../clock';
import { ApiUsage } from './api-usage';

const START = new Date('2024-01-08T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function frozenClock(): SimClock {
  return new SimClock({ start: START, realNowMs: () => 0 });
}

describe('ApiUsage: a rolling 24 h window of simulated time', () => {
  it('lets each call age out 24 h after it was made', () => {
    const clock = frozenClock();
    const usage = new ApiUsage(clock, { max: 100 });
    expect(usage.tryConsume()).toBe(true);
    clock.advance(2 * HOUR);
    usage.tryConsume();
    usage.tryConsume();
    expect(usage.used).toBe(3);
    clock.advance(22 * HOUR - 1);
    expect(usage.used).toBe(3);
    clock.advance(1);
    expect(usage.used).toBe(2);
    clock.advance(2 * HOUR);
    expect(usage.used).toBe(0);
    expect(usage.header()).toBe('api-usage=0/100');
  });

  it('spreads the initial usage over the previous 24 h, so it frees up gradually', () => {
    const clock = frozenClock();
    const usage = new ApiUsage(clock, { max: 15_000, used: 1_440 });
    expect(usage.used).toBe(1_440);
    clock.advance(MINUTE);
    expect(usage.used).toBe(1_439);
    clock.advance(6 * HOUR - MINUTE);
    expect(usage.used).toBe(1_080);
    clock.advance(18 * HOUR);
    expect(usage.used).toBe(0);
  });

  it('refuses calls at the limit until older calls age out', () => {
    const clock = frozenClock();
    const usage = new ApiUsage(clock, { max: 2 });
    expect([usage.tryConsume(), usage.tryConsume(), usage.tryConsume()]).toEqual([true, true, false]);
    expect(usage.used).toBe(2);
    clock.advance(24 * HOUR);
    expect(usage.tryConsume()).toBe(true);
  });

  it('set() replaces the window with calls made now; setMax keeps the calls', () => {
    const clock = frozenClock();
    const usage = new ApiUsage(clock, { max: 1000, used: 500 });
    usage.set(900);
    clock.advance(23 * HOUR);
    expect(usage.used).toBe(900);
    usage.setMax(950);
    expect(usage.header()).toBe('api-usage=900/950');
    clock.advance(HOUR);
    expect(usage.used).toBe(0);
    expect(() => usage.set(-1)).toThrow(/integer >= 0/);
    expect(() => usage.setMax(0)).toThrow(/integer > 0/);
  });
});

describe('ApiUsage: other apps of the org', () => {
  it('adds a steady rate of calls as simulated time passes, aging them out like any call', () => {
    const clock = frozenClock();
    const usage = new ApiUsage(clock, { max: 100_000, otherAppsCallsPerHour: 600 });
    expect(usage.used).toBe(0);
    clock.advance(30 * MINUTE);
    expect(usage.used).toBe(300);
    clock.advance(47.5 * HOUR);
    expect(usage.used).toBe(600 * 24);
    usage.setOtherAppsRate(0);
    clock.advance(12 * HOUR);
    expect(usage.used).toBe(600 * 12);
    expect(usage.otherAppsCallsPerHour).toBe(0);
  });

  it('caps other apps at the allocation, and their calls crowd out the worker', () => {
    const clock = frozenClock();
    const usage = new ApiUsage(clock, { max: 1000, used: 100 });
    expect(usage.burst(850)).toBe(850);
    usage.setOtherAppsRate(600);
    clock.advance(10 * MINUTE);
    expect(usage.used).toBe(1000);
    expect(usage.tryConsume()).toBe(false);
    expect(usage.burst(10)).toBe(0);
  });

  it('makes the calls an accelerated clock implies, whatever the reads in between', () => {
    let real = 0;
    const clock = new SimClock({ start: START, rate: 3600, realNowMs: () => real });
    const usage = new ApiUsage(clock, { max: 1_000_000, otherAppsCallsPerHour: 100 });
    real = 5_000; // 5 real seconds = 5 simulated hours
    expect(usage.used).toBe(500);
  });
});
