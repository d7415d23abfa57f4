import { createServer } from 'node:net';
import { Connection } from 'jsforce';
import { baseFiles, ORG_JSON, removeTempDirs, writeFiles } from '../sim/__tests__/sim-test-kit';
import { simCommand } from './sim';

afterAll(removeTempDirs);

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } },
    out: () => out,
    err: () => err,
  };
}

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('orgwarden sim', () => {
  it('prints the URL and a working access token, then stops cleanly', async () => {
    const dir = writeFiles(baseFiles());
    const stop = new AbortController();
    const c = capture();
    const done = simCommand(['--data', dir, '--port', '0'], { ...c.io, stopSignal: stop.signal });
    await waitFor(() => c.out().split('\n').length >= 3);
    const [listening, token] = c.out().split('\n');
    expect(listening).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    expect(token).toMatch(/^access-token 00D5g00000ABCDE![.\w]+$/);
    const conn = new Connection({ instanceUrl: String(listening).slice('listening '.length), accessToken: String(token).slice('access-token '.length), version: '62.0' });
    await expect(conn.query('SELECT COUNT() FROM User')).resolves.toMatchObject({ totalSize: 3 });
    stop.abort();
    await expect(done).resolves.toBe(0);
  });

  it('says what to fix and exits 2 on bad input', async () => {
    const missing = capture();
    await expect(simCommand(['--data', '/nonexistent/org'], missing.io)).resolves.toBe(2);
    expect(missing.err()).toMatch(/\/nonexistent\/org: is not a directory/);

    const badOrg = capture();
    const dir = writeFiles({ 'org.json': { ...ORG_JSON, eventMonitoring: 'gold' } });
    await expect(simCommand(['--data', dir], badOrg.io)).resolves.toBe(2);
    expect(badOrg.err()).toMatch(/org\.json: eventMonitoring/);

    const noData = capture();
    await expect(simCommand([], noData.io)).resolves.toBe(2);
    expect(noData.err()).toMatch(/--data DIR is required/);

    const unknown = capture();
    await expect(simCommand(['--data', dir, '--colour'], unknown.io)).resolves.toBe(2);
    expect(unknown.err()).toMatch(/Unknown option '--colour'/);
  });

  it('injects the faults of a --faults file, and names the file when it is wrong', async () => {
    const dir = writeFiles({ ...baseFiles(), 'faults.yaml': 'seed: t\nrules:\n  - { kind: http-error, status: 500, route: query, times: 1 }\n' });
    const stop = new AbortController();
    const c = capture();
    const done = simCommand(['--data', dir, '--faults', `${dir}/faults.yaml`], { ...c.io, stopSignal: stop.signal });
    await waitFor(() => c.out().split('\n').length >= 3);
    const [listening, token] = c.out().split('\n');
    const conn = new Connection({ instanceUrl: String(listening).slice('listening '.length), accessToken: String(token).slice('access-token '.length), version: '62.0' });
    // jsforce retries the GET after the one injected 500, so the query still succeeds.
    await expect(conn.query('SELECT COUNT() FROM User')).resolves.toMatchObject({ totalSize: 3 });
    const faults = (await (await fetch(`${String(listening).slice('listening '.length)}/__sim/faults`)).json()) as { records: Array<{ kind: string }> };
    expect(faults.records.map((r) => r.kind)).toEqual(['http-error']);
    stop.abort();
    await expect(done).resolves.toBe(0);

    const bad = capture();
    const badDir = writeFiles({ ...baseFiles(), 'faults.json': '{"rules":[{"kind":"meteor"}]}' });
    await expect(simCommand(['--data', badDir, '--faults', `${badDir}/faults.json`], bad.io)).resolves.toBe(2);
    expect(bad.err()).toMatch(/fault configuration .*faults\.json has \d+ problem/);
  });

  it('refuses a port that is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const c = capture();
    try {
      await expect(simCommand(['--data', writeFiles(baseFiles()), '--port', String(port)], c.io)).resolves.toBe(2);
      expect(c.err()).toMatch(new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('explains itself with --help', async () => {
    const c = capture();
    await expect(simCommand(['--help'], c.io)).resolves.toBe(0);
    expect(c.out()).toMatch(/^Usage: orgwarden sim --data DIR \[--port N\]/);
  });
});
