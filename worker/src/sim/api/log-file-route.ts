/**
 * `GET /sobjects/EventLogFile/<Id>/LogFile`: the CSV body, streamed from disk (files can be
 * hundreds of MB). Content-Type is `application/octetstream` (sic, as Salesforce documents it;
 * `text/csv` would make jsforce parse the body into objects), chunked, gzip-compressed when the
 * client accepts it. An unknown, not yet published or purged file is 404.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { notFound } from '../http/http-errors';
import { acceptsGzip } from '../http/send';
import { to18 } from '../ids';
import type { DataRequest } from './data-request';
import { allow } from './data-request';

export async function logFileRoute(r: DataRequest, id: string): Promise<void> {
  allow(r, ['GET']);
  const entry = r.core.view.getEntry(to18(id));
  const file = entry && entry.record['IsDeleted'] !== true ? r.core.logFiles.get(entry.record.Id) : undefined;
  if (!file || entry?.def.name !== 'EventLogFile') throw notFound();
  const gzip = r.core.compress && acceptsGzip(r.ex.req);
  r.ex.res.writeHead(200, {
    'Content-Type': 'application/octetstream',
    ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
  });
  // Injected faults (faults/): damaged rows, a slow body, a reset after N bytes.
  const faulted = r.core.faults.serveLogFile(r.ex, entry.record, file, gzip);
  if (faulted) return faulted;
  const source = createReadStream(file);
  if (gzip) await pipeline(source, createGzip(), r.ex.res);
  else await pipeline(source, r.ex.res);
}
