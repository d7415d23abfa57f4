import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Activity } from '../activity/activity';
import { IpFeeds, type IpFeedSpec } from './ip-feeds';
import { IpTags } from './ip-tags';

const HOUR = 3_600_000;

interface LogLine {
  level: number;
  msg: string;
  feed?: string;
  err?: string;
}

function capturingLogger() {
  const lines: LogLine[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { log, lines, warnings: () => lines.filter((l) => l.level === 40), errors: () => lines.filter((l) => l.level === 50) };
}

function activity(ip: string): Activity {
  return { id: ip, source: 'LoginHistory', timeMs: 0, orgId: '00D000000000001', kind: 'login.success', ip, ipTags: [] };
}

async function tagsOf(tags: IpTags, ip: string): Promise<string[]> {
  const a = activity(ip);
  await tags.enrich([a]);
  return a.ipTags;
}

/** A feed server on 127.0.0.1 whose answer each test sets; it records the requests it gets. */
class FeedServer {
  requests: IncomingHttpHeaders[] = [];
  respond: (res: ServerResponse, headers: IncomingHttpHeaders) => void = (res) => res.end('');
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.headers);
      this.respond(res, req.headers);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/exits.txt?key=SECRET`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

describe('IpFeeds from a local file', () => {
  it('merges the file into the tag matcher and re-reads it when it changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-feeds-'));
    const file = join(dir, 'threats.txt');
    writeFileSync(file, '# threat list\n192.0.2.66\n198.51.100.0/24\n');
    let now = 0;
    const { log, warnings } = capturingLogger();
    const feeds = new IpFeeds([{ file, tag: 'suspicious', refreshMinutes: 60 }], { cacheDir: dir, log, now: () => now });
    const tags = new IpTags({ corporate: ['198.51.100.0/25'] }, feeds);

    expect(await tagsOf(tags, '192.0.2.66')).toEqual(['suspicious']);
    expect(await tagsOf(tags, '198.51.100.5')).toEqual(['corporate', 'suspicious']);

    writeFileSync(file, '203.0.113.7\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    now += 2 * HOUR;
    await feeds.refreshDue();
    expect(await tagsOf(tags, '203.0.113.7')).toEqual(['suspicious']);
    expect(await tagsOf(tags, '192.0.2.66')).toEqual([]);

    // A file emptied or overwritten with something else keeps the last good entries.
    writeFileSync(file, '');
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    now += 2 * HOUR;
    await feeds.refreshDue();
    expect(await tagsOf(tags, '203.0.113.7')).toEqual(['suspicious']);
    expect(warnings()).toEqual([expect.objectContaining({ msg: 'IP feed refresh failed; keeping the last good copy', feed: file })]);
  });
});

describe('IpFeeds from a URL', () => {
  const server = new FeedServer();
  let url: string;
  let cacheDir: string;
  let now: number;
  const spec = (): IpFeedSpec => ({ url, tag: 'anonymous', refreshMinutes: 360 });
  const serve = (body: string, etag = '"v1"') => {
    server.respond = (res, headers) => {
      if (headers['if-none-match'] === etag) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('etag', etag);
      res.end(body);
    };
  };

  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'ow-feeds-'));
    now = Date.parse('2026-11-20T00:00:00Z');
    server.requests = [];
  });

  it('downloads on first use, refreshes on schedule with a conditional request, and picks up changes', async () => {
    serve('ExitAddress 192.0.2.10 2026-11-19 23:00:00\nExitAddress 192.0.2.11 2026-11-19 23:10:00\n');
    const { log, lines } = capturingLogger();
    const feeds = new IpFeeds([spec()], { cacheDir, log, now: () => now });
    const tags = new IpTags({}, feeds);

    expect(await tagsOf(tags, '192.0.2.11')).toEqual(['anonymous']);
    expect(server.requests).toHaveLength(1);
    expect(readdirSync(join(cacheDir, 'feeds')).sort()).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.txt$/)]);

    now += HOUR; // not due yet: no request
    await feeds.refreshDue();
    expect(server.requests).toHaveLength(1);

    now += 6 * HOUR; // due: unchanged list → 304, nothing re-parsed
    await feeds.refreshDue();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!['if-none-match']).toBe('"v1"');

    serve('192.0.2.99\n', '"v2"');
    now += 7 * HOUR;
    await feeds.refreshDue();
    expect(await tagsOf(tags, '192.0.2.99')).toEqual(['anonymous']);
    expect(await tagsOf(tags, '192.0.2.11')).toEqual([]);
    // Logs name the feed without its query string (it may hold an API key).
    expect(JSON.stringify(lines)).not.toContain('SECRET');
  });

  it('refreshes in the background: a page never waits for a due download', async () => {
    serve('192.0.2.10\n');
    const feeds = new IpFeeds([spec()], { cacheDir, log: capturingLogger().log, now: () => now });
    const tags = new IpTags({}, feeds);
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);

    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    server.respond = (res) => void held.then(() => res.end('192.0.2.20\n'));
    now += 7 * HOUR;
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']); // starts the refresh
    while (server.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    // The download is under way but held by the server: pages go on with the current list.
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);
    expect(await tagsOf(tags, '192.0.2.20')).toEqual([]);
    release();
    await feeds.settled();
    expect(await tagsOf(tags, '192.0.2.20')).toEqual(['anonymous']);
  });

  it('keeps the last good copy when the URL starts failing or serves garbage', async () => {
    serve('192.0.2.10\n192.0.2.11\n');
    const { log, warnings } = capturingLogger();
    const feeds = new IpFeeds([spec()], { cacheDir, log, now: () => now });
    const tags = new IpTags({}, feeds);
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);

    server.respond = (res) => {
      res.statusCode = 503;
      res.end('down for maintenance');
    };
    now += 7 * HOUR;
    await feeds.refreshDue();
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);

    server.respond = (res) => res.end('<!doctype html>\n<html><body>\n<h1>Captive portal</h1>\n</body></html>\n');
    now += HOUR; // after a failure the next try comes sooner than the schedule
    await feeds.refreshDue();
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);
    expect(server.requests).toHaveLength(3);
    expect(warnings().map((w) => w.err)).toEqual(['HTTP 503', expect.stringMatching(/not an IP list/)]);
  });

  it('starts from the copy on disk after a restart while the URL is down', async () => {
    serve('192.0.2.10\n');
    await new IpFeeds([spec()], { cacheDir, log: capturingLogger().log, now: () => now }).snapshot();

    server.respond = (res) => res.destroy();
    const { log, warnings, errors } = capturingLogger();
    now += 24 * HOUR; // the copy is stale: a download is tried, fails, and the copy is used
    const tags = new IpTags({}, new IpFeeds([spec()], { cacheDir, log, now: () => now }));
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);
    expect(warnings()).toHaveLength(1);
    expect(errors()).toHaveLength(0);
  });

  it('uses a fresh copy on disk without downloading (another worker process fetched it)', async () => {
    serve('192.0.2.10\n');
    await new IpFeeds([spec()], { cacheDir, log: capturingLogger().log, now: () => now }).snapshot();
    now += HOUR;
    const tags = new IpTags({}, new IpFeeds([spec()], { cacheDir, log: capturingLogger().log, now: () => now }));
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);
    expect(server.requests).toHaveLength(1);
  });

  it('logs an error and carries on without a feed that never loaded, then loads it when it comes back', async () => {
    server.respond = (res) => {
      res.statusCode = 404;
      res.end();
    };
    const { log, errors } = capturingLogger();
    const feeds = new IpFeeds([spec(), { file: join(cacheDir, 'missing.txt'), tag: 'risky', refreshMinutes: 60 }], { cacheDir, log, now: () => now });
    const tags = new IpTags({ corporate: ['203.0.113.0/24'] }, feeds);
    expect(await tagsOf(tags, '203.0.113.1')).toEqual(['corporate']);
    expect(await tagsOf(tags, '192.0.2.10')).toEqual([]);
    expect(errors().map((e) => e.msg)).toEqual(['IP feed unavailable and no earlier copy: continuing without it', 'IP feed unavailable and no earlier copy: continuing without it']);

    serve('192.0.2.10\n');
    now += 20 * 60_000; // failed feeds are retried after 15 minutes
    await feeds.refreshDue();
    expect(await tagsOf(tags, '192.0.2.10')).toEqual(['anonymous']);
  });

  it('refuses a download larger than the limit', async () => {
    serve(`${'192.0.2.1\n'.repeat(1000)}`);
    const { log, errors } = capturingLogger();
    const tags = new IpTags({}, new IpFeeds([spec()], { cacheDir, log, now: () => now, maxBytes: 1000 }));
    expect(await tagsOf(tags, '192.0.2.1')).toEqual([]);
    expect(errors()[0]!.err).toMatch(/larger than 1000 bytes/);
  });
});
