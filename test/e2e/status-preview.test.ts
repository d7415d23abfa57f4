/**
 * The status component outside Salesforce, as an operator opens it: `orgwarden run` against the
 * simulated Acme org serves /status behind its basic-auth password; headless Chromium logs in,
 * the page renders the org package's wardenStatus component (LWC OSS + lightning-base-components,
 * SLDS) from the records the worker wrote into the org, and a screenshot is saved.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser } from 'playwright-core';
import { ACME, ROOT } from '../helpers/cli';
import { startWorker, type WorkerProcess } from '../helpers/worker-process';
import { waitFor } from '../helpers/wait-for';

const CHROMIUM = '/usr/bin/chromium';
// MEASURED.md "LWC outside Salesforce": the flags Debian's chromium needs here.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const PASSWORD = randomUUID();
const dir = mkdtempSync(join(tmpdir(), 'ow-status-preview-'));
const SCREENSHOT = join(dir, 'status-preview.png');

interface Edge<T> {
  node: T;
}
type Field = { value: unknown };
interface StatusData {
  uiapi: {
    query: { streams: { edges: Edge<{ Stream__c: Field }>[] }; workers: { edges: Edge<unknown>[] }; Warden_Alert__c: { edges: Edge<{ Id: string; Name: Field }>[] } };
    aggregate: { Warden_Alert__c: { edges: Edge<{ aggregate: { Severity__c: Field; Id: { count: Field } } }>[] } };
  };
}

const available = existsSync(CHROMIUM);
if (!available) process.stderr.write(`status-preview e2e skipped: ${CHROMIUM} is not installed (apt-get install chromium)\n`);
const test = available ? it : it.skip;

let worker: WorkerProcess | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

test(`renders the status component from the simulated org's records, styled with SLDS${available ? '' : ` (skipped: ${CHROMIUM} missing)`}`, async () => {
  expect(existsSync(join(ROOT, 'dist', 'status-preview', 'main.js'))).toBe(true); // npm test builds it
  const config = join(dir, 'config.json');
  const ops = { port: 0, basicAuth: { username: 'ops', passwordEnv: 'OW_TEST_STATUS_PASSWORD' } };
  writeFileSync(config, JSON.stringify({ orgs: [{ name: 'acme', target: `sim:${ACME}` }], redis: { keyPrefix: KEY_PREFIX }, ops }));
  worker = startWorker(config, { OW_TEST_STATUS_PASSWORD: PASSWORD });
  const served = await worker.waitForLog('the ops server', (line) => line.msg === 'dashboard and metrics served', 60_000);
  const statusUrl = String(served.status);
  expect(statusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status$/);

  // Unauthenticated: nothing.
  expect((await fetch(statusUrl)).status).toBe(401);
  // The worker writes its status records (10 s batching) and alerts after the first passes.
  const authorization = `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`;
  const data = await waitFor(
    'status records and alerts in the simulated org',
    async () => {
      const response = await fetch(`${statusUrl}/graphql?operation=wardenStatus`, { headers: { authorization } });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { data?: StatusData };
      const query = body.data?.uiapi.query;
      return query && query.streams.edges.length >= 3 && query.workers.edges.length > 0 && query.Warden_Alert__c.edges.length > 0 ? body.data : undefined;
    },
    { timeoutMs: 120_000, everyMs: 2_000 },
  );
  const streamNames = data.uiapi.query.streams.edges.map(({ node }) => String(node.Stream__c.value));
  const counts = new Map(data.uiapi.aggregate.Warden_Alert__c.edges.map(({ node }) => [String(node.aggregate.Severity__c.value), Number(node.aggregate.Id.count.value)]));
  const firstAlert = data.uiapi.query.Warden_Alert__c.edges[0]!.node;

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ httpCredentials: { username: 'ops', password: PASSWORD }, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(statusUrl);

  // Queries start at the component: under synthetic shadow, the base card's own elements do not
  // list the panel's content it slots (each component's querySelectorAll keeps to what it owns).
  const panel = page.locator('c-warden-status');
  const card = panel.locator('article.slds-card');
  await panel.getByText('Open alerts by severity').waitFor({ timeout: 30_000 });
  expect(await card.locator('.slds-card__header-title').innerText()).toBe('OrgWarden');
  expect(await panel.locator('.heartbeat-message').innerText()).toMatch(/^1 worker running, heartbeat every \d+ min\.$/);
  expect(await panel.locator('.stream-name').allInnerTexts()).toEqual(streamNames);
  expect(streamNames).toEqual(expect.arrayContaining(['audit', 'logins']));
  const badges = await panel.locator('lightning-badge[data-severity]').allInnerTexts();
  expect(badges.map((text) => text.trim())).toEqual(['High', 'Medium', 'Low'].map((severity) => `${severity}: ${counts.get(severity) ?? 0}`));
  const link = panel.locator('a.alert-link').first();
  expect(await link.innerText()).toBe(String(firstAlert.Name.value));
  expect(await link.getAttribute('href')).toBe(`/lightning/r/Warden_Alert__c/${firstAlert.Id}/view`);
  expect(await panel.locator('.api-used').innerText()).toMatch(/^[\d,]+ of 15,000 daily API calls used \(\d+%\)$/);
  expect(await panel.locator('.slds-progress-bar').getAttribute('aria-valuenow')).toMatch(/^\d+$/);

  // SLDS is applied as in Lightning: the card is a white, rounded box and the badges are pills.
  const style = await card.evaluate((el) => {
    const s = el.ownerDocument.defaultView!.getComputedStyle(el);
    return { background: s.backgroundColor, radius: s.borderTopLeftRadius };
  });
  expect(style.background).toBe('rgb(255, 255, 255)');
  expect(style.radius).not.toBe('0px');
  // The card header icon is drawn (lightning-icon's inline SVG templates).
  expect(await card.locator('.slds-card__header').locator('svg').count()).toBeGreaterThan(0);
  expect(pageErrors).toEqual([]);

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  const png = readFileSync(SCREENSHOT);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.readUInt32BE(16)).toBe(1000); // IHDR width: the viewport
  expect(png.readUInt32BE(20)).toBeGreaterThan(400); // a whole panel, not an empty page
  expect(png.length).toBeGreaterThan(30_000);
  process.stderr.write(`status preview screenshot: ${SCREENSHOT}\n`);
}, 240_000);
