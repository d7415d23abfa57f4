/** The check ids are a public contract: the runner, the help and README must list the same ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_IDS, CHECK_SUMMARIES } from './check';
import { CHECKS } from './run-doctor';

const README = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no "${heading}" section`);
  const end = README.indexOf('\n## ', start + heading.length + 2);
  return README.slice(start, end < 0 ? undefined : end);
};

it('runs every catalogued check once, in catalogue order, each with a summary for the help', () => {
  expect(CHECKS.map((check) => check.id)).toEqual([...CHECK_IDS]);
  for (const id of CHECK_IDS) expect(CHECK_SUMMARIES[id]).toBeTruthy();
});

it('documents every check in the README doctor table and names it in "Install in your org"', () => {
  const table = section('### doctor — is an org ready?');
  const install = section('## Install in your org');
  const rows = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  expect(rows).toEqual([...CHECK_IDS]);
  for (const id of CHECK_IDS) expect(install).toContain(`\`${id}\``);
});
