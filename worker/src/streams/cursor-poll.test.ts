import { FakeConnection } from '../../../test/helpers/fake-connection';
import { silentLogger } from '../logger';
import { OrgClient } from '../salesforce/org-client';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { MemoryQuotaStore } from '../salesforce/quota-store';
import { pollByTime, windowStart, type PolledPage } from './cursor-poll';
import { loginHistoryQuery } from './login-history';

const row = (id: string, time: string, status = 'Success') => ({ Id: id, LoginTime: time, UserId: '005000000000AAA', Status: status, SourceIp: '203.0.113.9', LoginType: 'Application' });

function client(connection: FakeConnection): OrgClient {
  const governor = new QuotaGovernor(new MemoryQuotaStore(), { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, silentLogger());
  return new OrgClient('00D000000000001', connection, governor, silentLogger());
}

async function collect(pages: AsyncGenerator<PolledPage>): Promise<PolledPage[]> {
  const out: PolledPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('pollByTime', () => {
  const window = { fromMs: Date.parse('2026-11-20T00:00:00Z'), untilMs: Date.parse('2026-11-20T01:00:00Z') };

  it('reads every page and advances the cursor to the newest row', async () => {
    const conn = new FakeConnection().queuePages(
      [row('0Ya000000000001', '2026-11-20T00:10:00.000+0000'), row('0Ya000000000002', '2026-11-20T00:10:00.000+0000')],
      [row('0Ya000000000003', '2026-11-20T00:20:00.000+0000')],
    );
    const pages = await collect(pollByTime(loginHistoryQuery, client(conn), window, undefined));
    expect(pages.map((p) => p.activities.map((a) => a.id))).toEqual([['0Ya000000000001', '0Ya000000000002'], ['0Ya000000000003']]);
    expect(pages[1]!.cursor.timeMs).toBe(Date.parse('2026-11-20T00:20:00Z'));
    expect(conn.requests[1]!.url).toBe('/services/data/v62.0/query/01gFAKE-1');
  });

  it('queries from the cursor minus the overlap with >= and drops rows already processed', async () => {
    const first = new FakeConnection().queuePages([row('0Ya000000000001', '2026-11-20T00:10:00.000+0000')]);
    const [page] = await collect(pollByTime(loginHistoryQuery, client(first), window, undefined));
    const cursor = page!.cursor;
    const from = windowStart(cursor);
    expect(from).toBe(Date.parse('2026-11-20T00:05:00Z'));
    // The next poll sees the same row again (same second) plus one written late with an earlier time.
    const second = new FakeConnection().queuePages([row('0Ya000000000004', '2026-11-20T00:09:30.000+0000'), row('0Ya000000000001', '2026-11-20T00:10:00.000+0000')]);
    const [next] = await collect(pollByTime(loginHistoryQuery, client(second), { fromMs: from, untilMs: window.untilMs }, cursor));
    expect(decodeURIComponent(second.requests[0]!.url)).toContain('LoginTime >= 2026-11-20T00:05:00Z AND LoginTime < 2026-11-20T01:00:00Z ORDER BY LoginTime ASC, Id ASC');
    expect(next!.activities.map((a) => a.id)).toEqual(['0Ya000000000004']);
    expect(next!.duplicates).toBe(1);
  });

  it('counts a malformed row as skipped once, not again on the overlapping poll', async () => {
    const bad = { ...row('0Ya00000000000X', 'yesterday') };
    const conn = new FakeConnection().queuePages([row('0Ya000000000001', '2026-11-20T00:10:00.000+0000'), bad]);
    const [page] = await collect(pollByTime(loginHistoryQuery, client(conn), window, undefined));
    expect(page).toMatchObject({ records: 2, skipped: 1 });
    const again = new FakeConnection().queuePages([bad]);
    const [next] = await collect(pollByTime(loginHistoryQuery, client(again), window, page!.cursor));
    expect(next).toMatchObject({ records: 0, skipped: 0, duplicates: 1 });
  });
});
