/** The README's error table and the catalogue in worker/src/errors.ts list the same codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOGUE } from '../../worker/src/errors';

it('documents every error code in the README, and no code that does not exist', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Errors'));
  const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
  expect(documented).toEqual(Object.keys(ERROR_CATALOGUE).sort());
});
