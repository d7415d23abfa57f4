/** `orgwarden sim` as a separate process, the way an outside user or test starts it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli';

export interface SimProcess {
  url: string;
  token: string;
  stop(): Promise<void>;
}

export function startSimProcess(dataDir: string): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'orgwarden.js'), 'sim', '--data', dataDir, '--port', '0'], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`orgwarden sim exited with ${code}: ${err}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^listening (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      const token = /^access-token (\S+)$/m.exec(out)?.[1];
      if (url && token) {
        child.removeAllListeners('exit');
        resolve({
          url,
          token,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
