import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'jsforce';
import { baseFiles, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

jest.setTimeout(20_000);

const HEADER = '"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ROWS_PROCESSED"';
const BIG = `${HEADER}\n${Array.from({ length: 20_000 }, (_, i) => `"API","20240107101500.000","req-${i}","0055g00000Alice","${i}"`).join('\n')}\n`;
const LOGIN_HEADER = '"EVENT_TYPE","TIMESTAMP","USER_ID","SOURCE_IP","LOGIN_STATUS","BROWSER_TYPE"';
const LOGIN = `${LOGIN_HEADER}\n${Array.from({ length: 12 }, (_, i) => `"Login","202401060${i % 10}0000.000","0055g00000Alice","192.0.2.${i + 1}","LOGIN_NO_ERROR","Mozilla/5.0 (X11; Linux x86_64)"`).join('\n')}\n`;
const REPO_ROOT = path.resolve(__dirname, '../../../..');

let s: StartedSim;
let apiFile: string;
let loginFile: string;

async function fileId(soql: string): Promise<string> {
  return String((await s.conn.query<{ Id: string }>(soql)).records[0]?.Id);
}

beforeAll(async () => {
  s = await startSim(baseFiles({ 'eventlogs/API/2024-01-07T10.csv': BIG, 'eventlogs/Login/2024-01-06.csv': LOGIN }));
  apiFile = await fileId(`SELECT Id FROM EventLogFile WHERE EventType = 'API' AND Sequence = 1`);
  loginFile = await fileId(`SELECT Id FROM EventLogFile WHERE EventType = 'Login'`);
});
afterEach(() => s.sim.faults.clear());
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

const logFilePath = (id: string) => `/services/data/v62.0/sobjects/EventLogFile/${id}/LogFile`;

/** Downloads through jsforce's stream, as the worker does. */
function download(conn: Connection, id: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = conn.request(logFilePath(id)).stream();
    stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

// jsforce 3.10 pipes the fetch body into its stream with .pipe(), so a body that fails mid-way is
// an uncaught 'error' on an internal stream and jsforce's own stream never ends. That would kill
// the test runner, so the download runs in a child process, as the worker would.
const CHILD = `
const { Connection } = require('jsforce');
const [url, token, path, encoding] = process.argv.slice(1);
const out = { bytes: 0, ended: false, streamError: null, uncaught: null };
const finish = () => { console.log(JSON.stringify(out)); process.exit(0); };
const describe = (e) => ({ message: e.message, code: (e.cause && e.cause.code) || e.code });
process.on('uncaughtException', (e) => { out.uncaught = describe(e); setTimeout(finish, 300); });
const conn = new Connection({ instanceUrl: url, accessToken: token, version: '62.0' });
const stream = conn.request({ method: 'GET', url: path, headers: { 'Accept-Encoding': encoding } }).stream();
stream.on('data', (c) => { out.bytes += c.length; });
stream.on('end', () => { out.ended = true; finish(); });
stream.on('error', (e) => { out.streamError = describe(e); setTimeout(finish, 300); });
setTimeout(finish, 8000);
`;

interface ChildResult {
  bytes: number;
  ended: boolean;
  streamError: { message: string; code?: string } | null;
  uncaught: { message: string; code?: string } | null;
}

async function downloadInChild(id: string, encoding: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD, s.url, s.token, logFilePath(id), encoding], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as ChildResult;
}

describe('LogFile download faults', () => {
  it.each([
    ['identity', false],
    ['gzip', true],
  ])('cuts the body after N bytes with a reset (%s): the client gets exactly N bytes, then ECONNRESET, never an end', async (encoding, gzip) => {
    s.sim.faults.add({ kind: 'reset', afterBytes: 65_536, times: 1 });
    const result = await downloadInChild(apiFile, encoding);
    expect(result).toMatchObject({ bytes: 65_536, ended: false });
    expect((result.streamError ?? result.uncaught)?.code).toBe('ECONNRESET');
    expect(s.sim.faults.records.map((r) => [r.route, r.detail])).toEqual([['log-file', { fileId: apiFile, afterBytes: 65_536, how: 'reset', gzip, bytesSent: 65_536 }]]);
    // Spent: the retry gets the whole file.
    await expect(download(s.conn, apiFile)).resolves.toBe(BIG);
  });

  it('leaves other routes and other files alone', async () => {
    s.sim.faults.add({ kind: 'reset', afterBytes: 10, times: 1 }, { kind: 'corrupt-csv', eventTypes: ['Login'] });
    await s.conn.query('SELECT Id FROM User');
    expect(s.sim.faults.records).toHaveLength(0);
    await expect(s.conn.limits()).resolves.toHaveProperty('DailyApiRequests');
    expect(s.sim.faults.rules.map((r) => r.matched)).toEqual([0, 0]);
  });

  it('trickles the body at the configured rate', async () => {
    s.sim.faults.add({ kind: 'slow-body', bytesPerSecond: 1000, times: 1 });
    const started = Date.now();
    await expect(download(s.conn, loginFile)).resolves.toBe(LOGIN);
    // ~1.1 KB at 1 KB/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

function lines(body: string): string[] {
  return body.split('\n');
}

describe('corrupt CSV rows', () => {
  it('damages each row the same way on every download: missing column, broken quotes, header as data, truncated last line', async () => {
    s.sim.faults.configure({ seed: 42, rules: [{ kind: 'corrupt-csv', eventTypes: ['Login'], defects: ['missing-column', 'broken-quote', 'header-as-data', 'truncated-last-line'] }] });
    const first = await download(s.conn, loginFile);
    const again = await download(s.conn, loginFile);
    expect(again).toBe(first);
    const [record, second] = s.sim.faults.records;
    expect(second?.detail).toEqual(record?.detail);
    const plan = record?.detail['defects'] as { defect: string; row: number }[];
    const rowOf = (d: string) => plan.find((p) => p.defect === d)?.row as number;
    const original = lines(LOGIN);
    const served = lines(first);
    // The header comes again as a data row, before the planned row.
    expect(served.filter((l) => l === LOGIN_HEADER)).toHaveLength(2);
    const headerAt = served.indexOf(LOGIN_HEADER, 1);
    expect(headerAt).toBe(rowOf('header-as-data'));
    const dataRow = (row: number) => served[row + (row >= rowOf('header-as-data') ? 1 : 0)] as string;
    expect(dataRow(rowOf('missing-column'))).toBe((original[rowOf('missing-column')] as string).replace(/,"[^"]*"$/, ''));
    expect((dataRow(rowOf('broken-quote')).match(/"/g) ?? []).length).toBe(14);
    expect(first.endsWith('\n')).toBe(false);
    expect((original[12] as string).startsWith(served.at(-1) as string)).toBe(true);
    expect(served.at(-1)).not.toBe(original[12]);
  });

  it('places the damage by seed: the same seed repeats it in a new simulator, another seed moves it', async () => {
    const rules = [{ kind: 'corrupt-csv' as const, defects: ['missing-column' as const, 'unclosed-quote' as const] }];
    s.sim.faults.configure({ seed: 'a', rules });
    const a = await download(s.conn, loginFile);
    const other = await startSim(baseFiles({ 'eventlogs/Login/2024-01-06.csv': LOGIN }), { faults: { seed: 'a', rules } });
    try {
      await expect(download(other.conn, loginFile)).resolves.toBe(a);
    } finally {
      await other.sim.stop();
    }
    const plans = new Set<string>();
    for (const seed of ['b', 'c', 'd', 'e']) {
      s.sim.faults.configure({ seed, rules });
      await download(s.conn, loginFile);
      plans.add(JSON.stringify(s.sim.faults.records[0]?.detail['defects']));
    }
    expect(plans.size).toBeGreaterThan(1);
  });

  it('draws probability per file, not per request: a file is corrupt on every download or on none', async () => {
    const bySeed: boolean[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      s.sim.faults.configure({ seed, rules: [{ kind: 'corrupt-csv', probability: 0.5, defects: ['truncated-last-line'] }] });
      const outcomes = new Set<boolean>();
      for (let i = 0; i < 3; i++) outcomes.add((await download(s.conn, loginFile)) !== LOGIN);
      expect(outcomes.size).toBe(1);
      bySeed.push([...outcomes][0] as boolean);
    }
    expect(new Set(bySeed)).toEqual(new Set([true, false]));
  });
});
