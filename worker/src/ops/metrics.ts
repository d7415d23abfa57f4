/**
 * Prometheus metrics for `/metrics`. Deployment-wide figures (queue depths, API usage and
 * reserve, per-stream records, skipped rows, failures, last success, alerts per policy) are read
 * from Redis at scrape time — the same shared counters the status records use — so every worker
 * process serves the same numbers: scrape any one of them (or all, and aggregate with `max by`).
 * Only `process_*` / `nodejs_*` and `orgwarden_worker_info{host,pid,version}` describe the
 * process that answers.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { QueueProbe } from '../queues/queue-depths';
import { QuotaGovernor, type QuotaStatus } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { RedisQuotaStore } from '../salesforce/quota-store';
import { STREAMS } from '../streams/registry';
import type { WorkerIdentity } from './status-record';
import type { StatusStore, StreamCounters } from './status-store';
import { streamHealth } from './stream-health';

export interface MetricsSources {
  config: Readonly<Config>;
  redis: Redis;
  store: StatusStore;
  queues: readonly QueueProbe[];
  worker: WorkerIdentity;
  log: Logger;
}

interface OrgSnapshot {
  org: string;
  api: QuotaStatus;
  streams: Array<{ stream: string; counters: StreamCounters; pollIntervalMinutes: number }>;
  alerts: Record<string, number>;
}

interface Snapshot {
  queues: Array<{ queue: string; depths: Record<string, number> }>;
  orgs: OrgSnapshot[];
}

const STATES = ['Healthy', 'Degraded', 'Failing', 'Disabled', 'Not_Available'] as const;
/** One Redis read serves every metric of a scrape. */
const SNAPSHOT_TTL_MS = 1_000;

