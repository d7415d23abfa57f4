/**
 * `npm run eval -- [--users N] [--days D] [--seed S[,S…]] [--keep DIR] [--json FILE]`: how good the
 * detections are, measured. For each seed: generate a simulated org with planted attacks and
 * benign look-alikes (`orgwarden sim generate`), scan the whole period with the generated
 * `orgwarden.yaml` (every stream, every policy), and score the alerts against `labels.json`
 * (worker/src/eval/label-match.ts). Prints per-policy recall and precision over all seeds, the
 * alerts on users nobody attacked (per 100 benign users per week), every missed attack and every
 * false alert; exits 1 when a target is missed (DESIGN / issue 5: recall ≥ 0.95, precision ≥ 0.9
 * per policy, ≤ 1 alert per 100 benign users per week).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfigFile } from '../worker/src/config';
import { POLICIES } from '../worker/src/detections/registry';
import { combine, precision, recall, score, type EvalScore, type LabelsFile, type ScoredAlert } from '../worker/src/eval/label-match';
import { createLogger } from '../worker/src/logger';
import { scan } from '../worker/src/pipeline/scan';
import { generateOrg } from '../worker/src/sim/generate/generate';
import { resolveOptions } from '../worker/src/sim/generate/options';

const TARGET_RECALL = 0.95;
const TARGET_PRECISION = 0.9;
const TARGET_BENIGN_PER_100_WEEK = 1;

interface Args {
  users: string;
  days: string;
  seeds: string[];
  keep?: string;
  json?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { users: '500', days: '30', seeds: ['1', '2', '3'] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value; usage: npm run eval -- [--users N] [--days D] [--seed S[,S…]] [--keep DIR] [--json FILE]`);
    i += 1;
    if (flag === '--users') args.users = value;
    else if (flag === '--days') args.days = value;
    else if (flag === '--seed' || flag === '--seeds') args.seeds = value.split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '--keep') args.keep = value;
    else if (flag === '--json') args.json = value;
    else throw new Error(`unknown option ${flag}; usage: npm run eval -- [--users N] [--days D] [--seed S[,S…]] [--keep DIR] [--json FILE]`);
  }
  if (args.seeds.length === 0) throw new Error('--seed needs at least one seed');
  return args;
}

async function runSeed(args: Args, seed: string, root: string): Promise<EvalScore> {
  const out = path.join(root, `seed-${seed}`);
  const { options, problems } = resolveOptions({ users: args.users, days: args.days, seed, out });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const started = Date.now();
  generateOrg(options);
  const generatedMs = Date.now() - started;
  const config = loadConfigFile(path.join(out, 'orgwarden.yaml'));
  const log = createLogger({ level: 'warn' });
  const result = await scan({ target: { kind: 'sim', dir: out }, config, log, sinceMs: options.startMs, untilMs: options.nowMs });
  const labels = JSON.parse(readFileSync(path.join(out, 'labels.json'), 'utf8')) as LabelsFile;
  const users = (JSON.parse(readFileSync(path.join(out, 'records', 'User.json'), 'utf8')) as Array<{ Id: string; UserType?: string }>)
    .filter((u) => (u.UserType ?? 'Standard') === 'Standard')
    .map((u) => u.Id);
  const alerts: ScoredAlert[] = result.alerts.map((a) => ({
    policy: a.policy,
    occurredAt: a.occurredAt,
    key: a.key,
    title: a.title,
    ...(a.userId ? { userId: a.userId } : {}),
    ...(a.ip ? { ip: a.ip } : {}),
  }));
  writeFileSync(path.join(out, 'alerts.jsonl'), result.alerts.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const s = score(alerts, labels, POLICIES.map((p) => p.meta.id), users);
  process.stderr.write(`seed ${seed}: generated in ${(generatedMs / 1000).toFixed(1)} s, scanned in ${((Date.now() - started - generatedMs) / 1000).toFixed(1)} s, ${alerts.length} alerts, ${labels.attacks.length} attacks\n`);
  return s;
}

function pad(text: string | number, width: number): string {
  const s = String(text);
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function report(total: EvalScore, args: Args): boolean {
  const weeks = Number(args.days) / 7;
  const benignRate = total.benignUsers === 0 ? 0 : total.benignUserAlerts / (total.benignUsers / 100) / weeks;
  const lines: string[] = [];
  lines.push(`${pad('policy', 34)}${pad('attacks', 9)}${pad('found', 7)}${pad('recall', 8)}${pad('alerts', 8)}${pad('precision', 11)}${pad('look-alike', 12)}${pad('unexplained', 13)}benign-user`);
  let ok = true;
  for (const p of total.policies) {
    const r = recall(p);
    const pr = precision(p);
    const miss = (p.attacks > 0 && r < TARGET_RECALL) || pr < TARGET_PRECISION;
    if (miss) ok = false;
    lines.push(`${pad(p.policy, 34)}${pad(p.attacks, 9)}${pad(p.detected, 7)}${pad(r.toFixed(2), 8)}${pad(p.alerts, 8)}${pad(pr.toFixed(2), 11)}${pad(p.lookAlikeHits, 12)}${pad(p.unexplained, 13)}${p.benignUserAlerts}${miss ? '   <- below target' : ''}`);
  }
  if (benignRate > TARGET_BENIGN_PER_100_WEEK) ok = false;
  lines.push('');
  lines.push(`benign users ${total.benignUsers} (over ${args.seeds.length} seed(s)), alerts on them ${total.benignUserAlerts}: ${benignRate.toFixed(2)} per 100 benign users per week (target ≤ ${TARGET_BENIGN_PER_100_WEEK})`);
  if (total.misses.length) lines.push(`missed attacks: ${total.misses.map((m) => m.label).join(', ')}`);
  for (const fp of total.falsePositives.slice(0, 40)) lines.push(`false alert: ${fp.policy} ${fp.occurredAt} ${fp.userId ?? fp.ip ?? ''} ${fp.explainedBy ? `(look-alike ${fp.explainedBy})` : '(unexplained)'} ${fp.title ?? ''}`);
  if (total.falsePositives.length > 40) lines.push(`… and ${total.falsePositives.length - 40} more false alerts`);
  lines.push(`eval users ${args.users} days ${args.days} seeds ${args.seeds.join(',')}: ${ok ? 'targets met' : 'targets NOT met'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return ok;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = args.keep ?? mkdtempSync(path.join(tmpdir(), 'ow-eval-'));
  try {
    const scores: EvalScore[] = [];
    for (const seed of args.seeds) scores.push(await runSeed(args, seed, root));
    const total = combine(scores);
    if (args.json) writeFileSync(args.json, JSON.stringify({ args, total }, null, 1));
    const ok = report(total, args);
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (!args.keep) rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
