/**
 * The org side of the benchmark, in process: a connection that answers what the pipeline asks
 * a real org during a pass over local files — user names for the user directory, and alert
 * upserts — without a network, so the figures measure OrgWarden and nothing else.
 */
import type { ApiRequest, ConnectionLike } from '../../worker/src/salesforce/org-client';
import { benchUserId15 } from './elf-bench-data';

const ID_LIST = /Id IN \(([^)]*)\)/;

export class BenchConnection implements ConnectionLike {
  instanceUrl = 'https://bench.invalid';
  version = '62.0';
  /** What response-observer.ts hooks into on a jsforce connection. */
  readonly _transport = { httpRequest: async () => undefined };
  calls = 0;

  async request<T>(req: ApiRequest): Promise<T> {
    this.calls += 1;
    if (req.method === 'GET' && req.url.startsWith('/query')) return this.users(decodeURIComponent(req.url)) as T;
    if (req.method === 'PATCH' && req.url.startsWith('/composite/sobjects/')) {
      const body = JSON.parse(req.body ?? '{}') as { records?: unknown[] };
      return (body.records ?? []).map(() => ({ success: true, created: true, errors: [] })) as T;
    }
    return { totalSize: 0, done: true, records: [] } as T;
  }

  private users(soql: string) {
    const ids = (ID_LIST.exec(soql)?.[1] ?? '').split(',').map((s) => s.trim().replace(/^'|'$/g, '')).filter(Boolean);
    const known = new Set(Array.from({ length: 1_000 }, (_, n) => benchUserId15(n)));
    const records = ids.filter((id) => known.has(id.slice(0, 15))).map((id) => ({ Id: id, Username: `user${Number(id.slice(10, 15))}@bench.example` }));
    return { totalSize: records.length, done: true, records };
  }
}
