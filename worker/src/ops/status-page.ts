/**
 * The status preview on the ops server (README "Status component"): `/status` is a page that
 * runs the org package's `wardenStatus` component (compiled by scripts/build-status-preview.js,
 * styled with SLDS), `/status/graphql` answers its query from the org's records
 * (status-graphql.ts), `/status/assets/*` serves the build. Registered inside the ops server, so
 * the same credentials guard every route. Several orgs: `?org=NAME` (default: the first).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from '../logger';
import { projectRoot } from '../paths';
import type { OrgClient } from '../salesforce/org-client';
import { readStatusRows, STATUS_OPERATION, toGraphQLData, type StatusRows } from './status-graphql';

export const STATUS_PATH = '/status';

export interface StatusPageOptions {
  /** Config names of the orgs, in config order. */
  orgs: readonly string[];
  clientFor(org: string): Promise<OrgClient>;
  log: Logger;
  /** How long one org's answer is reused (each read costs 6 API calls). */
  cacheMs?: number;
  /** Give up on the org after this long (the quota governor may hold the calls at the reserve). */
  timeoutMs?: number;
  /** The build (default dist/status-preview). */
  assetsDir?: string;
  /** Rows source (tests); default: the org through clientFor. */
  readRows?: (org: string) => Promise<StatusRows>;
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
// Synthetic shadow puts each component's styles in <style> elements: inline styles are needed.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const LINKED_OBJECTS = new Set(['Warden_Alert__c', 'Warden_Status__c']);

export function registerStatusPage(app: FastifyInstance, options: StatusPageOptions): void {
  const assetsDir = options.assetsDir ?? join(projectRoot(), 'dist', 'status-preview');
  const assets = listAssets(assetsDir);
  const cache = new Map<string, { atMs: number; rows: Promise<StatusRows> }>();
  const cacheMs = options.cacheMs ?? 15_000;
  const readRows = options.readRows ?? (async (org: string) => readStatusRows(await options.clientFor(org)));

  const orgOf = (query: unknown): string | undefined => {
    const requested = (query as { org?: unknown }).org;
    if (requested === undefined || requested === '') return options.orgs[0];
    return typeof requested === 'string' && options.orgs.includes(requested) ? requested : undefined;
  };

  app.get(STATUS_PATH, async (request, reply) => {
    secure(reply);
    if (!assets.has('main.js')) {
      return reply.code(503).type('text/plain').send('the status preview is not built: run "npm run build" in the OrgWarden checkout, then restart the worker\n');
    }
    const org = orgOf(request.query);
    if (!org) return reply.code(404).type('text/plain').send(unknownOrg(request.query, options.orgs));
    return reply.type('text/html; charset=utf-8').send(pageHtml(org, options.orgs));
  });

  app.get(`${STATUS_PATH}/graphql`, async (request, reply) => {
    secure(reply);
    const org = orgOf(request.query);
    if (!org) return reply.code(404).send({ errors: [{ message: unknownOrg(request.query, options.orgs).trim() }] });
    const operation = (request.query as { operation?: unknown }).operation;
    if (operation !== STATUS_OPERATION) {
      return reply.code(400).send({ errors: [{ message: `the status preview answers the ${STATUS_OPERATION} query only, not "${String(operation)}"` }] });
    }
    try {
      const rows = await withTimeout(cached(cache, org, cacheMs, () => readRows(org)), options.timeoutMs ?? 20_000);
      return reply.send({ data: toGraphQLData(rows) });
    } catch (err) {
      cache.delete(org);
      options.log.warn({ err, org }, 'status preview: could not read the status records');
      const message = err instanceof Error ? err.message : String(err);
      return reply.code(502).send({ errors: [{ message: `OrgWarden could not read the status records of org "${org}": ${message}` }] });
    }
  });

  app.get(`${STATUS_PATH}/assets/*`, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const file = assets.get(name);
    if (!file) return reply.code(404).type('text/plain').send('not found\n');
    // Chunk names carry a content hash; main.js and the stylesheet change with each build.
    reply.header('cache-control', name.startsWith('chunks/') ? 'private, max-age=31536000, immutable' : 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
    return reply.type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream').send(readFileSync(file));
  });

  // The component links alerts to their Lightning record pages (/lightning/r/…): on the preview
  // those paths land here, and go on to the org the page was showing.
  app.get('/lightning/r/:sobject/:id/view', async (request, reply) => {
    const { sobject, id } = request.params as { sobject: string; id: string };
    if (!LINKED_OBJECTS.has(sobject) || !RECORD_ID.test(id)) return reply.code(404).type('text/plain').send('not found\n');
    const org = refererOrg(request.headers.referer, options.orgs) ?? options.orgs[0];
    if (!org) return reply.code(404).type('text/plain').send('no org configured\n');
    const client = await options.clientFor(org);
    return reply.redirect(`${client.instanceUrl}/lightning/r/${sobject}/${id}/view`);
  });
}

function secure(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store').header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');
}

function unknownOrg(query: unknown, orgs: readonly string[]): string {
  return `unknown org "${String((query as { org?: unknown }).org)}": this worker watches ${orgs.map((org) => `"${org}"`).join(', ')}\n`;
}

function refererOrg(referer: string | undefined, orgs: readonly string[]): string | undefined {
  if (!referer) return undefined;
  try {
    const org = new URL(referer).searchParams.get('org');
    return org !== null && orgs.includes(org) ? org : undefined;
  } catch {
    return undefined;
  }
}

function cached<T>(cache: Map<string, { atMs: number; rows: Promise<T> }>, org: string, cacheMs: number, read: () => Promise<T>): Promise<T> {
  const hit = cache.get(org);
  if (hit && Date.now() - hit.atMs < cacheMs) return hit.rows;
  const rows = read();
  cache.set(org, { atMs: Date.now(), rows });
  return rows;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s (the org is slow, or its API allocation is at the reserve)`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Every file of the build, by its path under the folder: nothing else can be requested. */
function listAssets(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (CONTENT_TYPES[extname(entry)]) files.set(relative(dir, path).split(sep).join('/'), path);
    }
  };
  walk(dir);
  return files;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function pageHtml(org: string, orgs: readonly string[]): string {
  const others = orgs.length > 1
    ? `<nav class="slds-text-body_small slds-m-bottom_small" aria-label="Orgs">Org: ${orgs
        .map((name) => (name === org ? `<strong>${escapeHtml(name)}</strong>` : `<a href="status?org=${encodeURIComponent(name)}">${escapeHtml(name)}</a>`))
        .join(' · ')}</nav>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OrgWarden status · ${escapeHtml(org)}</title>
<link rel="stylesheet" href="status/assets/slds.min.css">
<link rel="stylesheet" href="status/assets/page.css">
</head>
<body class="slds-scope">
<main class="orgwarden-status-page slds-p-around_medium">
${others}<div id="warden-status"></div>
<p class="slds-text-body_small slds-text-color_weak slds-m-top_small">Preview of the OrgWarden Status component, served by the worker from org "${escapeHtml(org)}". Alert links open the record in the org.</p>
</main>
<script type="module" src="status/assets/main.js"></script>
</body>
</html>
`;
}
