import { OrgWardenError } from '../errors';
import { silentLogger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import { MemoryStateStore } from '../state/state-store';
import { RECHECK_AFTER_MS, whenAvailable } from './availability';
import type { SourcePage, SourceStatus, StreamSource } from './stream';

const DAY0 = Date.parse('2026-11-20T00:00:00Z');

function source(behaviour: () => 'page' | string): StreamSource & { calls: number } {
  const s = {
    id: 'LoginEvent',
    calls: 0,
    resumeFrom: () => 0,
    async *pages(): AsyncGenerator<SourcePage> {
      s.calls += 1;
      const outcome = behaviour();
      if (outcome !== 'page') throw new OrgWardenError('SF_API_ERROR', 'query failed', { data: { errorCode: outcome } });
      yield { activities: [], records: 1, skipped: 0, duplicates: 0, cursor: {} };
    },
  };
  return s;
}

async function poll(wrapped: StreamSource, state: MemoryStateStore, atMs: number) {
  const statuses: SourceStatus[] = [];
  const pages: SourcePage[] = [];
  const ctx = { client: {} as OrgClient, log: silentLogger(), state, report: (s: SourceStatus) => statuses.push(s) };
  for await (const page of wrapped.pages(ctx, { fromMs: atMs - 60_000, untilMs: atMs }, undefined)) pages.push(page);
  return { statuses, pages };
}

describe('sources the org may not have', () => {
  it('skips cleanly after INVALID_TYPE, says "not available", and asks again only a day later', async () => {
    let licensed = false;
    const inner = source(() => (licensed ? 'page' : 'INVALID_TYPE'));
    const wrapped = whenAvailable(inner, { errorCodes: ['INVALID_TYPE'], remedy: 'buy Shield' });
    const state = new MemoryStateStore();
    const first = await poll(wrapped, state, DAY0);
    expect(first.pages).toEqual([]);
    expect(first.statuses).toEqual([{ source: 'LoginEvent', state: 'not-available', detail: 'not available in this org (INVALID_TYPE); buy Shield' }]);
    licensed = true;
    expect((await poll(wrapped, state, DAY0 + 3_600_000)).statuses[0]?.state).toBe('not-available');
    expect(inner.calls).toBe(1);
    const later = await poll(wrapped, state, DAY0 + RECHECK_AFTER_MS);
    expect([later.pages.length, later.statuses, inner.calls]).toEqual([1, [], 2]);
  });

  it('lets every other error through (the job retries those)', async () => {
    const wrapped = whenAvailable(source(() => 'SERVER_UNAVAILABLE'), { errorCodes: ['INVALID_TYPE'], remedy: '' });
    await expect(poll(wrapped, new MemoryStateStore(), DAY0)).rejects.toThrow('query failed');
  });
});
