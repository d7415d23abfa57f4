/**
 * The org the exactly-once suite runs on: a generated Shield org (30 users × 9 days, so event log
 * files exist for every hour) plus one busy hour — a URI log file of 14,000 rows, almost three
 * pages of 5,000 — so a worker can be caught *inside* a file, after a committed page. The
 * connected app trusts a key pair made here, for the JWT bearer flow.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrg } from '../../worker/src/sim/generate/generate';
import { resolveOptions } from '../../worker/src/sim/generate/options';

export const BIG_FILE_ROWS = 14_000;
/** The page size the scenarios configure for event log files (config `eventLogs.pageRows`). */
export const ELF_PAGE_ROWS = 5_000;
export const CONSUMER_KEY = '3MVG9exactly.once.test';

export interface ExactlyOnceOrg {
  dir: string;
  /** 15-character org id, as the worker keys Redis state. */
  orgId: string;
  serviceAccount: string;
  /** The busy hour's file, relative to eventlogs/ (e.g. `URI/2026-11-06T14.csv`). */
  bigFile: string;
  privateKeyFile: string;
  remove(): void;
}

export function makeExactlyOnceOrg(seed = 'exactly-once'): ExactlyOnceOrg {
  const dir = mkdtempSync(join(tmpdir(), 'ow-once-'));
  const { options, problems } = resolveOptions({ users: '30', days: '9', seed, out: join(dir, 'org') });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  generateOrg(options);
  const orgDir = join(dir, 'org');
  const bigFile = enlargeOneHour(orgDir);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyFile = join(dir, 'server.key');
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const orgJson = JSON.parse(readFileSync(join(orgDir, 'org.json'), 'utf8')) as Record<string, unknown>;
  orgJson.connectedApp = { consumerKey: CONSUMER_KEY, certificate: publicKey.export({ type: 'spki', format: 'pem' }) };
  writeFileSync(join(orgDir, 'org.json'), JSON.stringify(orgJson, null, 1));
  return {
    dir: orgDir,
    orgId: String(orgJson.organizationId).slice(0, 15),
    serviceAccount: String(orgJson.serviceAccount),
    bigFile,
    privateKeyFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Rewrites the URI file of one afternoon hour in the middle of the period with BIG_FILE_ROWS
 * rows: the hour's first row repeated with its own REQUEST_ID and a time spread over the hour,
 * so every row is a distinct event (none is de-duplicated away) and the totals move with it.
 */
function enlargeOneHour(orgDir: string): string {
  const uriDir = join(orgDir, 'eventlogs', 'URI');
  const name = readdirSync(uriDir).filter((f) => /^2026-11-06T1\d\.csv$/.test(f)).sort()[0];
  if (!name) throw new Error('the generated org has no URI file for the afternoon of 2026-11-06');
  const [header, first] = readFileSync(join(uriDir, name), 'utf8').split('\n');
  const columns = JSON.parse(`[${header}]`) as string[];
  const values = JSON.parse(`[${first}]`) as string[];
  const at = (column: string) => columns.indexOf(column);
  const hourMs = Date.parse(`${name.slice(0, 13)}:00:00Z`);
  const lines = [header];
  for (let i = 0; i < BIG_FILE_ROWS; i++) {
    const time = new Date(hourMs + Math.floor((i * 3_600_000) / BIG_FILE_ROWS));
    const row = [...values];
    row[at('REQUEST_ID')] = `busy-hour-${String(i).padStart(6, '0')}`;
    row[at('TIMESTAMP')] = time.toISOString().replace(/[-:T]/g, '').replace('Z', '');
    row[at('TIMESTAMP_DERIVED')] = time.toISOString();
    lines.push(row.map((v) => `"${v.replace(/"/g, '""')}"`).join(','));
  }
  writeFileSync(join(uriDir, name), `${lines.join('\n')}\n`);
  return `URI/${name}`;
}
