/**
 * Error responses as Salesforce sends them when something between the client and the org fails.
 *
 * - The app server answers in its usual envelope: REST `[{"message","errorCode"}]`
 *   (500 UNKNOWN_EXCEPTION with an ErrorId, 503 SERVER_UNAVAILABLE), OAuth endpoints
 *   `{"error","error_description"}`. Those calls reached the org, so a REST one is counted
 *   against the allocation and carries `Sforce-Limit-Info`.
 * - Salesforce Edge (the CDN in front of every My Domain) answers 420 (no routing information for
 *   the host), 429, 502, 504 and maintenance 503s with an HTML page, `Content-Type: text/html`
 *   exactly — jsforce then reports "HTTP response contains html content" with `ERROR_HTTP_<status>`.
 *   Nothing reached the org, so nothing is counted.
 */
import type { ApiUsage } from '../api/api-usage';
import { JSON_TYPE, type Exchange } from '../http/send';
import type { RuleOf } from './fault-config';
import type { RouteName } from './request-routes';
import { SeededRandom } from './seeded-random';

interface StatusDefaults {
  body: 'json' | 'html';
  title: string;
  /** Sentence on the Edge page (html) or message of the 503 (json). */
  text: string;
}

const DEFAULTS: Record<number, StatusDefaults> = {
  420: { body: 'html', title: 'Salesforce Edge', text: "Salesforce Edge doesn't have routing information available for this request host." },
  429: { body: 'html', title: 'Too Many Requests', text: 'Too many requests are being sent to this host.' },
  500: { body: 'json', title: 'Internal Server Error', text: 'An unexpected error occurred.' },
  502: { body: 'html', title: 'Bad Gateway', text: "We've hit a snag: the server did not answer in time." },
  503: { body: 'json', title: 'Service Unavailable', text: 'The server is temporarily unavailable (maintenance or overload). Please try again later.' },
  504: { body: 'html', title: 'Gateway Timeout', text: "We've hit a snag: the server took too long to answer." },
};

export interface ErrorContext {
  seed: string;
  /** The rule's n-th strike: ErrorIds and Edge ids are drawn from it. */
  strike: number;
  tags: readonly RouteName[];
  /** Simulated time, shown on Edge pages as Salesforce Edge shows its own. */
  now: Date;
  usage: ApiUsage;
}

function hex(random: SeededRandom, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += random.int(16).toString(16);
  return out;
}

/** Salesforce's ErrorId shape: `<digits>-<digits> (<negative digits>)`. */
function errorId(random: SeededRandom): string {
  return `${1_000_000_000 + random.int(1_000_000_000)}-${10_000 + random.int(90_000)} (-${1_000_000_000 + random.int(1_000_000_000)})`;
}

function edgePage(status: number, d: StatusDefaults, random: SeededRandom, now: Date): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${status} ${d.title}</title></head><body>`,
    `<div class="interstitial"><h3>${d.text}</h3>`,
    '<p>If it takes too long, please contact support or visit our <a href="https://status.salesforce.com/">status page</a> for more information.</p></div>',
    `<footer><p class="origin-p">Salesforce Edge:</p><p class="origin-p">${hex(random, 32)};${now.toISOString().slice(0, 19)}+00:00;</p></footer>`,
    '</body></html>',
  ].join('\n');
}

function jsonBody(rule: RuleOf<'http-error'>, oauth: boolean, random: SeededRandom): { body: unknown; errorCode: string } {
  const d = DEFAULTS[rule.status];
  const errorCode = rule.errorCode ?? (rule.status === 500 ? 'UNKNOWN_EXCEPTION' : 'SERVER_UNAVAILABLE');
  const message = rule.message ?? (rule.status === 500 ? `${d?.text} Please include this ErrorId if you contact support: ${errorId(random)}` : (d?.text ?? errorCode));
  // The OAuth endpoints' generic failure (Salesforce's OAuth error list: "unknown_error — retry your request").
  if (oauth) return { body: { error: rule.errorCode ?? 'unknown_error', error_description: rule.message ?? 'retry your request' }, errorCode };
  return { body: [{ message, errorCode }], errorCode };
}

/** Sends the rule's error response; returns the errorCode (JSON) for the request log. */
export function sendHttpError(ex: Exchange, rule: RuleOf<'http-error'>, ctx: ErrorContext): string | undefined {
  const random = new SeededRandom(ctx.seed, rule.id, ctx.strike);
  const d = DEFAULTS[rule.status] ?? { body: 'json', title: `HTTP ${rule.status}`, text: `HTTP ${rule.status}` };
  const html = (rule.body ?? d.body) === 'html';
  const headers: Record<string, string> = rule.retryAfterSeconds ? { 'Retry-After': String(rule.retryAfterSeconds) } : {};
  if (html) {
    const page = Buffer.from(edgePage(rule.status, d, random, ctx.now), 'utf8');
    ex.res.writeHead(rule.status, { ...headers, 'Content-Type': 'text/html', 'Content-Length': String(page.length) });
    ex.res.end(page);
    return undefined;
  }
  const { body, errorCode } = jsonBody(rule, ctx.tags.includes('oauth'), random);
  if (ctx.tags.includes('data')) {
    ctx.usage.tryConsume();
    headers['Sforce-Limit-Info'] = ctx.usage.header();
  }
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  ex.res.writeHead(rule.status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(payload.length) });
  ex.res.end(payload);
  return errorCode;
}
