/**
 * Sees the headers of every HTTP response a jsforce connection receives (including jsforce's own
 * retries and session refreshes), for the quota governor (`Sforce-Limit-Info`) and the org's
 * clock (`Date`). jsforce keeps its transport in `_transport`; if a jsforce upgrade moves it,
 * this throws at connect time instead of silently losing the quota figure.
 */

export interface ObservedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
}

interface TransportLike {
  httpRequest: (req: unknown, options?: unknown) => Promise<ObservedResponse | undefined>;
}

const OBSERVED = Symbol('orgwarden.observed');

export function observeResponses(connection: object, onResponse: (response: ObservedResponse) => void): void {
  const transport = (connection as { _transport?: TransportLike & { [OBSERVED]?: boolean } })._transport;
  if (!transport || typeof transport.httpRequest !== 'function') {
    throw new Error('jsforce connection has no _transport.httpRequest: this jsforce version is not supported by salesforce/response-observer.ts');
  }
  if (transport[OBSERVED]) return;
  const original = transport.httpRequest.bind(transport);
  transport.httpRequest = (req, options) => {
    const pending = original(req, options);
    pending.then(
      (response) => response && onResponse(response),
      () => undefined,
    );
    return pending;
  };
  transport[OBSERVED] = true;
}

const API_USAGE = /api-usage=(\d+)\/(\d+)/;

export function parseLimitInfo(header: string | string[] | undefined): { used: number; max: number } | undefined {
  const text = Array.isArray(header) ? header.join(';') : header;
  const m = text ? API_USAGE.exec(text) : null;
  return m ? { used: Number(m[1]), max: Number(m[2]) } : undefined;
}
