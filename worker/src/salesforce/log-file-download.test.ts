/**
 * The LogFile download against the simulator: streamed (gzip), observed like every response,
 * errors classified by Salesforce errorCode, and a body cut mid-way is an ordinary, retryable
 * error — not the uncaught `TypeError: terminated` jsforce's stream throws.
 */
import { baseFiles, removeTempDirs, startSim, type StartedSim } from '../sim/__tests__/sim-test-kit';
import { OrgWardenError } from '../errors';
import { openLogFile, type SessionConnection } from './log-file-download';
import type { ObservedResponse } from './response-observer';

jest.setTimeout(20_000);

const HEADER = '"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ROWS_PROCESSED"';
const BIG = `${HEADER}\n${Array.from({ length: 20_000 }, (_, i) => `"API","20240107101500.000","req-${i}","0055g00000Alice","${i}"`).join('\n')}\n`;

let s: StartedSim;
let fileId: string;
const conn = (token = s.sim.issueAccessToken()): SessionConnection => ({ instanceUrl: s.url, version: '62.0', accessToken: token });

async function readAll(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  s = await startSim(baseFiles({ 'eventlogs/API/2024-01-07T10.csv': BIG }));
  fileId = String((await s.conn.query<{ Id: string }>(`SELECT Id FROM EventLogFile WHERE EventType = 'API' AND Sequence = 1`)).records[0]?.Id);
});
afterEach(() => s.sim.faults.clear());
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

it('streams the body and reports each response (quota figure, org clock)', async () => {
  const seen: ObservedResponse[] = [];
  const body = await openLogFile(conn(), fileId, { onResponse: (r) => seen.push(r) });
  expect(await readAll(body)).toBe(BIG);
  expect(seen).toEqual([expect.objectContaining({ statusCode: 200, headers: expect.objectContaining({ 'sforce-limit-info': expect.stringMatching(/^api-usage=\d+\/15000$/), date: expect.any(String) }) })]);
});

it('a body cut mid-way fails the iteration with a retryable SF_UNAVAILABLE', async () => {
  s.sim.faults.add({ kind: 'reset', afterBytes: 65_536, route: 'log-file', times: 1 });
  const body = await openLogFile(conn(), fileId, { onResponse: () => undefined });
  const error = await readAll(body).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(OrgWardenError);
  expect(error).toMatchObject({ code: 'SF_UNAVAILABLE' });
});

it.each([
  [{ kind: 'http-error', status: 503, body: 'html', route: 'log-file' }, 'SF_UNAVAILABLE', 'ERROR_HTTP_503'],
  [{ kind: 'http-error', status: 500, route: 'log-file' }, 'SF_UNAVAILABLE', 'UNKNOWN_EXCEPTION'],
  [{ kind: 'expire-session', scope: 'all', route: 'log-file' }, 'SF_AUTH_FAILED', 'INVALID_SESSION_ID'],
] as const)('classifies %j by errorCode', async (rule, code, errorCode) => {
  s.sim.faults.add({ ...rule, times: 1 });
  const error = await openLogFile(conn(), fileId, { onResponse: () => undefined }).catch((err: unknown) => err);
  expect(error).toMatchObject({ code, data: { errorCode } });
});

it('an unknown file is NOT_FOUND, not retried', async () => {
  const error = await openLogFile(conn(), '0AT5g0000000000AAA', { onResponse: () => undefined }).catch((err: unknown) => err);
  expect(error).toMatchObject({ code: 'SF_API_ERROR', data: { errorCode: 'NOT_FOUND' } });
});

it('a 401 refreshes the session through the connection once, then succeeds', async () => {
  const refreshes: number[] = [];
  const session: SessionConnection = {
    ...conn('00D5g00000ABCDE!expired'),
    _refreshDelegate: {
      refresh: async (sinceMs) => {
        refreshes.push(sinceMs);
        session.accessToken = s.sim.issueAccessToken();
      },
      isRefreshing: () => false,
      waitRefresh: async () => undefined,
    },
  };
  expect(await readAll(await openLogFile(session, fileId, { onResponse: () => undefined }))).toBe(BIG);
  expect(refreshes).toHaveLength(1);
});
