#!/usr/bin/env node
'use strict';
// Micro-benchmark of the IP enrichers (geo, ASN, IP tags): load time and memory of each
// database, then the cost per activity on event-log-sized pages, cold (every address new) and
// warm (addresses repeat, as a day of an org's logs does). Prints figures; asserts nothing.
//
//   npm run build && node --expose-gc scripts/bench-enrichment.js [activities] [distinctIps]
const { readFileSync, writeFileSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'worker', 'src', 'enrichment');
const { GeoIp } = require(join(dist, 'geo-ip.js'));
const { AsnEnricher } = require(join(dist, 'asn.js'));
const { IpTags } = require(join(dist, 'ip-tags.js'));
const { IpFeeds } = require(join(dist, 'ip-feeds.js'));
const { BUNDLED_DATA } = require(join(dist, 'bundled-data.js'));
const { silentLogger } = require(join(dist, '..', 'logger.js'));

const ACTIVITIES = Number(process.argv[2] ?? 1_000_000);
const DISTINCT = Number(process.argv[3] ?? 20_000);
const PAGE = 5_000;
const V6_SHARE = 0.15;

let seed = 0x5eed;
function random() {
  // mulberry32: the same addresses on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

/** Addresses inside real announced ranges (so lookups hit), drawn from the ASN table itself. */
function addressPool(count) {
  const v4Rows = readFileSync(BUNDLED_DATA.asnIpv4().replace('.csv', '-num.csv'), 'utf8').split('\n').filter(Boolean);
  const v6Rows = readFileSync(BUNDLED_DATA.asnIpv6(), 'utf8').split('\n').filter(Boolean);
  const pool = [];
  for (let i = 0; i < count; i++) {
    if (random() < V6_SHARE) {
      const prefix = pick(v6Rows).split(',')[0].replace(/::$/, '');
      const groups = prefix.split(':');
      while (groups.length < 7) groups.push('0');
      pool.push([...groups.slice(0, 7), Math.floor(random() * 65536).toString(16)].join(':'));
    } else {
      const [start, end] = pick(v4Rows).split(',').map(Number);
      const ip = start + Math.floor(random() * (end - start + 1));
      pool.push([ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.'));
    }
  }
  return pool;
}

/** One page of activities at a time, as a stream pass holds them (then drops them). */
function* pages(pool) {
  for (let done = 0; done < ACTIVITIES; done += PAGE) {
    const page = [];
    for (let i = 0; i < PAGE && done + i < ACTIVITIES; i++) page.push({ id: String(done + i), source: 'ELF:URI', timeMs: 0, orgId: '00D', kind: 'api.query', ip: pick(pool), ipTags: [] });
    yield page;
  }
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage();
}

async function measureLoad(name, load) {
  const before = await settledMemory();
  const started = process.hrtime.bigint();
  await load();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const after = await settledMemory();
  const live = after.heapUsed - before.heapUsed + (after.external - before.external);
  console.log(`load ${name.padEnd(26)} ${ms.toFixed(0).padStart(5)} ms   live +${mb(live)}   rss +${mb(after.rss - before.rss)}`);
}

/** Times each enricher on the same pages, in chain order; only the `enrich` calls are timed. */
async function timeChain(chain, pool) {
  const ns = chain.map(() => 0n);
  for (const page of pages(pool)) {
    for (const [i, [, enricher]] of chain.entries()) {
      const started = process.hrtime.bigint();
      await enricher.enrich(page);
      ns[i] += process.hrtime.bigint() - started;
    }
  }
  const perActivity = ns.map((total) => Number(total) / ACTIVITIES);
  chain.forEach(([name], i) => line(name, perActivity[i]));
  if (chain.length > 1) line('all', perActivity.reduce((a, b) => a + b, 0));
}

function line(name, ns) {
  console.log(`  ${name.padEnd(10)} ${ns.toFixed(0).padStart(6)} ns/activity   ${(1e9 / ns / 1e6).toFixed(2)} M activities/s`);
}

function feedFile(count) {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-'));
  const file = join(dir, 'feed.txt');
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(`${Math.floor(random() * 223) + 1}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`);
  writeFileSync(file, `# bench feed\n${lines.join('\n')}\n`);
  return { dir, file };
}

async function main() {
  if (!global.gc) console.log('(run with --expose-gc for steadier memory figures)');
  console.log(`node ${process.version}; ${ACTIVITIES.toLocaleString()} activities in pages of ${PAGE}, ${DISTINCT.toLocaleString()} distinct addresses (${V6_SHARE * 100}% IPv6)\n`);
  const pool = addressPool(DISTINCT);
  const geo = new GeoIp();
  const asn = new AsnEnricher();
  const feed = feedFile(10_000);
  const feeds = new IpFeeds([{ file: feed.file, tag: 'suspicious', refreshMinutes: 360 }], { cacheDir: feed.dir, log: silentLogger() });
  const tags = new IpTags({ corporate: ['203.0.113.0/24', '10.0.0.0/8', '2001:db8::/32'], vpn: ['198.51.100.0/24'], risky: pool.slice(0, 200).map((ip) => (ip.includes(':') ? `${ip}/128` : `${ip}/32`)) }, feeds);

  await measureLoad('geo DB-IP city IPv4', () => geo.enrich([{ ip: '8.8.8.8', ipTags: [] }]));
  await measureLoad('geo DB-IP city IPv6', () => geo.enrich([{ ip: '2001:4860::1', ipTags: [] }]));
  await measureLoad('asn IPv4 (411k ranges)', () => asn.enrich([{ ip: '8.8.8.8', ipTags: [] }]));
  await measureLoad('asn IPv6 (103k ranges)', () => asn.enrich([{ ip: '2001:4860::1', ipTags: [] }]));
  await measureLoad('tags: 10k-entry feed + CIDRs', () => tags.enrich([{ ip: '8.8.8.8', ipTags: [] }]));

  for (const pass of ['cold', 'warm']) {
    console.log(`\n${pass === 'cold' ? 'cold: first sight of each address (caches empty)' : 'warm: the same addresses again'}`);
    await timeChain([['geo', geo], ['asn', asn], ['ip tags', tags]], pool);
  }
  const fresh = [new GeoIp({ cacheEntries: 1000 }), new AsnEnricher()];
  console.log('\nworst case: every activity a new address (caches never hit)');
  for (const enricher of fresh) await enricher.enrich([{ ip: '8.8.8.8', ipTags: [] }, { ip: '2001:4860::1', ipTags: [] }]);
  await timeChain([['geo', fresh[0]], ['asn', fresh[1]]], addressPool(Math.min(ACTIVITIES, 1_000_000)));
  const rss = (await settledMemory()).rss;
  console.log(`\nprocess rss at the end: ${mb(rss)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
