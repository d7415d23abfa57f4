/** `npm run docs:policies`: writes docs/policies.md from the detection registry. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderPolicyDoc } from '../worker/src/detections/policy-doc';
import { POLICIES } from '../worker/src/detections/registry';

const file = path.join(__dirname, '..', '..', 'docs', 'policies.md');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, renderPolicyDoc(POLICIES));
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}: ${POLICIES.length} policies\n`);
