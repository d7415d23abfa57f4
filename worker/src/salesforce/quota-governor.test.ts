import { OrgWardenError } from '../errors';
import { silentLogger } from '../logger';
import { QuotaGovernor } from './quota-governor';
import { DEFAULT_QUOTA_PARAMS } from './quota-policy';
import { MemoryQuotaStore } from './quota-store';

function setup(maxWaitMs = Number.POSITIVE_INFINITY) {
  let now = Date.parse('2026-11-20T12:00:00Z');
  const store = new MemoryQuotaStore();
  const sleeps: number[] = [];
  const onSleep: Array<() => Promise<void> | void> = [];
  const governor = new QuotaGovernor(store, { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, silentLogger(), {
    pollMs: 1_000,
    maxWaitMs,
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      await onSleep.shift()?.();
    },
  });
  return { store, governor, sleeps, onSleep, now: () => now };
}

describe('QuotaGovernor', () => {
  it('lets calls through while the allocation is above the reserve', async () => {
    const { store, governor, sleeps } = setup();
    await store.record({ used: 100, max: 1000, observedAtMs: Date.parse('2026-11-20T12:00:00Z') });
    const result = await governor.run('ingest', async () => 'done');
    expect(result).toBe('done');
    expect(sleeps).toEqual([]);
  });

  it('holds a call at the reserve and resumes by itself when another response shows usage dropped', async () => {
    const { store, governor, sleeps, onSleep, now } = setup();
    await store.record({ used: 895, max: 1000, observedAtMs: now() });
    // While the call waits, another worker's response reports the rolling window freed calls.
    onSleep.push(() => undefined, () => governor.observe({ used: 400, max: 1000 }));
    const grant = await governor.acquire('ingest');
    expect(grant.priority).toBe('ingest');
    expect(sleeps).toEqual([1_000, 1_000]);
  });

  it('gives up after maxWaitMs with a retryable SF_REQUEST_LIMIT error saying when to retry', async () => {
    const { store, governor, now } = setup(5_000);
    await store.record({ used: 950, max: 1000, observedAtMs: now() });
    const err = await governor.acquire('backfill').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgWardenError);
    expect(err).toMatchObject({ code: 'SF_REQUEST_LIMIT', data: { retryAfterMs: 60_000, used: 950, max: 1000, reserve: 100 } });
  });

  it('releases the reservation even when the call fails', async () => {
    const { store, governor, now } = setup();
    await store.record({ used: 0, max: 1000, observedAtMs: now() });
    await expect(governor.run('ingest', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await store.snapshot(now())).outstanding).toBe(0);
  });
});
