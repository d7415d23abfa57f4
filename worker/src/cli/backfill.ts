import type { OrgConfig } from '../config';
import { defaultConfig, env, loadConfigFile } from '../config';
import { OrgWardenError } from '../errors';
import { createLogger } from '../logger';
import { runBackfill, type StreamOutcome } from '../pipeline/backfill';
import { BackfillProgress } from '../pipeline/backfill-progress';
import { parseOrgArgument } from '../salesforce/targets';
import { connectRedis } from '../state/redis';
import { STREAMS, streamNamed } from '../streams/registry';
import type { StreamDefinition } from '../streams/stream';
import { parseCommandArgs, parseInstant } from './args';
import { formatDuration, ProgressBar } from './progress-bar';

export const BACKFILL_HELP = `Usage: orgwarden backfill --org TARGET --since ISO [--stream S] [--restart] [--config FILE]

Reads an org's streams from --since to the org's current time into the running worker's state:
the same Redis cursors, detection state and API quota figure as "orgwarden run" (unlike scan),
at the lowest quota priority (it stops first when the allocation runs low), writing alerts back.
A stream that already has a cursor continues from it; --restart re-reads it from --since.
Each stream is locked against the worker's jobs while it is read (a job in flight is waited for;
the worker's next poll continues where the backfill stopped). Progress goes to stderr: a bar on
a terminal, a line every 10 s otherwise. Ctrl-C stops after the current page (work done is kept).

  --org TARGET     an org name from --config, sim:DIR, or an sf CLI alias/username
  --since ISO      where to start (ISO-8601, UTC if no offset)
  --stream S       only this stream (${STREAMS.map((s) => s.name).join(', ')})
  --restart        re-read from --since even where a cursor is stored (counts already-seen
                   activity again in per-user baselines; alerts keep their keys)
  --config FILE    the worker's configuration (orgs, Redis URL and key prefix)
`;

const OPTIONS = {
  org: { type: 'string' },
  since: { type: 'string' },
  stream: { type: 'string' },
  restart: { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function backfillCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS, BACKFILL_HELP);
  if (values.help) {
    process.stdout.write(BACKFILL_HELP);
    return 0;
  }
  if (!values.org || !values.since) throw new OrgWardenError('USAGE', 'backfill needs --org TARGET and --since ISO', { actions: ['orgwarden backfill --org prod --since 2026-10-01T00:00:00Z --config orgwarden.yaml'] });
  const sinceMs = parseInstant(values.since, '--since')!;
  if (sinceMs >= Date.now()) throw new OrgWardenError('USAGE', '--since must be in the past');
  const config = values.config ? loadConfigFile(values.config) : defaultConfig();
  const org = orgEntry(config.orgs, values.org);
  const streams = selectStreams(values.stream);
  const progress = new BackfillProgress(org.name, streams.map((s) => s.name));
  const bar = new ProgressBar(progress, process.stderr);
  // Logs go above the bar; info-level pass logs would only repeat what the bar shows.
  const log = createLogger({ level: env.logLevel() === 'info' ? 'warn' : env.logLevel(), destination: { write: (line: string) => bar.above(line) } });
  const redis = await connectRedis(env.redisUrl() ?? config.redis.url, 'worker');
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130); // second Ctrl-C: now (locks expire by themselves within 30 s)
    stopping = true;
    bar.above('stopping after the current page (Ctrl-C again to quit at once) …');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  bar.start();
  let outcomes: StreamOutcome[];
  try {
    outcomes = await runBackfill({ config, org, redis, log, sinceMs, streams, progress, restart: values.restart === true, stopped: () => stopping, note: (text) => bar.above(text) });
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await redis.quit();
  }
  process.stdout.write(summary(outcomes, Date.now() - progress.startedMs));
  if (outcomes.some((o) => o.outcome === 'failed')) return 1;
  return stopping || outcomes.some((o) => o.outcome === 'interrupted') ? 130 : 0;
}

/** An org of the config by name, else a target given on the command line. */
function orgEntry(orgs: readonly OrgConfig[], target: string): OrgConfig {
  const named = orgs.find((org) => org.name === target);
  if (named) return named;
  parseOrgArgument(target); // throws TARGET_INVALID for something that is no target at all
  return { name: target, target };
}

function selectStreams(name: string | undefined): readonly StreamDefinition[] {
  if (name === undefined) return STREAMS;
  const stream = streamNamed(name);
  if (!stream) throw new OrgWardenError('USAGE', `unknown stream "${name}"`, { actions: [`use one of: ${STREAMS.map((s) => s.name).join(', ')}`] });
  return [stream];
}

function summary(outcomes: readonly StreamOutcome[], elapsedMs: number): string {
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
  const lines = outcomes.map((o) => {
    const from = `${iso(o.fromMs)}${o.resumed ? ' (cursor)' : ''}`;
    const what = o.outcome === 'done' ? 'done' : o.outcome === 'interrupted' ? 'interrupted: run backfill again to continue' : `FAILED: ${o.error ?? ''}`;
    const n = (value: number) => value.toLocaleString('en-US');
    return `${o.stream.padEnd(10)}${from} → ${iso(o.untilMs)}  ${n(o.records)} records (${n(o.skipped)} skipped)  ${n(o.alerts)} alerts  ${n(o.apiCalls)} API calls  ${what}`;
  });
  return `${lines.join('\n')}\nbackfill finished in ${formatDuration(elapsedMs)}\n`;
}
