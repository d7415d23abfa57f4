/**
 * One authenticated REST call under `/services/data/vXX.X/`, as handed to the resource routes.
 */
import type { Session } from '../auth/token-store';
import type { RequestLogEntry } from '../http/request-log';
import type { Exchange } from '../http/send';
import { methodNotAllowed } from '../http/http-errors';
import type { SimCore } from '../sim-core';
import type { Writer } from '../writes/record-writer';

export interface DataRequest {
  core: SimCore;
  ex: Exchange;
  url: URL;
  method: string;
  /** API version of the URL, e.g. `62.0`. */
  version: string;
  /** Path segments after the version, URL-decoded. */
  segments: string[];
  session: Session;
  log: RequestLogEntry;
}

/** Base path of the request's version: `/services/data/v62.0`. */
export function basePath(r: DataRequest): string {
  return `/services/data/v${r.version}`;
}

export function writer(r: DataRequest): Writer {
  return { core: r.core, userId: r.session.userId };
}

/** Throws 405 unless the request uses one of `allowed`. */
export function allow(r: DataRequest, allowed: string[]): void {
  if (!allowed.includes(r.method)) throw methodNotAllowed(r.method, allowed);
}
