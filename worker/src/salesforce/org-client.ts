/**
 * The worker's view of one org: paged queries, sObject collection writes and raw requests,
 * every HTTP call through the quota governor. Built on a jsforce `Connection` (or the
 * `@salesforce/core` one, which extends it); nothing outside salesforce/ sees jsforce.
 */
import type { Logger } from '../logger';
import { toOrgWardenError } from './errors';
import { openLogFile, type SessionConnection } from './log-file-download';
import type { QuotaGovernor } from './quota-governor';
import type { CallPriority } from './quota-policy';
import { observeResponses, parseLimitInfo, type ObservedResponse } from './response-observer';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  url: string;
  body?: string;
  headers?: Record<string, string>;
}

/** The part of a jsforce Connection the client uses. */
export interface ConnectionLike {
  instanceUrl: string;
  version: string;
  request<T = unknown>(request: ApiRequest): Promise<T>;
  /** jsforce's Metadata API client (SOAP); test fakes may leave it out. */
  metadata?: { read(type: string, fullNames: string): Promise<unknown> };
}

export interface QueryOptions {
  priority: CallPriority;
  /** queryAll: include deleted and archived rows. */
  all?: boolean;
  /** Sforce-Query-Options batchSize (200–2000); Salesforce may return fewer. */
  batchSize?: number;
}

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: SaveError[];
}

interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

export const MAX_COLLECTION_RECORDS = 200;

export class OrgClient {
  private orgClockOffsetMs = 0;
  private sawDate = false;
  /** API calls made through this client (each page, each write), for `--stats`. */
  callCount = 0;

  constructor(
    readonly orgId: string,
    private readonly connection: ConnectionLike,
    readonly quota: QuotaGovernor,
    private readonly log: Logger,
  ) {
    observeResponses(connection, (response) => this.onResponse(response));
  }

  get instanceUrl(): string {
    return this.connection.instanceUrl;
  }

  /** Whether a response has told the org's time yet (before that, orgNowMs() is this machine's). */
  hasOrgClock(): boolean {
    return this.sawDate;
  }

  /** The org's current time, from the `Date` header of its latest response. */
  orgNowMs(): number {
    return Date.now() + this.orgClockOffsetMs;
  }

  /** One API call per page; yields each page's records in order. */
  async *queryPages<T>(soql: string, options: QueryOptions): AsyncGenerator<T[]> {
    const headers = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : undefined;
    let url = `/${options.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
    for (;;) {
      const page = await this.request<QueryPage<T>>(options.priority, { method: 'GET', url, ...(headers ? { headers } : {}) }, 'query');
      yield page.records;
      if (page.done || !page.nextRecordsUrl) return;
      url = page.nextRecordsUrl;
    }
  }

  /** Upsert by external id through sObject collections, ≤ 200 records per call, allOrNone false. */
  async upsertCollection(
    sobject: string,
    externalIdField: string,
    records: ReadonlyArray<Record<string, unknown>>,
    priority: CallPriority,
  ): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    for (let i = 0; i < records.length; i += MAX_COLLECTION_RECORDS) {
      const chunk = records.slice(i, i + MAX_COLLECTION_RECORDS).map((record) => ({ attributes: { type: sobject }, ...record }));
      const body = JSON.stringify({ allOrNone: false, records: chunk });
      const url = `/composite/sobjects/${encodeURIComponent(sobject)}/${encodeURIComponent(externalIdField)}`;
      results.push(...(await this.request<SaveResult[]>(priority, { method: 'PATCH', url, body, headers: { 'content-type': 'application/json' } }, 'upsert')));
    }
    return results;
  }

  /**
   * Streams one EventLogFile body (log-file-download.ts): one API call through the governor;
   * its `Sforce-Limit-Info` and `Date` are observed like every other response's.
   */
  async downloadLogFile(id: string, priority: CallPriority): Promise<AsyncIterable<Buffer>> {
    return this.quota.run(priority, async () => {
      this.callCount += 1;
      return openLogFile(this.connection as unknown as SessionConnection, id, { onResponse: (response) => this.onResponse(response) });
    });
  }

  /**
   * One Metadata API `readMetadata` of one component (e.g. SecuritySettings `Security`): one API
   * call through the governor. undefined when the org has no such component (Salesforce answers
   * a nil record, which jsforce reads as an object without `fullName`).
   */
  async readMetadata(type: string, fullName: string, priority: CallPriority): Promise<Record<string, unknown> | undefined> {
    const metadata = this.connection.metadata;
    if (!metadata) throw new Error('this Salesforce connection has no Metadata API client');
    return this.quota.run(priority, async () => {
      this.callCount += 1;
      try {
        const component = (await metadata.read(type, fullName)) as Record<string, unknown> | null | undefined;
        return component && typeof component.fullName === 'string' ? component : undefined;
      } catch (err) {
        throw toOrgWardenError(err, `Metadata API read of ${type} ${fullName} failed`);
      }
    });
  }

  async request<T>(priority: CallPriority, req: ApiRequest, what: string = req.method): Promise<T> {
    return this.quota.run(priority, async () => {
      this.callCount += 1;
      try {
        return await this.connection.request<T>(req);
      } catch (err) {
        throw toOrgWardenError(err, `Salesforce ${what} failed`);
      }
    });
  }

  private onResponse(response: ObservedResponse): void {
    const usage = parseLimitInfo(response.headers['sforce-limit-info']);
    if (usage) this.quota.observe(usage).catch((err: unknown) => this.log.warn({ err }, 'could not record API usage'));
    const date = response.headers.date;
    const dateMs = typeof date === 'string' ? Date.parse(date) : Number.NaN;
    // Date has whole seconds: only move the clock when the difference is beyond that resolution.
    if (!Number.isFinite(dateMs)) return;
    this.sawDate = true;
    if (Math.abs(dateMs - this.orgNowMs()) > 1_500) this.orgClockOffsetMs = dateMs - Date.now();
  }
}
