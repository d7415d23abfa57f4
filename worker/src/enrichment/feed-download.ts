/**
 * One conditional download of a URL feed: `If-None-Match` / `If-Modified-Since` from the last
 * good copy (a 304 costs the feed's server nothing), a time limit, and a size limit so a
 * misconfigured URL cannot fill memory.
 */

export interface DownloadOptions {
  timeoutMs: number;
  maxBytes: number;
  etag?: string;
  lastModified?: string;
}

export type Download = { notModified: true } | { notModified: false; text: string; etag?: string; lastModified?: string };

export async function downloadFeed(url: string, options: DownloadOptions): Promise<Download> {
  const headers: Record<string, string> = { accept: 'text/plain, text/csv, */*;q=0.5', 'user-agent': 'OrgWarden IP feed refresh' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs) });
  if (response.status === 304) return { notModified: true };
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  const text = await readLimited(response, options.maxBytes);
  const result: Download = { notModified: false, text };
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) result.etag = etag;
  if (lastModified) result.lastModified = lastModified;
  return result;
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    // Leaving the loop by throwing cancels the stream (the iterator's `return`).
    if (total > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
