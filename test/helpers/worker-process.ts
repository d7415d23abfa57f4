/**
 * `orgwarden run` as a child process, the way an operator runs it: its JSON log lines (stderr)
 * are collected so a test can wait for a moment in the worker's life, and it can be stopped
 * cleanly (SIGTERM) or killed (SIGKILL) like a crashed machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli';
import { waitFor } from './wait-for';

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface WorkerProcess {
  readonly pid: number;
  readonly logs: LogLine[];
  /** Raw stderr lines that were not JSON (crashes print stack traces). */
  readonly rawErrors: string[];
  waitForLog(what: string, match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM and wait: the worker finishes its jobs in flight and writes its last status records. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** SIGKILL: no shutdown code runs, as when a machine dies. */
  kill(): Promise<void>;
  exited(): boolean;
}

const running = new Set<ChildProcess>();

export function startWorker(configFile: string, env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--max-semi-space-size=16', join(ROOT, 'bin', 'orgwarden.js'), 'run', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, ORGWARDEN_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  const logs: LogLine[] = [];
  const rawErrors: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        rawErrors.push(line);
      }
    }
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    running.delete(child);
    resolve(code);
  }));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid!,
    logs,
    rawErrors,
    exited,
    waitForLog: (what, match, timeoutMs = 60_000) =>
      waitFor(what, () => {
        const found = logs.find(match);
        if (found) return found;
        if (exited()) throw new Error(`worker ${child.pid} exited before ${what}:\n${rawErrors.slice(-20).join('\n')}`);
        return undefined;
      }, { timeoutMs, everyMs: 20 }),
    async stop(timeoutMs = 30_000) {
      if (exited()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (exited()) return;
      child.kill('SIGKILL');
      await exit;
    },
  };
}

/** For afterEach/afterAll: no worker outlives its test, even when the test failed half-way. */
export async function killAllWorkers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
