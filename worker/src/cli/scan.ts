import { createWriteStream, writeFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { alertJsonLine, type Alert } from '../alerts/alert';
import { defaultConfig, env, loadConfigFile } from '../config';
import { formatForUser, OrgWardenError } from '../errors';
import { createLogger } from '../logger';
import { scan, type ScanResult } from '../pipeline/scan';
import { parseOrgArgument, tokenTarget, type Target } from '../salesforce/targets';
import { connectRedis } from '../state/redis';
import { parseCommandArgs, parseInstant } from './args';

export const SCAN_HELP = `Usage: orgwarden scan --org TARGET [--since ISO] [--until ISO] [--config FILE] [--json FILE|-] [--stats FILE]
       orgwarden scan --instance-url URL --access-token TOKEN [same options]

One pass over every stream in the window (default: each stream's backfill window before the
org's current time), every detection, alerts written back to Warden_Alert__c.

  --org TARGET          sim:DIR (in-process simulated org), or an sf CLI alias/username
  --instance-url URL    with --access-token: an org reached by a session token
  --since, --until ISO  the window (ISO-8601, UTC if no offset)
  --config FILE         JSON or YAML configuration (README "Configuration")
  --json FILE|-         write alerts as JSON lines to FILE, or to stdout with -
  --stats FILE          write {"apiCalls", "streams": {name: {records, skipped, apiCalls}}}
`;

const OPTIONS = {
  org: { type: 'string' },
  'instance-url': { type: 'string' },
  'access-token': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'string' },
  stats: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function scanCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS, SCAN_HELP);
  if (values.help) {
    process.stdout.write(SCAN_HELP);
    return 0;
  }
  const target = targetFrom(values);
  const sinceMs = parseInstant(values.since, '--since');
  const untilMs = parseInstant(values.until, '--until');
  if (sinceMs !== undefined && untilMs !== undefined && sinceMs >= untilMs) {
    throw new OrgWardenError('USAGE', '--since must be before --until');
  }
  const config = values.config ? loadConfigFile(values.config) : defaultConfig();
  const log = createLogger({ level: env.logLevel() });
  const redis: Redis | undefined = target.kind === 'sim' ? undefined : await connectRedis(env.redisUrl() ?? config.redis.url);
  let result: ScanResult;
  try {
    result = await scan({ target, config, log, ...(sinceMs === undefined ? {} : { sinceMs }), ...(untilMs === undefined ? {} : { untilMs }), ...(redis ? { redis } : {}) });
  } finally {
    redis?.disconnect();
  }
  await writeAlerts(result.alerts, values.json);
  if (values.json === undefined) process.stdout.write(streamNotes(result));
  if (values.stats) writeFileSync(values.stats, `${JSON.stringify(result.stats, null, 2)}\n`);
  if (result.writeBackFailures > 0) {
    const codes = [...new Set(result.passes.flatMap((pass) => pass.writeBack.failed.flatMap((f) => f.errors.map((e) => e.statusCode))))];
    const err = new OrgWardenError('WRITE_BACK_FAILED', `${result.writeBackFailures} alert(s) could not be written to Warden_Alert__c (${codes.join(', ')}); they are in the output above`, {
      actions: ['deploy the OrgWarden package (scripts/deploy.sh) and assign Warden_Integration to the service account'],
    });
    process.stderr.write(`${formatForUser(err)}\n`);
    return 1;
  }
  return 0;
}

function targetFrom(values: { org?: string | undefined; 'instance-url'?: string | undefined; 'access-token'?: string | undefined }): Target {
  const url = values['instance-url'];
  const token = values['access-token'];
  if (values.org && (url || token)) throw new OrgWardenError('USAGE', 'give either --org or --instance-url with --access-token, not both');
  if (values.org) return parseOrgArgument(values.org);
  if (url && token) return tokenTarget(url, token);
  throw new OrgWardenError('USAGE', url || token ? '--instance-url and --access-token go together' : 'no org given', {
    actions: ['orgwarden scan --org sim:test/fixtures/acme --json -', 'orgwarden scan --instance-url URL --access-token TOKEN'],
  });
}

async function writeAlerts(alerts: Alert[], destination: string | undefined): Promise<void> {
  if (destination === undefined) {
    process.stdout.write(summary(alerts));
    return;
  }
  const text = alerts.map((alert) => `${alertJsonLine(alert)}\n`).join('');
  if (destination === '-') {
    process.stdout.write(text);
    return;
  }
  const out = createWriteStream(destination);
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(text, resolve);
  });
}

function summary(alerts: Alert[]): string {
  if (alerts.length === 0) return 'No alerts.\n';
  const lines = alerts.map((a) => `${a.severity.toUpperCase().padEnd(7)}${a.policy.padEnd(20)}${a.occurredAt}  ${a.title}`);
  return `${alerts.length} alert(s):\n${lines.join('\n')}\n(use --json - for JSON lines)\n`;
}

/** How each stream read the org, when it has something to say (a learned label, a source the org lacks). */
function streamNotes(result: ScanResult): string {
  const lines: string[] = [];
  for (const pass of result.passes) {
    // Sources that say the same thing (8 real-time objects "not available") make one line.
    const byDetail = new Map<string, string[]>();
    for (const s of pass.statuses) {
      const text = `${s.state === 'ok' ? '' : `${s.state.toUpperCase()} — `}${s.detail}`;
      byDetail.set(text, [...(byDetail.get(text) ?? []), s.source]);
    }
    for (const [detail, sources] of byDetail) lines.push(`  ${pass.stream} (${sources.join(', ')}): ${detail}`);
  }
  return lines.length ? `Streams:\n${lines.join('\n')}\n` : '';
}
