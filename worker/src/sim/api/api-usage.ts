/**
 * The org's API allocation, a rolling 24-hour window of simulated time (Salesforce: "API requests
 * … are limited per 24-hour rolling period"; `Sforce-Limit-Info` and `/limits` DailyApiRequests
 * report it). Every REST call counts — including `/limits` and calls that fail — except the
 * unauthenticated versions list; each call ages out 24 h after it was made. At the limit
 * Salesforce refuses further calls with 403 REQUEST_LIMIT_EXCEEDED until usage drops.
 *
 * Calls by other apps of the org share the window: a steady rate and one-off bursts
 * ({@link OtherAppTraffic}); they are refused like anyone else's once the allocation is used up.
 */
import type { SimClock } from '../clock';
import { OtherAppTraffic } from './other-app-traffic';
import { RollingWindow } from './rolling-window';

export const API_WINDOW_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;
const MINUTES_PER_WINDOW = API_WINDOW_MS / MINUTE_MS;

export interface ApiUsageOptions {
  max: number;
  /**
   * Calls already made when the simulator starts (org.json `apiRequests.used`). Assumption: they
   * were made evenly over the previous 24 h, so they age out minute by minute over the next 24 h.
   */
  used?: number;
  /** Steady calls per hour by other apps of the org, from the start on. */
  otherAppsCallsPerHour?: number;
}

export class ApiUsage {
  private readonly window = new RollingWindow(API_WINDOW_MS);
  private readonly others: OtherAppTraffic;
  private maxCalls: number;

  constructor(
    private readonly clock: SimClock,
    options: ApiUsageOptions,
  ) {
    this.maxCalls = checkedMax(options.max);
    const nowMs = clock.nowMs();
    this.others = new OtherAppTraffic(nowMs, API_WINDOW_MS);
    this.spreadOverPreviousDay(checkedUsed(options.used ?? 0), nowMs);
    if (options.otherAppsCallsPerHour) this.others.setRate(options.otherAppsCallsPerHour, nowMs, this.sink);
  }

  /** Calls made in the last 24 h of simulated time. */
  get used(): number {
    const nowMs = this.clock.nowMs();
    this.others.catchUp(nowMs, this.sink);
    return this.window.countAt(nowMs);
  }

  get max(): number {
    return this.maxCalls;
  }

  /** Steady calls per hour currently made by other apps. */
  get otherAppsCallsPerHour(): number {
    return this.others.rate;
  }

  /**
   * Sets the calls used (tests and the demo exhaust or free the allocation with it): the window is
   * replaced by `used` calls made now, so they age out together 24 h later.
   */
  set(used: number, max: number = this.maxCalls): void {
    checkedUsed(used);
    this.maxCalls = checkedMax(max);
    const nowMs = this.clock.nowMs();
    this.others.catchUp(nowMs, this.sink);
    this.window.clear();
    this.window.add(nowMs, used);
  }

  /** Changes the allocation, keeping the calls already made. */
  setMax(max: number): void {
    this.maxCalls = checkedMax(max);
  }

  /** Other apps make `count` calls now; returns how many the allocation let through. */
  burst(count: number): number {
    checkedUsed(count);
    const nowMs = this.clock.nowMs();
    this.others.catchUp(nowMs, this.sink);
    return this.sink(nowMs, count);
  }

  /** Other apps call at a steady `callsPerHour` from now on (0 stops them). */
  setOtherAppsRate(callsPerHour: number): void {
    this.others.setRate(callsPerHour, this.clock.nowMs(), this.sink);
  }

  /** Counts one call; false (and nothing counted) when the allocation is already used up. */
  tryConsume(): boolean {
    const nowMs = this.clock.nowMs();
    this.others.catchUp(nowMs, this.sink);
    return this.sink(nowMs, 1) === 1;
  }

  /** `Sforce-Limit-Info` header value. */
  header(): string {
    return `api-usage=${this.used}/${this.maxCalls}`;
  }

  /** Adds calls made at `atMs`, as many as the allocation still allows at that moment. */
  private readonly sink = (atMs: number, count: number): number => {
    const allowed = Math.max(0, Math.min(count, this.maxCalls - this.window.countAt(atMs)));
    this.window.add(atMs, allowed);
    return allowed;
  };

  /** `used` calls spread evenly over the 24 h before `nowMs`, one bucket per minute. */
  private spreadOverPreviousDay(used: number, nowMs: number): void {
    const startMs = nowMs - API_WINDOW_MS;
    for (let m = 0; m < MINUTES_PER_WINDOW; m++) {
      const calls = Math.floor((used * (m + 1)) / MINUTES_PER_WINDOW) - Math.floor((used * m) / MINUTES_PER_WINDOW);
      this.window.add(startMs + (m + 1) * MINUTE_MS, calls);
    }
  }
}

function checkedUsed(used: number): number {
  if (!Number.isInteger(used) || used < 0) throw new Error(`api usage must be an integer >= 0, got ${used}`);
  return used;
}

function checkedMax(max: number): number {
  if (!Number.isInteger(max) || max <= 0) throw new Error(`api limit must be an integer > 0, got ${max}`);
  return max;
}
