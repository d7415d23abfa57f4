/**
 * The worker's health, reported after every stream pass and on a heartbeat: the shared counters
 * in Redis (status-store.ts) move first, then the org's `Warden_Status__c` records are queued
 * for the batched writer. Never throws: reporting must not change what a job does.
 *
 * API budget per org (README "Operations"): at most one collection call per stream pass —
 * records of passes ending within the writer's 10 s window share a call — plus, per worker
 * process, one heartbeat every `heartbeatMs` (default: the fastest stream's poll interval,
 * 5 min with the realtime stream) unless a pass write carried the worker record less than half
 * an interval ago. Steady state with every stream: ≈ 12 calls an hour per org (the 5-min ticks
 * carry the others); bound: passes per hour + heartbeats per hour per process (24 + 12).
 */
import { hostname } from 'node:os';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import { packageVersion } from '../paths';
import type { PassResult } from '../pipeline/stream-pass';
import type { OrgClient } from '../salesforce/org-client';
import { STREAMS } from '../streams/registry';
import type { StreamDefinition } from '../streams/stream';
import { statusKey, toStatusRecord, type ApiFigure, type QueueDepths, type StatusData, type WorkerIdentity } from './status-record';
import type { PassSuccess, StatusCounters } from './status-store';
import { StatusWriter } from './status-writer';
import { streamHealth } from './stream-health';

/** Default heartbeat: as often as the most frequently polled stream. */
export const DEFAULT_HEARTBEAT_MS = Math.min(...STREAMS.map((stream) => stream.pollIntervalMinutes)) * 60_000;

export function currentWorker(): WorkerIdentity {
  return { host: hostname(), pid: process.pid, version: packageVersion() };
}

export interface HeartbeatOptions {
  everyMs: number;
  orgs: readonly string[];
  clientFor(org: string): Promise<OrgClient>;
  queueDepths(): Promise<QueueDepths>;
}

export interface StatusReporterOptions {
  store: StatusCounters;
  log: Logger;
  worker?: WorkerIdentity;
  flushDelayMs?: number;
  /** Worker records are written by `run` processes only (not by `backfill`). */
  heartbeat?: HeartbeatOptions;
}

