/**
 * The API cost of status records, over one simulated hour with every stream on its schedule:
 * the documented budget (README "Operations"), checked by counting collection calls.
 */
import { FakeConnection } from '../../../test/helpers/fake-connection';
import { silentLogger } from '../logger';
import type { PassResult } from '../pipeline/stream-pass';
import { OrgClient } from '../salesforce/org-client';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { MemoryQuotaStore } from '../salesforce/quota-store';
import { STREAMS } from '../streams/registry';
import { DEFAULT_HEARTBEAT_MS, StatusReporter } from './status-reporter';
import type { StatusCounters, StreamCounters } from './status-store';

const MINUTE = 60_000;

/** The shared counters without Redis: fake timers cannot wait for real I/O. */
function memoryCounters(): StatusCounters {
  const counters = new Map<string, StreamCounters>();
  const get = (key: string) => counters.get(key) ?? { consecutiveFailures: 0, failuresTotal: 0, recordsTotal: 0, skippedTotal: 0, unavailable: false };
  return {
    registerOrg: async () => undefined,
    recordSuccess: async (orgId, stream, pass) => {
      const c = get(`${orgId}:${stream}`);
      counters.set(`${orgId}:${stream}`, { ...c, lastSuccessMs: pass.finishedMs, coveredUntilMs: pass.untilMs, recordsTotal: c.recordsTotal + pass.records });
    },
    recordFailure: async () => undefined,
    recordHeld: async () => undefined,
    read: async (orgId, stream) => get(`${orgId}:${stream}`),
  };
}

function orgClient(calls: { records: number }[]): OrgClient {
  const connection = new FakeConnection();
  connection.request = async <T>(req: Parameters<FakeConnection['request']>[0]): Promise<T> => {
    const { records } = JSON.parse(req.body!) as { records: unknown[] };
    calls.push({ records: records.length });
    return records.map(() => ({ success: true, errors: [] })) as T;
  };
  const governor = new QuotaGovernor(new MemoryQuotaStore(), { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, silentLogger());
  return new OrgClient('00D000000000001', connection, governor, silentLogger());
}

function reporter(client: OrgClient): StatusReporter {
  return new StatusReporter({
    store: memoryCounters(),
    log: silentLogger(),
    worker: { host: 'h', pid: 1, version: 'v' },
    heartbeat: { everyMs: DEFAULT_HEARTBEAT_MS, orgs: ['acme'], clientFor: async () => client, queueDepths: async () => ({ waiting: 0, active: 0, delayed: 0, failed: 0 }) },
  });
}

const pass = (stream: string): PassResult => ({ stream, records: 3, skipped: 0, duplicates: 0, apiCalls: 1, statuses: [], alerts: [], writeBack: { written: 0, failed: [] } });

afterEach(() => jest.useRealTimers());

it('beats as often as the fastest stream is polled', () => {
  expect(DEFAULT_HEARTBEAT_MS).toBe(Math.min(...STREAMS.map((s) => s.pollIntervalMinutes)) * MINUTE);
});

it('costs one call per 5-minute tick when every stream runs on schedule: ≈ 12 calls an hour per org', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const calls: { records: number }[] = [];
  const client = orgClient(calls);
  const status = reporter(client);
  status.startHeartbeat();
  const start = Date.now();
  for (let minute = 0; minute < 60; minute += 5) {
    // The schedulers start together at boot, so the streams due at this minute end within seconds of each other.
    for (const stream of STREAMS.filter((s) => minute % s.pollIntervalMinutes === 0)) {
      await status.passSucceeded('acme', client, stream, pass(stream.name), Date.now());
      await jest.advanceTimersByTimeAsync(1_000);
    }
    await jest.advanceTimersByTimeAsync(start + (minute + 5) * MINUTE - Date.now());
  }
  await status.close();
  // 12 ticks (each with the worker record), plus the final "stopped cleanly" write.
  expect(calls).toHaveLength(13);
  expect(calls[0]).toEqual({ records: STREAMS.length + 1 });
});

it('with no pass at all, still writes the heartbeat: 12 calls an hour per org and process', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const calls: { records: number }[] = [];
  const status = reporter(orgClient(calls));
  status.startHeartbeat();
  await jest.advanceTimersByTimeAsync(60 * MINUTE);
  expect(calls).toEqual(Array.from({ length: 12 }, () => ({ records: 1 })));
  await status.close();
  expect(calls).toHaveLength(13); // the "stopped cleanly" write
});
