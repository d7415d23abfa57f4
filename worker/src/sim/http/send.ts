/**
 * Writing responses. JSON always as `application/json;charset=UTF-8` (jsforce picks its parser
 * from that header) and gzip-compressed when the client accepts it, as Salesforce does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { SfHttpError, OAuthError } from './http-errors';

export const JSON_TYPE = 'application/json;charset=UTF-8';
// Small bodies are not worth compressing (Salesforce also sends short errors uncompressed).
const MIN_GZIP_BYTES = 1024;

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** Compress responses when `Accept-Encoding` allows it. */
  compress: boolean;
}

/** True when the request's `Accept-Encoding` lists gzip (without `q=0`). */
export function acceptsGzip(req: IncomingMessage): boolean {
  const header = String(req.headers['accept-encoding'] ?? '');
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return (coding === 'gzip' || coding === '*') && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

export function sendJson(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  const gzip = ex.compress && text.length >= MIN_GZIP_BYTES && acceptsGzip(ex.req);
  const payload = gzip ? gzipSync(text) : text;
  ex.res.writeHead(status, {
    ...headers,
    'Content-Type': JSON_TYPE,
    'Content-Length': String(payload.length),
    ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
  });
  ex.res.end(payload);
}

/** A status without a body (204 No Content after an update or delete). */
export function sendEmpty(ex: Exchange, status: number, headers: Record<string, string> = {}): void {
  ex.res.writeHead(status, headers);
  ex.res.end();
}

export function sendError(ex: Exchange, err: SfHttpError): void {
  sendJson(ex, err.status, err.body(), err.headers);
}

export function sendOAuthError(ex: Exchange, err: OAuthError): void {
  sendJson(ex, err.status, { error: err.error, error_description: err.description });
}

/** Anything unexpected becomes Salesforce's generic 500 (and the stack goes to the request log). */
export function unknownException(): SfHttpError {
  return new SfHttpError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 0-0 (-0)');
}