export class StatusReporter {
  readonly writer: StatusWriter;
  readonly worker: WorkerIdentity;
  private readonly registered = new Set<string>();
  private readonly workerWrittenAt = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: StatusReporterOptions) {
    this.writer = new StatusWriter(options.log, options.flushDelayMs);
    this.worker = options.worker ?? currentWorker();
  }

  startHeartbeat(): void {
    const heartbeat = this.options.heartbeat;
    if (!heartbeat || this.timer) return;
    // Checked four times an interval (no call unless due): the record is never older than 1.25 intervals.
    this.timer = setInterval(() => void this.beat(heartbeat), Math.max(1_000, Math.floor(heartbeat.everyMs / 4)));
    this.timer.unref();
  }

  async passSucceeded(org: string, client: OrgClient, stream: StreamDefinition, result: PassResult, untilMs: number): Promise<void> {
    const source = sourceCondition(stream, result);
    await this.report(org, client, stream, (orgId) =>
      this.options.store.recordSuccess(orgId, stream.name, {
        untilMs,
        finishedMs: Date.now(),
        records: result.records,
        apiCalls: result.apiCalls,
        ...(source ? { source } : {}),
      }),
    );
  }

  async passFailed(org: string, client: OrgClient, stream: StreamDefinition, err: unknown): Promise<void> {
    const code = err instanceof OrgWardenError ? err.code : 'UNEXPECTED';
    const message = `${code}: ${err instanceof Error ? err.message : String(err)}`;
    const unavailable = err instanceof OrgWardenError && err.code === 'SF_API_ERROR' && err.data.errorCode === 'INVALID_TYPE';
    await this.report(org, client, stream, (orgId) => this.options.store.recordFailure(orgId, stream.name, { atMs: Date.now(), code, message, unavailable }));
  }

  async passHeld(org: string, client: OrgClient, stream: StreamDefinition): Promise<void> {
    await this.report(org, client, stream, (orgId) => this.options.store.recordHeld(orgId, stream.name, Date.now()));
  }

  /** Stops the heartbeat, marks this worker's records Disabled (stopped cleanly) and writes everything queued. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const heartbeat = this.options.heartbeat;
    if (heartbeat) {
      for (const org of heartbeat.orgs) {
        // Only orgs this process reached: closing must not open new connections.
        if (!this.registered.has(org)) continue;
        await this.guard(org, async () => this.queueWorker(await heartbeat.clientFor(org), heartbeat, 'Disabled', 'stopped cleanly'));
      }
    }
    await this.writer.flush();
  }

  private async report(org: string, client: OrgClient, stream: StreamDefinition, update: (orgId: string) => Promise<void>): Promise<void> {
    await this.guard(org, async () => {
      await this.register(org, client);
      await update(client.orgId);
      await this.queueStream(client, stream);
      const heartbeat = this.options.heartbeat;
      // Half an interval old is enough to ride along with a pass: the timer then rarely has to call.
      if (heartbeat && this.workerAgeMs(client.orgId) >= heartbeat.everyMs / 2) await this.queueWorker(client, heartbeat, 'Healthy', 'running');
    });
  }

  private async beat(heartbeat: HeartbeatOptions): Promise<void> {
    for (const org of heartbeat.orgs) {
      await this.guard(org, async () => {
        const client = await heartbeat.clientFor(org);
        await this.register(org, client);
        // Queued, not written at once: a pass ending within the writer's window shares the call.
        if (this.workerAgeMs(client.orgId) >= heartbeat.everyMs) await this.queueWorker(client, heartbeat, 'Healthy', 'running');
      });
    }
  }

  /** Names the org for metrics (config name → org id), once per process. */
  private async register(org: string, client: OrgClient): Promise<void> {
    if (this.registered.has(org)) return;
    await this.options.store.registerOrg(org, client.orgId);
    this.registered.add(org);
  }

  private workerAgeMs(orgId: string): number {
    return Date.now() - (this.workerWrittenAt.get(orgId) ?? 0);
  }

  private async queueStream(client: OrgClient, stream: StreamDefinition): Promise<void> {
    const counters = await this.options.store.read(client.orgId, stream.name);
    const health = streamHealth({ ...counters, pollIntervalMinutes: stream.pollIntervalMinutes, nowMs: client.orgNowMs() });
    const data: StatusData = {
      kind: 'Stream',
      stream: stream.name,
      state: health.state,
      reason: health.reason,
      pollIntervalMinutes: stream.pollIntervalMinutes,
      worker: this.worker,
      api: await apiFigure(client),
      lastSuccessMs: counters.lastSuccessMs,
      lastError: counters.lastError,
      lastErrorMs: counters.lastErrorMs,
      consecutiveFailures: counters.consecutiveFailures,
      cursorMs: counters.coveredUntilMs,
      lagMinutes: health.lagMinutes,
      recordsLastPass: counters.recordsLast,
      recordsTotal: counters.recordsTotal,
      recordsSkipped: counters.skippedTotal,
    };
    this.writer.enqueue(client, toStatusRecord(data));
  }

  private async queueWorker(client: OrgClient, heartbeat: HeartbeatOptions, state: 'Healthy' | 'Disabled', reason: string): Promise<void> {
    const data: StatusData = {
      kind: 'Worker',
      state,
      reason,
      pollIntervalMinutes: Math.max(1, Math.round(heartbeat.everyMs / 60_000)),
      worker: this.worker,
      api: await apiFigure(client),
      heartbeatMs: Date.now(),
      queue: await heartbeat.queueDepths(),
    };
    this.workerWrittenAt.set(client.orgId, Date.now());
    this.writer.enqueue(client, toStatusRecord(data));
  }

  private async guard(org: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.options.log.warn({ err, org }, 'could not update the status records');
    }
  }

  /** The key of this process's worker record (tests, logs). */
  workerKey(): string {
    return statusKey({ kind: 'Worker', worker: this.worker });
  }
}

/** What the sources said about themselves: not available when none of them exists in the org. */
function sourceCondition(stream: StreamDefinition, result: PassResult): PassSuccess['source'] {
  const notOk = (result.statuses ?? []).filter((status) => status.state !== 'ok');
  if (notOk.length === 0) return undefined;
  const missing = new Set(notOk.filter((status) => status.state === 'not-available').map((status) => status.source));
  const state = stream.sources.every((source) => missing.has(source.id)) ? 'not-available' : 'degraded';
  return { state, detail: notOk.map((status) => `${status.source}: ${status.detail}`).join('; ') };
}

async function apiFigure(client: OrgClient): Promise<ApiFigure> {
  const { used, max, reserve } = await client.quota.status();
  return { used, max, reserve };
}
