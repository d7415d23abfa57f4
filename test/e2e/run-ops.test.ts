/**
 * `orgwarden run` with an "ops" section, as an operator meets it: a clear start-up error when the
 * dashboard would be open, the dashboard and /metrics behind the token once it runs, and
 * `orgwarden backfill` on the same Redis state.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ACME, ROOT, runCli } from '../helpers/cli';

const KEY_PREFIX = `ow-test-${randomUUID().slice(0, 8)}`;
const TOKEN = randomUUID();
const dir = mkdtempSync(join(tmpdir(), 'ow-ops-'));

function configFile(name: string, extra: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ orgs: [{ name: 'acme', target: `sim:${ACME}` }], redis: { keyPrefix: KEY_PREFIX }, ...extra }));
  return file;
}

afterAll(async () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

it('refuses to start a dashboard without credentials on a non-loopback address', async () => {
  const result = await runCli(['run', '--config', configFile('open.json', { ops: { bind: '0.0.0.0' } })]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('ops.tokenEnv: the dashboard and metrics would be open to anyone who can reach 0.0.0.0');
  expect(result.stderr).toContain('[CONFIG_INVALID]');
});

it('refuses to start when the variable holding the token is not set', async () => {
  const result = await runCli(['run', '--config', configFile('unset.json', { ops: { tokenEnv: 'OW_TEST_UNSET_TOKEN' } })]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('ops.tokenEnv: environment variable OW_TEST_UNSET_TOKEN is not set');
});

it('serves /metrics and the dashboard to the token holder only, then stops on SIGTERM', async () => {
  const file = configFile('ops.json', { ops: { port: 0, tokenEnv: 'OW_TEST_OPS_TOKEN' } });
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'orgwarden.js'), 'run', '--config', file], { cwd: ROOT, env: { ...process.env, OW_TEST_OPS_TOKEN: TOKEN, ORGWARDEN_LOG_LEVEL: 'info' } });
  let log = '';
  const seen = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => (log.includes(text) ? resolve() : undefined);
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        check();
      });
      check();
    });
  try {
    await seen('"msg":"dashboard and metrics served"');
    await seen('"msg":"ingest job done"');
    const metricsUrl = /"metrics":"(http:\/\/127\.0\.0\.1:\d+\/metrics)"/.exec(log)?.[1];
    expect(metricsUrl).toBeDefined();
    const anonymous = await fetch(metricsUrl!);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('orgwarden_');
    expect((await fetch(metricsUrl!.replace('/metrics', '/queues'))).status).toBe(401);
    const authorized = await fetch(metricsUrl!, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(authorized.status).toBe(200);
    expect(await authorized.text()).toMatch(/orgwarden_stream_records_total\{org="acme",stream="logins"\} \d+/);
    expect(log).not.toContain(TOKEN);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
}, 60_000);

it('backfills one stream on the same state and prints its progress and a summary', async () => {
  const file = configFile('backfill.json', {});
  const result = await runCli(['backfill', '--org', 'acme', '--since', '2026-10-21T00:00:00Z', '--stream', 'logins', '--config', file, '--restart']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^logins {4}2026-10-21T00:00Z → 2026-11-20T18:00Z {2}\d+ records \(0 skipped\) {2}\d+ alerts {2}\d+ API calls {2}done$/m);
  // stderr is not a terminal here: plain progress lines, no escape codes.
  expect(result.stderr).toMatch(/^backfill acme: logins 1\/1 100%;.*done in/m);
  expect(result.stderr).not.toContain('\x1b[');
  const usage = await runCli(['backfill', '--org', 'acme', '--since', '2026-10-21T00:00:00Z', '--stream', 'nope', '--config', file]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('unknown stream "nope"');
}, 60_000);
