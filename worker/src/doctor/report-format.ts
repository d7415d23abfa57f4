/**
 * Doctor's two outputs: for a person, one line per check (PASS/WARN/FAIL, id, what it saw) and then
 * the fixes; for a program, `{"ok", "checks": [{"id", "status", "observed", "fix"}]}`.
 */
import type { DoctorReport } from './run-doctor';

const ID_WIDTH = 20;

export function formatReport(report: DoctorReport, heading: string): string {
  const lines = [heading, ''];
  for (const check of report.checks) lines.push(`${check.status.toUpperCase().padEnd(6)}${check.id.padEnd(ID_WIDTH)}${check.observed}`);
  // Checks that share a fix (everything not checked after a failed sign-in) get one line.
  const byFix = new Map<string, string[]>();
  for (const check of report.checks) {
    if (check.status === 'pass' || !check.fix) continue;
    byFix.set(check.fix, [...(byFix.get(check.fix) ?? []), `${check.id} (${check.status.toUpperCase()})`]);
  }
  if (byFix.size) {
    lines.push('', 'How to fix:');
    for (const [fix, ids] of byFix) lines.push(`  ${ids.join(', ')}: ${fix}`);
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  const verdict = failed
    ? `${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ''}: fix the failures, then run doctor again.`
    : `Ready: no check failed${warned ? ` (${warned} warning(s): see above)` : ''}.`;
  lines.push('', verdict);
  return `${lines.join('\n')}\n`;
}

export function reportJson(report: DoctorReport): string {
  const checks = report.checks.map(({ id, status, observed, fix }) => ({ id, status, observed, fix }));
  return `${JSON.stringify({ ok: report.ok, checks }, null, 2)}\n`;
}
