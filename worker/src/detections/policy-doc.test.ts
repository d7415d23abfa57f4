/** docs/policies.md is what the registry says today: regenerate it with `npm run docs:policies`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPolicyDoc } from './policy-doc';
import { POLICIES } from './registry';

it('docs/policies.md lists every registered policy as its metadata describes it', () => {
  const file = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'policies.md'), 'utf8');
  expect(file).toBe(renderPolicyDoc(POLICIES));
  for (const policy of POLICIES) expect(file).toContain(`## ${policy.meta.id}\n`);
});
