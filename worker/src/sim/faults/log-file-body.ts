/**
 * Sending an EventLogFile body with faults: damaged rows, a slow trickle, and a connection cut
 * after N bytes of the body (before the chunked terminator, so the client can tell the body is
 * incomplete). With gzip, the bytes before the cut are flushed through the compressor first, so
 * the client decompresses exactly those N bytes before the reset — as when a proxy drops a
 * compressed download half-way.
 */
import type { ServerResponse } from 'node:http';
import { pipeline as pipelineCallback, type Readable, type Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import { cutConnection, waitUnlessClosed, type CutHow } from './connection-faults';

export interface LogFileFaults {
  /** Transforms of the CSV bytes (corruption, then throttling), in order. */
  stages: Transform[];
  cut?: { afterBytes: number; how: CutHow };
}

// Time for bytes already handed to the kernel to reach the client and be read before the reset:
// an RST makes the client drop what it received but has not read yet.
const CUT_GRACE_MS = 100;
const DRAIN_POLL_MS = 5;
const DRAIN_LIMIT_MS = 5_000;

function write(sink: Writable, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => sink.write(chunk, (err) => resolve(!err)));
}

/** Waits until the response's bytes have left Node's buffers (or the client is gone). */
async function drained(res: ServerResponse): Promise<void> {
  for (let waited = 0; waited < DRAIN_LIMIT_MS && !res.destroyed; waited += DRAIN_POLL_MS) {
    if (res.writableLength === 0 && (res.socket?.writableLength ?? 0) === 0) return;
    await waitUnlessClosed(res, DRAIN_POLL_MS);
  }
}

async function sendThenCut(res: ServerResponse, body: Readable, gzip: boolean, cut: NonNullable<LogFileFaults['cut']>): Promise<number> {
  const zip = gzip ? createGzip() : undefined;
  zip?.pipe(res, { end: false });
  const sink: Writable = zip ?? res;
  let sent = 0;
  for await (const chunk of body) {
    const part = (chunk as Buffer).subarray(0, cut.afterBytes - sent);
    if (part.length > 0 && !(await write(sink, part))) break;
    sent += part.length;
    if (sent >= cut.afterBytes) break;
  }
  if (zip) await new Promise<void>((resolve) => zip.flush(constants.Z_SYNC_FLUSH, () => resolve()));
  await drained(res);
  await waitUnlessClosed(res, CUT_GRACE_MS);
  cutConnection(res.socket, cut.how);
  zip?.destroy();
  return sent;
}

/** Streams `source` through the faults into `res` (headers already sent); resolves with the body bytes sent. */
export async function sendLogFileBody(res: ServerResponse, source: Readable, gzip: boolean, faults: LogFileFaults): Promise<number | undefined> {
  const stages = faults.stages;
  if (!faults.cut) {
    await pipeline([source, ...stages, ...(gzip ? [createGzip()] : []), res]);
    return undefined;
  }
  // Errors inside the stages surface through the iteration below; the callback only absorbs them.
  const body = stages.length ? (pipelineCallback([source, ...stages], () => undefined) as unknown as Readable) : source;
  try {
    return await sendThenCut(res, body, gzip, faults.cut);
  } finally {
    body.destroy();
    source.destroy();
  }
}
