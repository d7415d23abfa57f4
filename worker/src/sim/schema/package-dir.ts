/**
 * Where the SFDX package source lives. The simulator reads custom objects from it; by default the
 * repository's own `force-app`, found by walking up from this file to `sfdx-project.json` (so it
 * works from `worker/src` under jest and from `dist/worker/src` when compiled).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findRepoRoot(startDir: string = __dirname): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(dir, 'sfdx-project.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The default package directory (`<repo>/force-app`), or undefined outside a checkout. */
export function defaultPackageDir(): string | undefined {
  const root = findRepoRoot();
  return root ? path.join(root, 'force-app') : undefined;
}
