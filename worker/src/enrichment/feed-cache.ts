/**
 * The last good copy of each URL feed on disk (`<cacheDir>/feeds/<hash>.txt` + `.json`), so a
 * restart while the feed's server is down still has the list, and several worker processes on
 * one machine share one download. Written through a temporary file and a rename: a reader never
 * sees half a copy.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedFeedMeta {
  /** The feed, without query string or credentials (a URL may carry an API key). */
  source: string;
  fetchedAtMs: number;
  etag?: string;
  lastModified?: string;
}

export interface CachedFeed {
  text: string;
  meta: CachedFeedMeta;
}

export class FeedCache {
  private readonly base: string;

  constructor(cacheDir: string, url: string) {
    // The whole URL names the copy: two feeds that differ only in their query are two lists.
    this.base = join(cacheDir, 'feeds', createHash('sha256').update(url).digest('hex').slice(0, 24));
  }

  get file(): string {
    return `${this.base}.txt`;
  }

  async read(): Promise<CachedFeed | undefined> {
    try {
      const [text, meta] = await Promise.all([readFile(`${this.base}.txt`, 'utf8'), readFile(`${this.base}.json`, 'utf8')]);
      const parsed = JSON.parse(meta) as CachedFeedMeta;
      return typeof parsed.fetchedAtMs === 'number' ? { text, meta: parsed } : undefined;
    } catch {
      return undefined; // no copy yet, or one we cannot use: the same to the caller
    }
  }

  /** Stores a good copy; `text` undefined only refreshes the metadata (a 304 answer). */
  async write(meta: CachedFeedMeta, text?: string): Promise<void> {
    await mkdir(join(this.base, '..'), { recursive: true });
    const suffix = `${process.pid}-${Date.now()}.tmp`;
    if (text !== undefined) {
      await writeFile(`${this.base}.txt.${suffix}`, text);
      await rename(`${this.base}.txt.${suffix}`, `${this.base}.txt`);
    }
    await writeFile(`${this.base}.json.${suffix}`, JSON.stringify(meta));
    await rename(`${this.base}.json.${suffix}`, `${this.base}.json`);
  }
}
