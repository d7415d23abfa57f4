/** Baselines: the learning period, the 30-day window, and what counts as far above normal. */
import { addCount, anomalyThreshold, DAY_MS, dailyStats, isLearning, newProfile, noteSeen, prune, seenWithin, valuesWithin } from './profile';

const t0 = Date.parse('2026-11-01T10:00:00Z');
const day = (n: number, hour = 10) => t0 + n * DAY_MS + (hour - 10) * 3_600_000;

it('learns for 7 days before a baseline exists', () => {
  const profile = newProfile(day(0));
  expect(isLearning(undefined, day(0))).toBe(true);
  expect(isLearning(profile, day(6, 23))).toBe(true);
  expect(isLearning(profile, day(7))).toBe(false);
});

it('remembers values for 30 days, then forgets them', () => {
  const profile = newProfile(day(0));
  noteSeen(profile, 'country', 'DE', day(0));
  expect(seenWithin(profile, 'country', 'DE', day(30))).toBe(true);
  expect(seenWithin(profile, 'country', 'DE', day(31))).toBe(false);
  expect(seenWithin(profile, 'country', 'FR', day(1))).toBe(false);
  noteSeen(profile, 'country', 'FR', day(20));
  prune(profile, day(32));
  expect(valuesWithin(profile, 'country', day(32))).toEqual(['FR']);
});

it('compares a day with the previous days, counting quiet days as zero', () => {
  const profile = newProfile(day(0));
  for (let n = 0; n < 10; n += 1) addCount(profile, 'downloads', day(n), n % 2 === 0 ? 4 : 0);
  addCount(profile, 'downloads', day(10), 50);
  const stats = dailyStats(profile, 'downloads', day(10, 15));
  expect(stats).toMatchObject({ days: 10, mean: 2, max: 4 });
  expect(stats.stddev).toBeCloseTo(2);
  // Normal high: max(4, 2 + 3·2 = 8) = 8; three times that is 24.
  expect(anomalyThreshold(stats, { minCount: 10, factor: 3 })).toBe(24);
  expect(anomalyThreshold(dailyStats(profile, 'nothing', day(10)), { minCount: 10, factor: 3 })).toBe(10);
});
