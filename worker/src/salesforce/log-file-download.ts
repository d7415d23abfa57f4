/**
 * Streams an EventLogFile body (`GET …/sobjects/EventLogFile/<Id>/LogFile`, REST API Developer
 * Guide "Get Event Monitoring Content from a Blob Field") with the platform's own fetch instead of
 * jsforce: jsforce 3 pipes the body with `.pipe()`, so a connection cut mid-download surfaces as
 * an *uncaught* `TypeError: terminated` and its stream never ends (sim/README, "jsforce and a body
 * cut mid-way"). Here every failure is an ordinary rejected promise or a thrown iteration error.
 *
 * - Session: the jsforce connection's current access token and instance URL. A 401 refreshes the
 *   session the way jsforce does for this connection (its refresh delegate: refresh token, JWT
 *   re-grant or sfdx-core auth) and retries once.
 * - `Accept-Encoding: gzip` (files are CSV text, typically 5–10× smaller compressed); fetch
 *   decompresses as the bytes arrive.
 * - Errors carry Salesforce's errorCode (the REST error body `[{errorCode, message}]`, or
 *   `ERROR_HTTP_<status>` for an HTML page, as jsforce names them) and are classified like every
 *   other call (errors.ts). A body cut off mid-way is `SF_UNAVAILABLE` (retryable).
 * - The body is never buffered: the caller iterates it chunk by chunk.
 */
import { OrgWardenError } from '../errors';
import { toOrgWardenError } from './errors';
import type { ObservedResponse } from './response-observer';

/** The parts of a jsforce Connection this needs (jsforce keeps the refresh delegate private). */
export interface SessionConnection {
  instanceUrl: string;
  version: string;
  accessToken?: string | null;
  _refreshDelegate?: {
    refresh(sinceMs: number): Promise<void>;
    isRefreshing(): boolean;
    waitRefresh(): Promise<void>;
  };
}

export interface DownloadOptions {
  /** Every response's status and headers (the quota figure and the org's clock). */
  onResponse(response: ObservedResponse): void;
  fetchImpl?: typeof fetch;
}

/** Error bodies are small; never read more than this of one. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export function logFilePath(version: string, id: string): string {
  return `/services/data/v${version}/sobjects/EventLogFile/${encodeURIComponent(id)}/LogFile`;
}

/** Opens the body of one log file; resolves once the headers are in. */
export async function openLogFile(conn: SessionConnection, id: string, options: DownloadOptions): Promise<AsyncIterable<Buffer>> {
  const delegate = conn._refreshDelegate;
  for (let attempt = 1; ; attempt++) {
    if (delegate?.isRefreshing()) await delegate.waitRefresh();
    const requestedAtMs = Date.now();
    const response = await send(conn, id, options.fetchImpl ?? fetch);
    options.onResponse({ statusCode: response.status, headers: headerRecord(response.headers) });
    if (response.ok && response.body) return guardedBody(response.body);
    const error = await errorFrom(response);
    if (response.status === 401 && delegate && attempt === 1) {
      await delegate.refresh(requestedAtMs).catch((err: unknown) => {
        throw toOrgWardenError(Object.assign(new Error(`session refresh failed: ${(err as Error).message}`), { errorCode: 'INVALID_SESSION_ID', cause: err }), 'Salesforce LogFile download failed');
      });
      continue;
    }
    throw toOrgWardenError(error, 'Salesforce LogFile download failed');
  }
}

async function send(conn: SessionConnection, id: string, fetchImpl: typeof fetch): Promise<Response> {
  const url = `${conn.instanceUrl.replace(/\/$/, '')}${logFilePath(conn.version, id)}`;
  try {
    return await fetchImpl(url, {
      headers: { Authorization: `Bearer ${conn.accessToken ?? ''}`, 'Accept-Encoding': 'gzip' },
    });
  } catch (err) {
    // fetch rejects with TypeError('fetch failed', { cause: { code: 'ECONNRESET' … } }): transient.
    throw toOrgWardenError(err, 'Salesforce LogFile download failed');
  }
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => (out[key] = value));
  return out;
}

/** An Error with Salesforce's errorCode, from a non-2xx response. */
async function errorFrom(response: Response): Promise<Error> {
  const text = await readSome(response);
  const contentType = response.headers.get('content-type') ?? '';
  let errorCode = `ERROR_HTTP_${response.status}`;
  let message = `HTTP ${response.status}`;
  if (!contentType.includes('html')) {
    try {
      const body = JSON.parse(text) as unknown;
      const first = (Array.isArray(body) ? body[0] : body) as { errorCode?: unknown; message?: unknown } | undefined;
      if (typeof first?.errorCode === 'string') errorCode = first.errorCode;
      if (typeof first?.message === 'string') message = first.message;
    } catch {
      // Not JSON: keep the HTTP status as the code, as jsforce does.
    }
  }
  return Object.assign(new Error(message), { errorCode, statusCode: response.status });
}

async function readSome(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(Buffer.from(chunk));
      size += chunk.byteLength;
      if (size >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    // An error body cut short still tells the status.
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY_BYTES);
}

/** The body as Buffers; a connection lost mid-way becomes a retryable SF_UNAVAILABLE. */
async function* guardedBody(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  } catch (err) {
    if (err instanceof OrgWardenError) throw err;
    const cause = (err as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : 'ECONNRESET';
    throw new OrgWardenError('SF_UNAVAILABLE', `the LogFile download was cut off: ${(err as Error).message}`, {
      cause: err,
      data: { errorCode: code },
    });
  }
}
