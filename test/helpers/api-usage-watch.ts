/**
 * Watches the simulated org's own API usage figure (what Salesforce counts, not what the worker
 * believes) by polling it, and keeps the lowest remaining allocation seen: the reserve is a promise
 * to the org's other apps, so it is checked where they would feel it.
 */
import type { OrgSimulator } from '../../worker/src/sim';

export class ApiUsageWatch {
  /** The least remaining allocation (max − used) seen since start() or the last reset(). */
  lowestRemaining = Number.POSITIVE_INFINITY;
  samples = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sim: OrgSimulator) {}

  /** Samples every `everyMs` until stop(). */
  start(everyMs = 10): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    return this;
  }

  /** Takes one sample now (call it right before the test itself changes the usage). */
  sample(): number {
    const { used, max } = this.sim.apiUsage;
    this.samples += 1;
    this.lowestRemaining = Math.min(this.lowestRemaining, max - used);
    return max - used;
  }

  /** Forgets the lowest figure (after the test freed or used up the allocation itself). */
  reset(): void {
    this.lowestRemaining = Number.POSITIVE_INFINITY;
    this.sample();
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
