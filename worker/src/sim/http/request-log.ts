/**
 * Every request the simulator answered, for tests to assert on what a client actually sent
 * (method, path, the headers that change Salesforce's behaviour, status).
 */
import type { IncomingMessage } from 'node:http';

/** Headers worth asserting on; the bearer token itself is never kept. */
const KEPT_HEADERS = ['sforce-query-options', 'sforce-call-options', 'accept-encoding', 'content-type', 'user-agent'] as const;

export interface RequestLogEntry {
  method: string;
  /** Path and query string, e.g. `/services/data/v62.0/query?q=SELECT…`. */
  path: string;
  headers: Partial<Record<(typeof KEPT_HEADERS)[number], string>>;
  /** Whether an `Authorization` header was present. */
  authorized: boolean;
  /** Parsed JSON body of writes, when there was one. */
  body?: unknown;
  status?: number;
  /** Salesforce errorCode of an error response. */
  errorCode?: string;
  /** Simulated time of the request (ISO). */
  at: string;
}

export class RequestLog {
  private readonly items: RequestLogEntry[] = [];

  /** Keeps at most `capacity` entries (oldest dropped) so a long demo stays flat in memory. */
  constructor(private readonly capacity = 10_000) {}

  start(req: IncomingMessage, at: Date): RequestLogEntry {
    const headers: RequestLogEntry['headers'] = {};
    for (const name of KEPT_HEADERS) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: req.url ?? '/', headers, authorized: req.headers.authorization !== undefined, at: at.toISOString() };
    this.items.push(entry);
    if (this.items.length > this.capacity) this.items.shift();
    return entry;
  }

  /** Entries oldest first. */
  get entries(): readonly RequestLogEntry[] {
    return this.items;
  }

  clear(): void {
    this.items.length = 0;
  }
}
