/**
 * `npm run bench:ingest -- [--rows N] [--ipv6-share S] [--keep]`: the event log ingest benchmark (DESIGN §5).
 *
 * Writes N event log rows (default 1,000,000: half URI, half API, the real column lists; a share
 * S of the client addresses IPv6, default 0) to a temp folder, then runs, each in its own child process so that its peak RSS is its own:
 * 1. papaparse — a bare streaming parse of the same files (header mode);
 * 2. pipeline — the event logs stream over the files: parse → normalize → enrich → every
 *    detection → write-back → state and cursor committed in Redis (127.0.0.1:6379) per page.
 * Prints rows/s, MB/s and peak RSS of each, and last `ratio-vs-papaparse R peak-rss-mb M`:
 * R = pipeline rows/s ÷ papaparse rows/s, M = the pipeline's peak RSS (MB = 10^6 bytes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBenchFile, type BenchFile } from './bench/elf-bench-data';
import type { PhaseResult } from './bench/phase-result';

type Phase = 'papaparse' | 'pipeline';

interface Args {
  rows: number;
  ipv6Share: number;
  keep: boolean;
  phase?: Phase;
  files?: BenchFile[];
  /** Detection policies in the pipeline: every registered one (default), none, or a list of ids. */
  policies: string;
  /** Event log rows per page (config `eventLogs.pageRows`); default: the config's default. */
  pageRows?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { rows: 1_000_000, ipv6Share: 0, keep: false, policies: 'all' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--rows') args.rows = Number(argv[++i]);
    else if (flag === '--ipv6-share') args.ipv6Share = Number(argv[++i]);
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--policies') args.policies = argv[++i] ?? '';
    else if (flag === '--page-rows') args.pageRows = Number(argv[++i]);
    else if (flag === '--phase') args.phase = argv[++i] as Phase;
    else if (flag === '--files') args.files = JSON.parse(argv[++i] ?? '[]') as BenchFile[];
    else throw new Error(`unknown option ${flag}; usage: npm run bench:ingest -- [--rows N] [--ipv6-share S] [--policies all|none|ID,ID] [--page-rows N] [--keep]`);
  }
  if (!Number.isInteger(args.rows) || args.rows < 2) throw new Error('--rows must be a whole number of at least 2');
  if (!(args.ipv6Share >= 0 && args.ipv6Share <= 1)) throw new Error('--ipv6-share must be between 0 and 1');
  if (args.pageRows !== undefined && !(Number.isInteger(args.pageRows) && args.pageRows >= 500 && args.pageRows <= 100_000)) throw new Error('--page-rows must be a whole number from 500 to 100000');
  return args;
}

/** Child process: run one phase, print its result as one JSON line. */
async function child(phase: Phase, files: BenchFile[], args: Args): Promise<void> {
  const result = phase === 'papaparse' ? await (await import('./bench/papaparse-phase')).runPapaparsePhase(files) : await (await import('./bench/pipeline-phase')).runPipelinePhase(files, args.policies, args.pageRows);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Both phases run with the V8 setting the worker is meant to run with: Node 24 lets the young
 * generation grow to 2 × 64 MB under a steady allocation rate, which alone would take a quarter
 * of the 256 MB budget; 16 MB semi-spaces cost no throughput here (see the README).
 */
export const NODE_FLAGS = ['--max-semi-space-size=16'];

function runPhase(phase: Phase, files: BenchFile[], args: Args): PhaseResult {
  const argv = [...NODE_FLAGS, __filename, '--phase', phase, '--files', JSON.stringify(files), '--policies', args.policies, ...(args.pageRows ? ['--page-rows', String(args.pageRows)] : [])];
  const out = execFileSync(process.execPath, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as PhaseResult;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function report(name: string, r: PhaseResult): string {
  return `${name.padEnd(10)} ${fmt(r.rows).padStart(12)} rows  ${fmt(r.seconds, 2).padStart(7)} s  ${fmt(r.rows / r.seconds).padStart(10)} rows/s  ${fmt(r.bytes / 1e6 / r.seconds, 1).padStart(6)} MB/s  peak RSS ${fmt(r.peakRssMb).padStart(4)} MB`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.phase) return child(args.phase, args.files ?? [], args);
  const dir = mkdtempSync(path.join(tmpdir(), 'orgwarden-bench-'));
  try {
    const started = performance.now();
    const uriRows = Math.floor(args.rows / 2);
    const files = [writeBenchFile(dir, 'URI', uriRows, 11, args.ipv6Share), writeBenchFile(dir, 'API', args.rows - uriRows, 23, args.ipv6Share)];
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
    const v6 = args.ipv6Share > 0 ? `, ${fmt(args.ipv6Share * 100)}% of client addresses IPv6` : '';
    console.log(`event log CSV: ${fmt(args.rows)} rows (URI ${fmt(files[0]!.rows)}, API ${fmt(files[1]!.rows)}${v6}), ${fmt(bytes / 1e6, 1)} MB in ${dir} (written in ${fmt((performance.now() - started) / 1000, 1)} s)`);
    console.log(`node ${process.version} ${NODE_FLAGS.join(' ')} (both phases; the stream also turns V8's allocation-site pretenuring off, heap-tuning.ts)`);
    const papa = runPhase('papaparse', files, args);
    console.log(report('papaparse', papa));
    const pipeline = runPhase('pipeline', files, args);
    console.log(report('pipeline', pipeline));
    console.log(`pipeline: ${JSON.stringify(pipeline.detail)}`);
    const ratio = pipeline.rows / pipeline.seconds / (papa.rows / papa.seconds);
    console.log(`ratio-vs-papaparse ${ratio.toFixed(2)} peak-rss-mb ${Math.round(pipeline.peakRssMb)}`);
  } finally {
    if (args.keep) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
