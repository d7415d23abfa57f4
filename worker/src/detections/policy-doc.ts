/**
 * `docs/policies.md`, rendered from the registry's metadata so the documentation cannot drift
 * from the code: what each policy catches, its data, thresholds, what each sensitivity level
 * suppresses, known gaps, false-positive sources and the runbook. `npm run docs:policies`
 * writes it; a test fails when the file is stale.
 */
import type { Policy } from './types';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderPolicyDoc(policies: readonly Policy[]): string {
  const out: string[] = [];
  out.push('# Detection policies');
  out.push('');
  out.push('<!-- Generated from worker/src/detections (npm run docs:policies); edit the policy metadata, not this file. -->');
  out.push('');
  out.push('Every policy can be switched off, tuned (`sensitivity: low|medium|high`, `thresholds`) and scoped');
  out.push('(`includeUsers`, `excludeUsers`) under `policies.<id>` in the configuration. Baseline policies learn');
  out.push('for 7 days per user before they alert and compare with the last 30 days.');
  out.push('');
  out.push('| id | name | severity | MITRE ATT&CK | data |');
  out.push('|---|---|---|---|---|');
  for (const { meta } of [...policies].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    out.push(`| [\`${meta.id}\`](#${meta.id}) | ${cell(meta.name)} | ${meta.severity} | ${meta.mitre.join(', ')} | ${meta.dataSources.join(', ')} |`);
  }
  for (const { meta } of [...policies].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    out.push('');
    out.push(`## ${meta.id}`);
    out.push('');
    out.push(`**${meta.name}** — default severity ${meta.severity}; MITRE ATT&CK ${meta.mitre.join(', ')}.`);
    out.push('');
    out.push(meta.description);
    out.push('');
    out.push(`**Data:** streams ${meta.dataSources.map((s) => `\`${s}\``).join(', ')}; activity sources ${meta.sources.map((s) => `\`${s}\``).join(', ')}.`);
    const thresholds = Object.entries(meta.thresholds);
    if (thresholds.length) {
      out.push('');
      out.push('| threshold | default | range | meaning |');
      out.push('|---|---|---|---|');
      for (const [name, spec] of thresholds) out.push(`| \`${name}\` | ${spec.default} | ${spec.min}–${spec.max} | ${cell(spec.description)} |`);
    }
    out.push('');
    out.push('**Sensitivity:**');
    for (const level of ['low', 'medium', 'high'] as const) out.push(`- ${level}: ${meta.sensitivity[level]}`);
    out.push('');
    out.push('**Known gaps:**');
    for (const gap of meta.knownGaps) out.push(`- ${gap}`);
    out.push('');
    out.push('**False-positive sources and how they are handled:**');
    for (const fp of meta.falsePositives) out.push(`- ${fp}`);
    out.push('');
    out.push('**Runbook:**');
    meta.runbook.forEach((step, i) => out.push(`${i + 1}. ${step}`));
  }
  return `${out.join('\n')}\n`;
}
