/**
 * `orgwarden sim generate --users N --days D --seed S --out DIR` (DESIGN §4.1): writes a
 * realistic fixture org with planted attacks and `DIR/labels.json`. Exit codes: 0 written,
 * 2 bad input (the message says what to fix).
 */
import { parseArgs } from 'node:util';
import { generateOrg } from '../sim/generate/generate';
import { resolveOptions, MIN_DAYS, MIN_USERS } from '../sim/generate/options';

export const SIM_GENERATE_HELP = `Usage: orgwarden sim generate --users N --days D --seed S --out DIR [options]

Write a fixture org (org.json, records/, eventlogs/, security/) with realistic activity of N
people over D days and planted attacks on every detection policy, plus DIR/labels.json listing
each attack and its benign look-alike. The same seed always gives the same bytes.

Options:
  --users N                 people in the org (${MIN_USERS} or more)
  --days D                  days of activity (${MIN_DAYS} or more: baselines learn for 7 days first)
  --seed S                  any text
  --out DIR                 where to write (must not exist, or be empty)
  --start YYYY-MM-DD        first generated UTC day (default 2026-11-02)
  --now ISO                 the org's clock in org.json (default: end of the period)
  --edition NAME            org.json edition (default "Enterprise Edition")
  --event-monitoring LEVEL  shield (hourly + daily event logs, Real-Time Event Monitoring
                            storage and threat events), free (daily files of the free event
                            types) or none (default shield)
  --language CODE           the org's default language (default en_US)
  -h, --help                show this help

Then: orgwarden sim --data DIR   or   orgwarden scan --org sim:DIR --config DIR/orgwarden.yaml
`;

export interface SimGenerateIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const processIo: SimGenerateIo = { stdout: process.stdout, stderr: process.stderr };

const OPTIONS = {
  users: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, start: { type: 'string' },
  now: { type: 'string' }, edition: { type: 'string' }, 'event-monitoring': { type: 'string' }, language: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function fail(io: SimGenerateIo, message: string): number {
  io.stderr.write(`orgwarden sim generate: ${message}\n`);
  return 2;
}

export async function simGenerateCommand(argv: string[], io: SimGenerateIo = processIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    return fail(io, `${(err as Error).message}\n\n${SIM_GENERATE_HELP}`);
  }
  if (values.help) {
    io.stdout.write(SIM_GENERATE_HELP);
    return 0;
  }
  const { options, problems } = resolveOptions({
    users: values.users, days: values.days, seed: values.seed, out: values.out, start: values.start, now: values.now,
    edition: values.edition, eventMonitoring: values['event-monitoring'], language: values.language,
  });
  if (problems.length > 0) return fail(io, `${problems.join('\n')}\n\nRun "orgwarden sim generate --help" for the options.`);
  const started = Date.now();
  const result = generateOrg(options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const rows = Object.values(result.eventLogRows).reduce((a, b) => a + b, 0);
  io.stdout.write(
    `wrote ${options.outDir}: ${options.users} users, ${options.days} days, ${result.attacks} planted attacks (labels.json), ` +
      `${Object.values(result.records).reduce((a, b) => a + b, 0)} records, ${rows} event log rows in ${result.eventLogFiles} files ` +
      `(${(result.eventLogBytes / 1e6).toFixed(1)} MB) in ${seconds} s\n`,
  );
  return 0;
}
