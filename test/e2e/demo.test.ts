/** The README's demo, as a new user runs it: alerts read back from the org, URLs that work. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli';

it('orgwarden demo --once polls the simulated org and prints the alert read back from Warden_Alert__c', async () => {
  const result = await runCli(['demo', '--once'], { timeoutMs: 90_000 });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/Warden_Alert__c records in the org \(1\):\n\s+High\s+failed-logins\s+2026-11-19T02:10:00.000\+0000\s+14 failed sign-ins for dana.lee@acme.example/);
  expect(result.stdout).toMatch(/Simulated org \(Salesforce REST API\): http:\/\/127\.0\.0\.1:\d+/);
}, 120_000);

it('orgwarden demo serves its dashboard and metrics behind the password it prints, until Ctrl-C', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'orgwarden.js'), 'demo'], { cwd: ROOT, env: { ...process.env, ORGWARDEN_LOG_LEVEL: 'warn' } });
  try {
    let out = '';
    const printed = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`demo exited early (${code}): ${out}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Dashboard \(Bull Board\): (http:\/\/127\.0\.0\.1:\d+)\/queues .*\n\s+user (\S+), password (\S+)/.exec(out);
        if (m) resolve(m);
      });
    });
    const [, base, user, password] = printed;
    const auth = { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    expect((await fetch(`${base}/queues`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const board = await fetch(`${base}/queues`, { headers: auth });
    expect(board.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`, { headers: auth })).text();
    expect(metrics).toMatch(/^orgwarden_queue_jobs\{queue="orgwarden-demo",state="\w+"\} \d+/m);
    child.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 120_000);