export function createMetricsRegistry(sources: MetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'orgwarden_' });
  const cached = cachedSnapshot(sources);
  // Redis unreachable: the shared series are left out of this scrape, the process ones still answer.
  const snapshot = () => cached().catch(() => undefined);
  const gauge = (name: string, help: string, labelNames: string[], fill: (metric: Gauge, s: Snapshot) => void) =>
    new Gauge({ name, help, labelNames, registers: [registry], async collect() { this.reset(); const s = await snapshot(); if (s) fill(this, s); } });
  const counter = (name: string, help: string, labelNames: string[], fill: (metric: Counter, s: Snapshot) => void) =>
    new Counter({ name, help, labelNames, registers: [registry], async collect() { this.reset(); const s = await snapshot(); if (s) fill(this, s); } });

  new Gauge({ name: 'orgwarden_worker_info', help: 'The worker process answering this scrape.', labelNames: ['host', 'pid', 'version'], registers: [registry] })
    .set({ host: sources.worker.host, pid: String(sources.worker.pid), version: sources.worker.version }, 1);
  gauge('orgwarden_queue_jobs', 'Jobs in each queue by state (failed: kept after every retry was spent).', ['queue', 'state'], (m, s) => {
    for (const { queue, depths } of s.queues) for (const [state, n] of Object.entries(depths)) m.set({ queue, state }, n);
  });
  const api = (field: keyof QuotaStatus, name: string, help: string) =>
    gauge(name, help, ['org'], (m, s) => {
      for (const o of s.orgs) if (typeof o.api[field] === 'number') m.set({ org: o.org }, o.api[field]);
    });
  api('used', 'orgwarden_api_requests_used', 'The org-wide API calls used in the rolling 24 h (all apps), as last seen by any worker.');
  api('max', 'orgwarden_api_requests_limit', 'The org daily API allocation.');
  api('reserve', 'orgwarden_api_requests_reserve', 'Calls OrgWarden always leaves free (reservePercent of the limit).');
  const perStream = (fill: (m: Gauge | Counter, labels: { org: string; stream: string }, c: StreamCounters, interval: number) => void) => (m: Gauge | Counter, s: Snapshot) => {
    for (const o of s.orgs) for (const st of o.streams) fill(m, { org: o.org, stream: st.stream }, st.counters, st.pollIntervalMinutes);
  };
  counter('orgwarden_stream_records_total', 'Distinct source records read, counted as each page is committed.', ['org', 'stream'], perStream((m, l, c) => (m as Counter).inc(l, c.recordsTotal)));
  counter('orgwarden_stream_skipped_total', 'Source records that could not be read (counted and dropped).', ['org', 'stream'], perStream((m, l, c) => (m as Counter).inc(l, c.skippedTotal)));
  counter('orgwarden_stream_failures_total', 'Failed attempts of stream passes (each retry counts).', ['org', 'stream'], perStream((m, l, c) => (m as Counter).inc(l, c.failuresTotal)));
  gauge('orgwarden_stream_consecutive_failures', 'Failed attempts in a row since the last success.', ['org', 'stream'], perStream((m, l, c) => (m as Gauge).set(l, c.consecutiveFailures)));
  gauge('orgwarden_stream_last_success_timestamp_seconds', 'When the last successful pass finished (Unix time).', ['org', 'stream'], perStream((m, l, c) => {
    if (c.lastSuccessMs !== undefined) (m as Gauge).set(l, c.lastSuccessMs / 1000);
  }));
  gauge('orgwarden_stream_cursor_timestamp_seconds', 'Org time up to which the stream has been read completely (Unix time); time() minus this is the lag.', ['org', 'stream'], perStream((m, l, c) => {
    if (c.coveredUntilMs !== undefined) (m as Gauge).set(l, c.coveredUntilMs / 1000);
  }));
  gauge('orgwarden_stream_state', 'The stream health (README "Stream health"): 1 for the current state.', ['org', 'stream', 'state'], perStream((m, l, c, interval) => {
    if (c.lastSuccessMs === undefined && c.failuresTotal === 0) return; // never ran: no state yet
    const { state } = streamHealth({ ...c, pollIntervalMinutes: interval, nowMs: Date.now() });
    for (const candidate of STATES) (m as Gauge).set({ ...l, state: candidate }, candidate === state ? 1 : 0);
  }));
  counter('orgwarden_alerts_total', 'Alerts raised or updated, by policy.', ['org', 'policy'], (m, s) => {
    for (const o of s.orgs) for (const [policy, n] of Object.entries(o.alerts)) m.inc({ org: o.org, policy }, n);
  });
  return registry;
}

function cachedSnapshot(sources: MetricsSources): () => Promise<Snapshot> {
  let cached: { at: number; value: Promise<Snapshot> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > SNAPSHOT_TTL_MS) {
      const value = readSnapshot(sources);
      value.catch((err: unknown) => sources.log.warn({ err }, 'metrics: could not read the shared figures from Redis'));
      cached = { at: Date.now(), value };
    }
    return cached.value;
  };
}

async function readSnapshot(sources: MetricsSources): Promise<Snapshot> {
  const { config, store } = sources;
  const queues = await Promise.all(sources.queues.map(async (probe) => ({ queue: probe.name, depths: { ...(await probe.depths()) } })));
  const orgIds = await store.orgIds();
  const orgs: OrgSnapshot[] = [];
  for (const { name } of config.orgs) {
    const orgId = orgIds.get(name);
    if (!orgId) continue; // never reached by any worker yet
    const governor = new QuotaGovernor(new RedisQuotaStore(sources.redis, orgId, config.redis.keyPrefix), { ...DEFAULT_QUOTA_PARAMS, reservePercent: config.reservePercent }, sources.log);
    const streams = await Promise.all(STREAMS.map(async (s) => ({ stream: s.name, counters: await store.read(orgId, s.name), pollIntervalMinutes: s.pollIntervalMinutes })));
    orgs.push({ org: name, api: await governor.status(), streams, alerts: await store.alertCounts(orgId) });
  }
  return { queues, orgs };
}
