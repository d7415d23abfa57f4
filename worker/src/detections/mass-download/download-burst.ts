/**
 * One user's downloads/exports on one channel, stepped one event at a time. Pure: the caller
 * loads and stores the state. A burst opens when `minEvents` events fall within `windowMs`; it
 * stays open (one alert, growing) until `windowMs` passes with no event. Event log files of
 * different types arrive in separate pages, so an event may come a little out of order: one
 * that falls inside an open burst's span (± the window) joins it.
 */

export interface BurstParams {
  minEvents: number;
  windowMs: number;
}

export interface DownloadEvent {
  t: number;
  /** `file`, `attachment`, `export`, `api-file`. */
  what: string;
  ip?: string;
  /** Report id of an export. */
  report?: string;
}

export interface OpenBurst {
  /** The burst's first event when it opened: its alert key, never moved. */
  keyAtMs: number;
  firstAtMs: number;
  lastAtMs: number;
  count: number;
  byWhat: Record<string, number>;
  ips: Record<string, number>;
  /** Exported report ids (at most MAX_REPORTS). */
  reports: string[];
}

export interface ChannelState {
  /** Events in the trailing window while no burst is open, oldest first. */
  recent: DownloadEvent[];
  burst?: OpenBurst;
}

const MAX_REPORTS = 20;

export function emptyChannel(): ChannelState {
  return { recent: [] };
}

/** Applies one event; returns true when the open burst changed (an alert to raise or update). */
export function step(state: ChannelState, event: DownloadEvent, params: BurstParams): boolean {
  const burst = state.burst;
  if (burst) {
    if (event.t >= burst.firstAtMs - params.windowMs && event.t <= burst.lastAtMs + params.windowMs) {
      add(burst, event);
      return true;
    }
    if (event.t > burst.lastAtMs) delete state.burst;
  }
  insertSorted(state.recent, event);
  const newest = state.recent[state.recent.length - 1]!.t;
  state.recent = state.recent.filter((e) => newest - e.t <= params.windowMs);
  if (state.recent.length < params.minEvents) return false;
  const first = state.recent[0]!;
  const opened: OpenBurst = { keyAtMs: first.t, firstAtMs: first.t, lastAtMs: first.t, count: 0, byWhat: {}, ips: {}, reports: [] };
  for (const e of state.recent) add(opened, e);
  state.burst = opened;
  state.recent = [];
  return true;
}

function insertSorted(list: DownloadEvent[], event: DownloadEvent): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.t > event.t) i -= 1;
  list.splice(i, 0, event);
}

function add(burst: OpenBurst, event: DownloadEvent): void {
  burst.count += 1;
  burst.firstAtMs = Math.min(burst.firstAtMs, event.t);
  burst.lastAtMs = Math.max(burst.lastAtMs, event.t);
  burst.byWhat[event.what] = (burst.byWhat[event.what] ?? 0) + 1;
  if (event.ip) burst.ips[event.ip] = (burst.ips[event.ip] ?? 0) + 1;
  if (event.report && burst.reports.length < MAX_REPORTS && !burst.reports.includes(event.report)) burst.reports.push(event.report);
}

/** Nothing left to remember once the window has passed with no burst open. */
export function isIdle(state: ChannelState, nowMs: number, params: BurstParams): boolean {
  if (state.burst) return nowMs - state.burst.lastAtMs > params.windowMs;
  return state.recent.every((e) => nowMs - e.t > params.windowMs);
}
