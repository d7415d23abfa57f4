/**
 * A planted scenario: an attack on one DESIGN §3.4 policy together with its benign look-alike.
 * `prepare` runs once after the people exist and before any activity (choose victims and days,
 * shape histories: trips, deactivations); `onDay` runs after each day's benign activity and
 * writes the scenario's events for that day; `finish` runs before the final records are written.
 * Each scenario writes its own labels.
 */
import type { GenContext } from '../context';
import type { Rng } from '../prng';

export interface Scenario {
  policy: string;
  prepare(ctx: GenContext, rng: Rng): void;
  onDay(ctx: GenContext, rng: Rng, day: number): void;
  finish?(ctx: GenContext, rng: Rng): void;
}
