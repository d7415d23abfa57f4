import type { CheckResult } from './check';
import { formatReport, reportJson } from './report-format';
import type { DoctorReport } from './run-doctor';

const checks: CheckResult[] = [
  { id: 'api-access', status: 'pass', observed: 'Enterprise Edition org 00D000000000001', fix: null },
  { id: 'session-ip-lock', status: 'fail', observed: 'sessions are locked to their IP address', fix: 'Setup → Security → Session Settings: clear the box' },
  { id: 'event-monitoring', status: 'warn', observed: 'free event log files only', fix: 'buy Event Monitoring' },
  { id: 'api-allocation', status: 'fail', observed: 'not checked: x', fix: 'run doctor again' },
  { id: 'content-deliveries', status: 'fail', observed: 'not checked: x', fix: 'run doctor again' },
];
const report: DoctorReport = { ok: false, checks };

it('prints one line per check, then each fix once with the checks it fixes, then the verdict', () => {
  expect(formatReport(report, 'orgwarden doctor: org at https://acme.my.salesforce.com')).toBe(
    [
      'orgwarden doctor: org at https://acme.my.salesforce.com',
      '',
      'PASS  api-access          Enterprise Edition org 00D000000000001',
      'FAIL  session-ip-lock     sessions are locked to their IP address',
      'WARN  event-monitoring    free event log files only',
      'FAIL  api-allocation      not checked: x',
      'FAIL  content-deliveries  not checked: x',
      '',
      'How to fix:',
      '  session-ip-lock (FAIL): Setup → Security → Session Settings: clear the box',
      '  event-monitoring (WARN): buy Event Monitoring',
      '  api-allocation (FAIL), content-deliveries (FAIL): run doctor again',
      '',
      '3 check(s) failed, 1 warning(s): fix the failures, then run doctor again.',
      '',
    ].join('\n'),
  );
});

it('says the org is ready when only warnings remain', () => {
  const ready: DoctorReport = { ok: true, checks: checks.filter((c) => c.status !== 'fail') };
  expect(formatReport(ready, 'h').trimEnd().split('\n').at(-1)).toBe('Ready: no check failed (1 warning(s): see above).');
});

it('prints {"ok", "checks": [{"id", "status", "observed", "fix"}]} as JSON', () => {
  const parsed = JSON.parse(reportJson(report)) as { ok: boolean; checks: Array<Record<string, unknown>> };
  expect(parsed.ok).toBe(false);
  expect(parsed.checks[0]).toEqual({ id: 'api-access', status: 'pass', observed: 'Enterprise Edition org 00D000000000001', fix: null });
  expect(parsed.checks.map((c) => Object.keys(c))).toEqual(checks.map(() => ['id', 'status', 'observed', 'fix']));
});
