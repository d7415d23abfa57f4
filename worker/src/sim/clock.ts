/**
 * The simulated org's clock. A fixture org can pin "now" (`org.json` `now`) so a replay sees its
 * data as fresh; from there time runs forward at `rate` × real speed. Tests move it with
 * {@link SimClock.setNow}.
 */
export interface SimClockOptions {
  /** Simulated time at start; default: the real time. */
  start?: Date;
  /** Simulated milliseconds per real millisecond; default 1. */
  rate?: number;
  /** Source of real time (tests inject a fake). */
  realNowMs?: () => number;
}

export class SimClock {
  readonly rate: number;
  private readonly realNowMs: () => number;
  private anchorSimMs: number;
  private anchorRealMs: number;

  constructor(options: SimClockOptions = {}) {
    this.rate = options.rate ?? 1;
    if (!(this.rate >= 0) || !Number.isFinite(this.rate)) throw new Error(`clock rate must be a number >= 0, got ${options.rate}`);
    this.realNowMs = options.realNowMs ?? Date.now;
    this.anchorRealMs = this.realNowMs();
    this.anchorSimMs = options.start?.getTime() ?? this.anchorRealMs;
  }

  /** Current simulated time in epoch milliseconds. */
  nowMs(): number {
    return Math.floor(this.anchorSimMs + (this.realNowMs() - this.anchorRealMs) * this.rate);
  }

  /** Current simulated time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** Jumps the simulated clock to `date`; it keeps running from there at the same rate. */
  setNow(date: Date): void {
    if (Number.isNaN(date.getTime())) throw new Error('setNow: invalid date');
    this.anchorSimMs = date.getTime();
    this.anchorRealMs = this.realNowMs();
  }

  /** Moves the simulated clock forward (or back, with a negative value). */
  advance(ms: number): void {
    this.setNow(new Date(this.nowMs() + ms));
  }
}
