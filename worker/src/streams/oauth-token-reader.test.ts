/**
 * OauthToken returns at most 2,500 rows to one query: the reader counts first and splits the
 * CreatedDate range until every part fits. (The simulator serves OauthToken in batches of 500 but
 * does not enforce the 2,500 cap, so this runs against a fake that does.)
 */
import type { OrgClient } from '../salesforce/org-client';
import { readOauthTokens } from './oauth-token-reader';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const grants = Array.from({ length: 6000 }, (_, i) => ({ AppName: 'App', UserId: `005${String(i).padStart(12, '0')}`, CreatedDate: new Date(T0 + i * 60_000).toISOString(), LastUsedDate: null, UseCount: 1 }));

function fakeClient() {
  const queries: string[] = [];
  const inRange = (soql: string) => {
    if (soql.includes('ORDER BY CreatedDate ASC LIMIT 1')) return grants.slice(0, 1);
    const [, from, until] = /CreatedDate >= (\S+) AND CreatedDate < (\S+)/.exec(soql)!;
    return grants.filter((g) => g.CreatedDate >= new Date(from!).toISOString() && g.CreatedDate < new Date(until!).toISOString());
  };
  const client = {
    request: async (_p: string, req: { url: string }) => {
      const soql = decodeURIComponent(req.url.split('q=')[1]!);
      queries.push(soql);
      return { totalSize: inRange(soql).length };
    },
    async *queryPages(soql: string) {
      queries.push(soql);
      const rows = inRange(soql);
      if (rows.length > 2500) throw new Error('more than 2,500 rows: Salesforce would stop here');
      for (let i = 0; i < rows.length; i += 500) yield rows.slice(i, i + 500);
    },
  };
  return { client: client as unknown as OrgClient, queries };
}

it('reads 6,000 grants in parts of at most 2,500, counting before each read', async () => {
  const { client, queries } = fakeClient();
  const read = await readOauthTokens(client, T0 + 10 * 86_400_000);
  expect(read.rows).toHaveLength(6000);
  expect(new Set(read.rows.map((r) => r.UserId)).size).toBe(6000);
  expect(read.unread).toBe(0);
  const counts = queries.filter((q) => q.startsWith('SELECT COUNT()'));
  expect(counts.length).toBeGreaterThanOrEqual(5);
  // 1 COUNT, the oldest grant, then per part of ~2,000: 1 COUNT + 4 pages of 500.
  expect(queries.length).toBeLessThanOrEqual(2 + 4 * 5);
});
