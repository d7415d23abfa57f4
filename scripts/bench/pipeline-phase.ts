/**
 * The measured pipeline: the event logs stream's own source over local files (parse →
 * normalize), then the pass every stream runs — enrich (user directory, GeoIP, ASN, IP tags) →
 * every detection → write-back → cursor and detection state committed to Redis page by page.
 * State lives under a unique key prefix in the Redis at 127.0.0.1:6379, removed afterwards.
 */
import { createReadStream } from 'node:fs';
import type { Redis } from 'ioredis';
import { parseConfig } from '../../worker/src/config';
import { POLICIES } from '../../worker/src/detections/registry';
import { createPolicyRunner } from '../../worker/src/detections/run-policies';
import type { Activity } from '../../worker/src/activity/activity';
import { enrichAll } from '../../worker/src/enrichment/enricher';
import { enricherChain } from '../../worker/src/enrichment/enrichment-chain';
import { UserDirectory } from '../../worker/src/enrichment/user-directory';
import { silentLogger } from '../../worker/src/logger';
import { runStreamPass, type PassDeps } from '../../worker/src/pipeline/stream-pass';
import { OrgClient } from '../../worker/src/salesforce/org-client';
import { QuotaGovernor } from '../../worker/src/salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../../worker/src/salesforce/quota-policy';
import { MemoryQuotaStore } from '../../worker/src/salesforce/quota-store';
import { connectRedis } from '../../worker/src/state/redis';
import { RedisStateStore } from '../../worker/src/state/state-store';
import { eventLogsStream } from '../../worker/src/streams/event-log-files';
import { eventLogSource } from '../../worker/src/streams/eventlogs/event-log-source';
import type { LogFileRef } from '../../worker/src/streams/eventlogs/log-file-ref';
import type { LogFileStore } from '../../worker/src/streams/eventlogs/log-file-store';
import { BenchConnection } from './bench-org';
import { BENCH_DAY_MS, BENCH_ORG_ID, type BenchFile } from './elf-bench-data';
import { peakRssMb, type PhaseResult } from './phase-result';

const HOUR_MS = 3_600_000;

/** An activity from `ip`, run through the IP enrichers before timing starts. */
function warmUp(ip: string): Activity {
  return { id: `warm-up-${ip}`, source: 'ELF:URI', timeMs: BENCH_DAY_MS, orgId: BENCH_ORG_ID, kind: 'page.view', ip, ipTags: [] };
}

/** The files as an org's EventLogFile listing would show them: daily files published the next morning. */
function localStore(files: readonly BenchFile[]): LogFileStore {
  const refs: LogFileRef[] = files.map((f, i) => ({ id: `0ATBench${i}`, eventType: f.eventType, interval: 'Daily', logDateMs: BENCH_DAY_MS, sequence: 0, createdMs: BENCH_DAY_MS + 27 * HOUR_MS + i, length: f.bytes }));
  return {
    list: async () => refs,
    earlierSequences: async () => [],
    // fs streams' default 64 KiB chunks, as papaparse reads them; a download brings 16–64 KiB at a time.
    open: async (ref) => createReadStream(files[refs.indexOf(ref)]!.path),
  };
}

async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** The config for `--policies` (all, the default; none; or a comma-separated list of policy ids) and `--page-rows`. */
function benchConfig(policies: string, pageRows: number | undefined) {
  const eventLogs = pageRows ? { eventLogs: { pageRows } } : {};
  if (policies === 'all') return parseConfig(eventLogs);
  const wanted = new Set(policies === 'none' ? [] : policies.split(',').map((id) => id.trim()).filter(Boolean));
  const known = POLICIES.map((p) => p.meta.id);
  const unknown = [...wanted].filter((id) => !known.includes(id));
  if (unknown.length) throw new Error(`--policies: unknown policy id(s) ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return parseConfig({ ...eventLogs, policies: Object.fromEntries(known.filter((id) => !wanted.has(id)).map((id) => [id, { enabled: false }])) });
}

export async function runPipelinePhase(files: readonly BenchFile[], policies = 'all', pageRows?: number): Promise<PhaseResult> {
  const redis = await connectRedis('redis://127.0.0.1:6379');
  const prefix = `orgwarden-bench-${process.pid}-${Date.now()}`;
  const log = silentLogger();
  const config = benchConfig(policies, pageRows);
  const governor = new QuotaGovernor(new MemoryQuotaStore(), { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, log);
  await governor.observe({ used: 0, max: 1_000_000 });
  const client = new OrgClient(BENCH_ORG_ID, new BenchConnection(), governor, log);
  const store = localStore(files);
  const deps: PassDeps = {
    client,
    policies: createPolicyRunner(config),
    enrichers: enricherChain(new UserDirectory(client), config, log),
    state: new RedisStateStore(redis, prefix, BENCH_ORG_ID),
    log,
    config,
  };
  const stream = { ...eventLogsStream, sources: [eventLogSource({ store: () => store })] };
  try {
    // A running worker opened its GeoIP and ASN databases when it started (about half a second,
    // once per process): open them here too, so the figure is the pipeline's speed on the file.
    await enrichAll(deps.enrichers.slice(1), [warmUp('198.51.100.1'), warmUp('2001:db8::1')]);
    const started = performance.now();
    const result = await runStreamPass(stream, deps, { untilMs: BENCH_DAY_MS + 2 * 24 * HOUR_MS });
    const seconds = (performance.now() - started) / 1000;
    const detail = { pageRows: config.eventLogs.pageRows, records: result.records, skipped: result.skipped, alerts: result.alerts.length, policies: deps.policies.policies.map((p) => p.meta.id) };
    return { rows: result.records + result.skipped, seconds, bytes: files.reduce((sum, f) => sum + f.bytes, 0), peakRssMb: peakRssMb(), detail };
  } finally {
    await removeKeys(redis, prefix);
    await redis.quit();
  }
}
