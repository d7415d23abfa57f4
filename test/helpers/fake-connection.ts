/**
 * A stand-in for a jsforce Connection at the Salesforce boundary, for unit tests of code above
 * it: answers queries from canned pages and records every request. Tests that care about
 * Salesforce's behaviour use the simulator through real jsforce instead.
 */
import type { ApiRequest, ConnectionLike } from '../../worker/src/salesforce/org-client';

export class FakeConnection implements ConnectionLike {
  instanceUrl = 'https://acme.my.salesforce.com';
  version = '62.0';
  readonly requests: ApiRequest[] = [];
  /** Pages served for the next query, in order; each query consumes its pages. */
  private pages: unknown[][] = [];
  private usage = { used: 0, max: 15_000 };
  readonly _transport = { httpRequest: async () => undefined };

  queuePages(...pages: unknown[][]): this {
    this.pages.push(...pages.map((page) => [...page, PAGE_END]));
    return this;
  }

  async request<T>(req: ApiRequest): Promise<T> {
    this.requests.push(req);
    this.usage.used += 1;
    if (/\/query(All)?[?/]/.test(req.url)) return this.nextPage() as T;
    throw Object.assign(new Error(`FakeConnection: no answer for ${req.method} ${req.url}`), { errorCode: 'NOT_FOUND' });
  }

  private nextPage(): unknown {
    const page = this.pages.shift() ?? [PAGE_END];
    const records = page.filter((row) => row !== PAGE_END);
    const done = this.pages.length === 0 || this.pages[0]!.length === 0;
    return { totalSize: records.length, done, records, ...(done ? {} : { nextRecordsUrl: `/services/data/v62.0/query/01gFAKE-${this.requests.length}` }) };
  }
}

const PAGE_END = Symbol('page-end');
