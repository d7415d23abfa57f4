/**
 * `orgwarden backfill`: the org's streams from `--since` to the org's now, one after the other,
 * on the running worker's state — the same Redis cursors, detection state and quota figure as
 * `orgwarden run` (unlike `scan`, which keeps everything in memory).
 *
 * - Each stream is read under the same per-org+stream lock as a `run` job: a job in flight is
 *   waited for; while the backfill holds the lock, `run`'s jobs of that stream end at once
 *   ("locked") and the next tick after the backfill continues from the cursor it left (≈ now).
 * - A stream with a stored cursor continues from it (never reading twice what was read); only
 *   `restart` re-reads from `--since`, overwriting the cursor.
 * - Reads run at priority `backfill` (backfill-governor.ts); pages commit one by one, so an
 *   interruption keeps what was done and the next backfill or poll continues from there.
 */
import type { Redis } from 'ioredis';
import type { Config, OrgConfig } from '../config';
import type { Logger } from '../logger';
import { StatusReporter } from '../ops/status-reporter';
import { StatusStore } from '../ops/status-store';
import type { Target } from '../salesforce/targets';
import { readCursor } from '../state/cursor-store';
import { streamLockKey, tryLockStream, type StreamLock } from '../state/stream-lock';
import type { StreamDefinition, StreamSource } from '../streams/stream';
import { BackfillGovernor, BackfillInterrupted } from './backfill-governor';
import type { BackfillProgress } from './backfill-progress';
import { OrgRuntimes, targetOf, type OrgRuntime } from './org-runtime';
import { runStreamPass } from './stream-pass';

export interface BackfillOptions {
  config: Readonly<Config>;
  org: OrgConfig;
  redis: Redis;
  log: Logger;
  sinceMs: number;
  streams: readonly StreamDefinition[];
  progress: BackfillProgress;
  restart?: boolean;
  stopped?: () => boolean;
  /** Messages for the person at the terminal (a cursor kept, a lock waited for). */
  note?: (message: string) => void;
  resolveTarget?: (org: OrgConfig) => Target;
  lockPollMs?: number;
}

export interface StreamOutcome {
  stream: string;
  fromMs: number;
  untilMs: number;
  /** Continued from a stored cursor rather than from --since. */
  resumed: boolean;
  records: number;
  skipped: number;
  alerts: number;
  apiCalls: number;
  outcome: 'done' | 'interrupted' | 'failed';
  error?: string;
}

export async function runBackfill(options: BackfillOptions): Promise<StreamOutcome[]> {
  const { config, org, progress } = options;
  const stopped = options.stopped ?? (() => false);
  let governor: BackfillGovernor | undefined;
  const runtimes = new OrgRuntimes({ ...config, orgs: [org] }, options.redis, options.log, options.resolveTarget ?? targetOf, (store, params, log) => {
    governor = new BackfillGovernor(store, params, log, stopped);
    return governor;
  });
  const reporter = new StatusReporter({ store: new StatusStore(options.redis, config.redis.keyPrefix), log: options.log.child({ component: 'status' }) });
  try {
    const runtime = await runtimes.get(org.name);
    const { client } = runtime.connected;
    progress.apiCalls = () => client.callCount;
    progress.heldSinceMs = () => governor?.heldSinceMs;
    // The org's clock comes from its responses' Date header: one call before the first window.
    if (!client.hasOrgClock()) await client.request('backfill', { method: 'GET', url: '/limits' }, 'limits');
    const outcomes: StreamOutcome[] = [];
    for (const [index, stream] of options.streams.entries()) {
      if (stopped()) break;
      outcomes.push(await backfillStream(options, runtime, reporter, stream, index, stopped));
    }
    progress.phase = outcomes.every((o) => o.outcome === 'done') && outcomes.length === options.streams.length ? 'done' : 'stopped';
    return outcomes;
  } finally {
    await reporter.close();
    await runtimes.closeAll();
  }
}

