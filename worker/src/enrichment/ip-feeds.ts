/**
 * IP feeds (config `ipFeeds`): address lists from local files or URLs, each giving its entries
 * one tag. Every feed is re-read on its own schedule (`refreshMinutes`) when the tags are next
 * needed — no timer keeps the process alive. A refresh that fails, or that yields something
 * that is not a feed, keeps the last good copy (in memory, and on disk for URLs) and logs a
 * warning; a feed with no copy at all logs an error and is left out until a refresh succeeds.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IpTag } from '../config';
import type { Logger } from '../logger';
import { FeedCache, type CachedFeedMeta } from './feed-cache';
import { downloadFeed } from './feed-download';
import { isGarbled, parseFeed, type ParsedFeed } from './feed-parser';
import type { TaggedCidr } from './ip-tag-matcher';

export interface IpFeedSpec {
  file?: string | undefined;
  url?: string | undefined;
  tag: IpTag;
  refreshMinutes: number;
}

export interface IpFeedsOptions {
  /** Where URL feeds keep their last good copy (`<cacheDir>/feeds/`). */
  cacheDir: string;
  log: Logger;
  now?: () => number;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FeedSnapshot {
  /** Changes whenever any feed's entries change. */
  version: number;
  entries: readonly TaggedCidr[];
}

/** After a failed refresh, try again sooner than the schedule (but never in a tight loop). */
const RETRY_AFTER_FAILURE_MINUTES = 15;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

interface FeedState {
  spec: IpFeedSpec;
  /** How logs name the feed: the file, or the URL without query string and credentials. */
  label: string;
  cache?: FeedCache;
  cidrs?: string[];
  /** When the copy in use was downloaded (URL) or last modified (file). */
  copyTimeMs?: number;
  etag?: string | undefined;
  lastModified?: string | undefined;
  nextAttemptMs: number;
  inflight?: Promise<void> | undefined;
}

export class IpFeeds {
  private readonly feeds: FeedState[];
  private version = 0;
  private snapshotCache: FeedSnapshot = { version: 0, entries: [] };
  private initial?: Promise<void>;

  constructor(
    specs: readonly IpFeedSpec[],
    private readonly options: IpFeedsOptions,
  ) {
    this.feeds = specs.map((spec) => ({
      spec,
      label: spec.url ? safeLabel(spec.url) : String(spec.file),
      ...(spec.url ? { cache: new FeedCache(options.cacheDir, spec.url) } : {}),
      nextAttemptMs: -Infinity,
    }));
  }

  /** The entries in use. The first call waits for the first load; later ones start due refreshes and return at once. */
  async snapshot(): Promise<FeedSnapshot> {
    this.initial ??= this.refreshDue();
    await this.initial;
    this.startDue();
    if (this.snapshotCache.version !== this.version) {
      const entries = this.feeds.flatMap((feed) => (feed.cidrs ?? []).map((cidr) => ({ cidr, tag: feed.spec.tag })));
      this.snapshotCache = { version: this.version, entries };
    }
    return this.snapshotCache;
  }

  /** Refreshes every feed whose time has come, and waits. */
  async refreshDue(): Promise<void> {
    this.startDue();
    await this.settled();
  }

