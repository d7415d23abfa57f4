/**
 * API calls made by other integrations of the org (a data loader, a marketing sync, …). They share
 * the org-wide daily allocation with OrgWarden, so a worker's reserve only means something if the
 * simulator can make them: a steady rate (calls per hour) and one-off bursts.
 *
 * The steady rate is turned into calls lazily, minute by minute of simulated time, whenever the
 * usage is read — so an accelerated or jumped clock produces exactly the calls the elapsed time
 * implies, each aging out 24 h after its own minute.
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Where the generated calls go: returns how many of `count` calls made at `atMs` were accepted. */
export type CallSink = (atMs: number, count: number) => number;

export class OtherAppTraffic {
  private callsPerHour = 0;
  /** Start of the current rate; calls are counted from here so rounding never drifts. */
  private rateStartMs: number;
  /** Simulated time up to which calls have been generated. */
  private doneUntilMs: number;

  constructor(
    startMs: number,
    private readonly windowMs: number,
  ) {
    this.rateStartMs = startMs;
    this.doneUntilMs = startMs;
  }

  get rate(): number {
    return this.callsPerHour;
  }

  /** Changes the steady rate from `nowMs` on (calls up to now are made at the old rate first). */
  setRate(callsPerHour: number, nowMs: number, sink: CallSink): void {
    if (!(callsPerHour >= 0) || !Number.isFinite(callsPerHour)) throw new Error(`calls per hour must be a number >= 0, got ${callsPerHour}`);
    this.catchUp(nowMs, sink);
    this.callsPerHour = callsPerHour;
    this.rateStartMs = nowMs;
    this.doneUntilMs = nowMs;
  }

  /** Makes the calls the steady rate implies between the last catch-up and `nowMs`. */
  catchUp(nowMs: number, sink: CallSink): void {
    if (nowMs <= this.doneUntilMs) return;
    if (this.callsPerHour > 0) {
      // Calls older than the window would already have aged out: skip straight past them.
      let t = Math.max(this.doneUntilMs, nowMs - this.windowMs);
      while (t < nowMs) {
        const next = Math.min(nowMs, (Math.floor(t / MINUTE_MS) + 1) * MINUTE_MS);
        const calls = this.callsBy(next) - this.callsBy(t);
        if (calls > 0) sink(next, calls);
        t = next;
      }
    }
    this.doneUntilMs = nowMs;
  }

  /** Calls the current rate has made from its start up to `atMs`. */
  private callsBy(atMs: number): number {
    return Math.floor((this.callsPerHour * (atMs - this.rateStartMs)) / HOUR_MS);
  }
}