async function backfillStream(options: BackfillOptions, runtime: OrgRuntime, reporter: StatusReporter, stream: StreamDefinition, index: number, stopped: () => boolean): Promise<StreamOutcome> {
  const { progress } = options;
  const { client } = runtime.connected;
  progress.streamIndex = index;
  progress.stream = stream.name;
  const lock = await waitForLock(options, client.orgId, stream.name, stopped);
  if (!lock) return { stream: stream.name, fromMs: options.sinceMs, untilMs: options.sinceMs, resumed: false, records: 0, skipped: 0, alerts: 0, apiCalls: 0, outcome: 'interrupted' };
  try {
    const window = await windowFor(options, runtime, stream, client.orgNowMs());
    if (window.resumed) options.note?.(`${stream.name}: continuing from its stored cursor (${iso(window.fromMs)}), so nothing is read twice; --restart re-reads from --since`);
    progress.startStream(index, window.fromMs, window.untilMs, stream.sources.length);
    const callsBefore = client.callCount;
    const tracked = trackPages(stream, progress, stopped);
    const outcome: StreamOutcome = { stream: stream.name, ...window, records: 0, skipped: 0, alerts: 0, apiCalls: 0, outcome: 'done' };
    try {
      const result = await runStreamPass(tracked, runtime.deps, { untilMs: window.untilMs, ...(window.resumed ? {} : { fromMs: window.fromMs }) });
      Object.assign(outcome, { records: result.records, skipped: result.skipped, alerts: result.alerts.length });
      if (result.writeBack.failed.length > 0) {
        Object.assign(outcome, { outcome: 'failed', error: `WRITE_BACK_FAILED: ${result.writeBack.failed.length} alert(s) could not be written to Warden_Alert__c` });
      } else if (stopped()) {
        outcome.outcome = 'interrupted';
      } else {
        progress.finishStream();
        await reporter.passSucceeded(options.org.name, client, stream, result, window.untilMs);
      }
    } catch (err) {
      if (!(err instanceof BackfillInterrupted)) {
        await reporter.passFailed(options.org.name, client, stream, err);
        Object.assign(outcome, { outcome: 'failed', error: err instanceof Error ? err.message : String(err) });
      } else outcome.outcome = 'interrupted';
    }
    outcome.apiCalls = client.callCount - callsBefore;
    return outcome;
  } finally {
    await lock.release();
  }
}

/** From --since, unless the stream has stored cursors (and no --restart): then from where they are. */
async function windowFor(options: BackfillOptions, runtime: OrgRuntime, stream: StreamDefinition, untilMs: number) {
  if (options.restart) return { fromMs: options.sinceMs, untilMs, resumed: false };
  const batch = runtime.deps.state.begin();
  const starts: number[] = [];
  for (const source of stream.sources) {
    const cursor = await readCursor<unknown>(batch, `${stream.name}:${source.id}`);
    if (cursor !== undefined) starts.push(source.resumeFrom(cursor));
  }
  return starts.length === 0 ? { fromMs: options.sinceMs, untilMs, resumed: false } : { fromMs: Math.min(...starts), untilMs, resumed: true };
}

async function waitForLock(options: BackfillOptions, orgId: string, stream: string, stopped: () => boolean): Promise<StreamLock | undefined> {
  const key = streamLockKey(options.config.redis.keyPrefix, orgId, stream);
  let told = false;
  for (;;) {
    const lock = await tryLockStream(options.redis, key);
    if (lock || stopped()) return lock;
    if (!told) options.note?.(`${stream}: a running worker is reading this stream; waiting for its job to finish`);
    told = true;
    options.progress.phase = 'waiting-for-lock';
    await new Promise((resolve) => setTimeout(resolve, options.lockPollMs ?? 2_000));
  }
}

/** The stream with each source's pages reported once committed, stopping between pages when asked. */
function trackPages(stream: StreamDefinition, progress: BackfillProgress, stopped: () => boolean): StreamDefinition {
  const sources = stream.sources.map((source, index): StreamSource => {
    const tracked: StreamSource = Object.create(source) as StreamSource;
    tracked.pages = async function* (ctx, window, cursor) {
      if (stopped()) return;
      for await (const page of source.pages(ctx, window, cursor)) {
        yield page;
        // Resumed: the pass has dealt with the page and committed its cursor.
        progress.page(index, source.resumeFrom(page.cursor), page.records);
        if (stopped()) return;
      }
    };
    return tracked;
  });
  return { ...stream, sources };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
