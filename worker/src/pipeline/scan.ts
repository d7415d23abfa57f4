/**
 * `orgwarden scan`: one pass over every stream in a window, every detection, write-back.
 * Detection state and cursors stay in memory (a scan must not move the running worker's
 * cursors); the API quota figure is shared through Redis unless the org is an in-process
 * simulator, whose allocation exists only inside this process.
 */
import type { Redis } from 'ioredis';
import type { Alert } from '../alerts/alert';
import type { Config } from '../config';
import { createPolicyRunner } from '../detections/run-policies';
import { enricherChain } from '../enrichment/enrichment-chain';
import { UserDirectory } from '../enrichment/user-directory';
import type { Logger } from '../logger';
import { connect } from '../salesforce/connect';
import { QuotaGovernor, type GovernorOptions } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS, type QuotaParams } from '../salesforce/quota-policy';
import { MemoryQuotaStore, RedisQuotaStore, type QuotaStore } from '../salesforce/quota-store';
import type { Target } from '../salesforce/targets';
import { MemoryStateStore } from '../state/state-store';
import { STREAMS } from '../streams/registry';
import type { StreamName } from '../streams/stream';
import { runStreamPass, type PassResult } from './stream-pass';

export interface ScanOptions {
  target: Target;
  config: Readonly<Config>;
  log: Logger;
  sinceMs?: number;
  untilMs?: number;
  /** Shared quota figure; required unless the target is `sim:`. */
  redis?: Redis;
  governor?: GovernorOptions & Partial<Omit<QuotaParams, 'reservePercent'>>;
}

export interface StreamStats {
  records: number;
  skipped: number;
  apiCalls: number;
}

/** The `--stats` file (DESIGN §4.1). */
export interface ScanStats {
  apiCalls: number;
  streams: Partial<Record<StreamName, StreamStats>>;
}

export interface ScanResult {
  alerts: Alert[];
  stats: ScanStats;
  passes: PassResult[];
  writeBackFailures: number;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { config, log } = options;
  const params: QuotaParams = { ...DEFAULT_QUOTA_PARAMS, ...options.governor, reservePercent: config.reservePercent, ...(config.ownSharePercent ? { ownSharePercent: config.ownSharePercent } : {}) };
  const storeFor = (orgId: string): QuotaStore => {
    if (options.target.kind === 'sim') return new MemoryQuotaStore();
    if (!options.redis) throw new Error('scan of a real org needs Redis for the shared quota figure');
    return new RedisQuotaStore(options.redis, orgId, config.redis.keyPrefix);
  };
  const connected = await connect(options.target, {
    log,
    governorFor: (orgId) => new QuotaGovernor(storeFor(orgId), params, log.child({ orgId, component: 'quota' }), options.governor),
  });
  try {
    const { client } = connected;
    // One call up front: the usage figure for the governor and the org's clock for the window.
    await client.request('ingest', { method: 'GET', url: '/limits' }, 'limits');
    const untilMs = options.untilMs ?? client.orgNowMs();
    const deps = {
      client,
      policies: createPolicyRunner(config),
      enrichers: enricherChain(new UserDirectory(client), config, log),
      state: new MemoryStateStore(),
      log,
      config,
    };
    const passes: PassResult[] = [];
    for (const stream of STREAMS) {
      // Default window: each stream's own backfill before the org's now (DESIGN §4.1).
      passes.push(await runStreamPass(stream, deps, { fromMs: options.sinceMs ?? untilMs - stream.backfillDays * 86_400_000, untilMs }));
    }
    reportStatuses(passes, log);
    const streams: ScanStats['streams'] = {};
    for (const pass of passes) streams[pass.stream as StreamName] = { records: pass.records, skipped: pass.skipped, apiCalls: pass.apiCalls };
    return {
      // A key raised by several streams (event logs, then real-time events) is one alert: its latest version.
      alerts: [...new Map(passes.flatMap((pass) => pass.alerts).map((alert) => [alert.key, alert] as const)).values()],
      stats: { apiCalls: client.callCount, streams },
      passes,
      writeBackFailures: passes.reduce((sum, pass) => sum + pass.writeBack.failed.length, 0),
    };
  } finally {
    await connected.close();
  }
}

/** Sources in a fallback mode warn (the operator must act); the rest is noted at info level. */
function reportStatuses(passes: readonly PassResult[], log: Logger): void {
  for (const pass of passes) {
    for (const status of pass.statuses) {
      const entry = { stream: pass.stream, source: status.source, state: status.state };
      if (status.state === 'degraded') log.warn(entry, status.detail);
      else log.info(entry, status.detail);
    }
  }
}
