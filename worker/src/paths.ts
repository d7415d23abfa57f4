/**
 * Locations inside the OrgWarden checkout, found from this module's own folder so they work
 * from the TypeScript sources (jest) and from the compiled `dist/` alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

export function projectRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'orgwarden') {
      root = dir;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the orgwarden package root above ${__dirname}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
