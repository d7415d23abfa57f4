import { readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { baseFiles, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';
import { to18 } from '../ids';

// A multi-megabyte file so the client really streams it.
const BIG_ROWS = Array.from({ length: 40_000 }, (_, i) => `"API","20240107${String(10 + (i % 2)).padStart(2, '0')}1500.000","req-${i}","0055g00000Alice","${i}"`);
const BIG = `"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ROWS_PROCESSED"\n${BIG_ROWS.join('\n')}\n`;

let s: StartedSim;
let fileId: string;

beforeAll(async () => {
  s = await startSim(baseFiles({ 'eventlogs/API/2024-01-07T10.csv': BIG }));
  const result = await s.conn.query<{ Id: string }>(`SELECT Id FROM EventLogFile WHERE EventType = 'API' AND Sequence = 1`);
  fileId = String(result.records[0]?.Id);
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

function rawGet(url: string, headers: Record<string, string>): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('EventLogFile LogFile download', () => {
  const url = () => `${s.url}/services/data/v62.0/sobjects/EventLogFile/${fileId}/LogFile`;

  it('streams the CSV to jsforce byte for byte', async () => {
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = s.conn.request(`/services/data/v62.0/sobjects/EventLogFile/${fileId}/LogFile`).stream();
      stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    expect(Buffer.concat(chunks).toString('utf8')).toBe(BIG);
  });

  it('is application/octetstream, chunked, gzip when the client accepts it', async () => {
    const zipped = await rawGet(url(), { Authorization: `Bearer ${s.token}`, 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.res.headers['content-type']).toBe('application/octetstream');
    expect(zipped.res.headers['content-encoding']).toBe('gzip');
    expect(zipped.res.headers['transfer-encoding']).toBe('chunked');
    expect(zipped.res.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/15000$/);
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(BIG);
    const plain = await rawGet(url(), { Authorization: `Bearer ${s.token}` });
    expect(plain.res.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(BIG);
  });

  it('is not parsed as CSV by jsforce (the body stays text)', async () => {
    const daily = await s.conn.query<{ Id: string }>(`SELECT Id FROM EventLogFile WHERE Interval = 'Daily'`);
    const body = await s.conn.request<string>(`/services/data/v62.0/sobjects/EventLogFile/${daily.records[0]?.Id}/LogFile`);
    const expected = readFileSync(path.join(s.dir, 'eventlogs/Login/2024-01-06.csv'), 'utf8');
    expect(body).toBe(expected);
  });

  it('answers 404 for unknown and not yet published files', async () => {
    const unknown = await rawFetch(`${s.url}/services/data/v62.0/sobjects/EventLogFile/${to18('0AT000000000000')}/LogFile`, { token: s.token });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    const now = s.sim.clock.now();
    s.sim.setNow(new Date('2024-01-07T11:30:00Z'));
    try {
      expect((await rawFetch(url(), { token: s.token })).status).toBe(404);
    } finally {
      s.sim.setNow(now);
    }
  });
});