  /** Waits for refreshes in flight. */
  async settled(): Promise<void> {
    await Promise.all(this.feeds.map((feed) => feed.inflight));
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private startDue(): void {
    const now = this.now();
    for (const feed of this.feeds) {
      if (feed.inflight || now < feed.nextAttemptMs) continue;
      feed.inflight = this.refresh(feed, now).finally(() => {
        feed.inflight = undefined;
      });
    }
  }

  private async refresh(feed: FeedState, now: number): Promise<void> {
    const intervalMs = feed.spec.refreshMinutes * 60_000;
    try {
      feed.nextAttemptMs = feed.cache ? await this.refreshUrl(feed, feed.cache, now) : await this.refreshFile(feed, now);
    } catch (err) {
      feed.nextAttemptMs = now + Math.min(intervalMs, RETRY_AFTER_FAILURE_MINUTES * 60_000);
      this.reportFailure(feed, err);
    }
  }

  /** Returns when to look again. */
  private async refreshUrl(feed: FeedState, cache: FeedCache, now: number): Promise<number> {
    const intervalMs = feed.spec.refreshMinutes * 60_000;
    // A newer copy on disk: ours from before a restart, or another worker process's download.
    const cached = await cache.read();
    if (cached && cached.meta.fetchedAtMs > (feed.copyTimeMs ?? -Infinity)) {
      const parsed = parseFeed(cached.text);
      if (!isGarbled(parsed)) this.use(feed, parsed, cached.meta, 'cache');
    }
    if (feed.copyTimeMs !== undefined && now - feed.copyTimeMs < intervalMs) return feed.copyTimeMs + intervalMs;
    // Conditional only when there is a copy to fall back on: a 304 must mean "keep yours".
    const download = await downloadFeed(feed.spec.url!, {
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: this.options.maxBytes ?? DEFAULT_MAX_BYTES,
      ...(feed.cidrs ? { etag: feed.etag, lastModified: feed.lastModified } : {}),
    });
    if (download.notModified) {
      if (!feed.cidrs) throw new Error('HTTP 304 to an unconditional request');
      feed.copyTimeMs = now;
      await this.store(cache, { source: feed.label, fetchedAtMs: now, etag: feed.etag, lastModified: feed.lastModified });
      return now + intervalMs;
    }
    const meta: CachedFeedMeta = { source: feed.label, fetchedAtMs: now, etag: download.etag, lastModified: download.lastModified };
    const parsed = parseFeed(download.text);
    if (isGarbled(parsed)) throw new Error(`the download is not an IP list (${parsed.cidrs.length} entries, ${parsed.unreadable} unreadable lines)`);
    await this.store(cache, meta, download.text);
    this.use(feed, parsed, meta, 'download');
    return now + intervalMs;
  }

  private async refreshFile(feed: FeedState, now: number): Promise<number> {
    const file = feed.spec.file!;
    const modifiedMs = (await stat(file)).mtimeMs;
    if (feed.cidrs === undefined || modifiedMs !== feed.copyTimeMs) {
      const parsed = parseFeed(await readFile(file, 'utf8'));
      if (isGarbled(parsed)) throw new Error(`the file is not an IP list (${parsed.cidrs.length} entries, ${parsed.unreadable} unreadable lines)`);
      this.use(feed, parsed, { source: file, fetchedAtMs: modifiedMs }, 'file');
    }
    return now + feed.spec.refreshMinutes * 60_000;
  }

  private use(feed: FeedState, parsed: ParsedFeed, meta: CachedFeedMeta, from: 'cache' | 'download' | 'file'): void {
    feed.cidrs = parsed.cidrs;
    feed.copyTimeMs = meta.fetchedAtMs;
    feed.etag = meta.etag;
    feed.lastModified = meta.lastModified;
    this.version++;
    this.options.log.info({ feed: feed.label, tag: feed.spec.tag, entries: parsed.cidrs.length, unreadableLines: parsed.unreadable, from }, 'IP feed loaded');
  }

  /** A copy that cannot be stored is still used; the next restart simply downloads again. */
  private async store(cache: FeedCache, meta: CachedFeedMeta, text?: string): Promise<void> {
    try {
      await cache.write(meta, text);
    } catch (err) {
      this.options.log.warn({ file: cache.file, err: messageOf(err) }, 'cannot keep a copy of the IP feed on disk');
    }
  }

  private reportFailure(feed: FeedState, err: unknown): void {
    const context = { feed: feed.label, tag: feed.spec.tag, err: messageOf(err) };
    if (feed.cidrs) {
      this.options.log.warn({ ...context, copyFrom: new Date(feed.copyTimeMs!).toISOString(), entries: feed.cidrs.length }, 'IP feed refresh failed; keeping the last good copy');
    } else {
      this.options.log.error(context, 'IP feed unavailable and no earlier copy: continuing without it');
    }
  }
}

function safeLabel(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
