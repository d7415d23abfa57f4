/** The README's demo, as a new user runs it (here with --once so it ends after the first poll). */
import { runCli } from '../helpers/cli';

it('orgwarden demo --once polls the simulated org and prints the alert read back from Warden_Alert__c', async () => {
  const result = await runCli(['demo', '--once'], { timeoutMs: 90_000 });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/Warden_Alert__c records in the org \(1\):\n\s+High\s+failed-logins\s+2026-11-19T02:10:00.000\+0000\s+14 failed sign-ins for dana.lee@acme.example/);
  expect(result.stdout).toMatch(/Simulated org \(Salesforce REST API\): http:\/\/127\.0\.0\.1:\d+/);
}, 120_000);
