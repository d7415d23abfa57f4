/**
 * Runs every doctor check against one org, in install-step order, and closes what it opened.
 * Every call goes through a quota governor of its own (in memory: doctor's calls are few and
 * sequential, and need no Redis): it reads the org's usage from each response and, at the reserve,
 * refuses at once instead of waiting — the checks still to run then say "not checked".
 */
import type { Config } from '../config';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import { connect, type Connected } from '../salesforce/connect';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS, type QuotaParams } from '../salesforce/quota-policy';
import { MemoryQuotaStore } from '../salesforce/quota-store';
import type { Target } from '../salesforce/targets';
import { apiAllocationCheck } from './allocation-check';
import { fail, type Check, type CheckResult, type DoctorContext, type Outcome } from './check';
import { apiAccessCheck, languageCheck, reauthenticate, serviceAccountCheck } from './connection-checks';
import { dataAccessCheck, eventMonitoringCheck } from './data-checks';
import { OrgFacts } from './org-facts';
import { packageCheck } from './package-check';
import { crmContentUserCheck, permissionsCheck } from './permission-checks';
import { contentDeliveriesCheck, sessionIpLockCheck } from './settings-checks';

/** In the order of README "Install in your org"; api-access first: nothing else runs without it. */
export const CHECKS: readonly Check[] = [
  apiAccessCheck,
  serviceAccountCheck,
  languageCheck,
  packageCheck,
  permissionsCheck,
  crmContentUserCheck,
  dataAccessCheck,
  eventMonitoringCheck,
  sessionIpLockCheck,
  contentDeliveriesCheck,
  apiAllocationCheck,
];

export interface DoctorReport {
  /** true when no check failed (warnings allowed). */
  ok: boolean;
  checks: CheckResult[];
}

export interface DoctorOptions {
  target: Target;
  config: Readonly<Config>;
  log: Logger;
}

/** Errors that are the command line's fault (exit 2), not a finding about the org. */
const BAD_INPUT = new Set(['USAGE', 'TARGET_INVALID', 'FIXTURE_INVALID', 'CONFIG_INVALID', 'CONFIG_NOT_FOUND']);

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const { config, log, target } = options;
  const params: QuotaParams = { ...DEFAULT_QUOTA_PARAMS, reservePercent: config.reservePercent, ...(config.ownSharePercent ? { ownSharePercent: config.ownSharePercent } : {}) };
  let connected: Connected;
  try {
    connected = await connect(target, {
      log,
      governorFor: (orgId) => new QuotaGovernor(new MemoryQuotaStore(), params, log.child({ orgId, component: 'quota' }), { maxWaitMs: 0 }),
    });
  } catch (err) {
    if (err instanceof OrgWardenError && BAD_INPUT.has(err.code)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    return report([{ id: 'api-access', ...fail(`could not sign in: ${message}`, reauthenticate(target)) }], 'could not sign in (api-access)');
  }
  try {
    const ctx: DoctorContext = { target, client: connected.client, facts: new OrgFacts(connected.client), config, log };
    return await runChecks(ctx);
  } finally {
    await connected.close();
  }
}

async function runChecks(ctx: DoctorContext): Promise<DoctorReport> {
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    const { outcome, heldBack } = await runOne(check, ctx);
    results.push({ id: check.id, ...outcome });
    // Without a session nothing else can run; held back at the reserve, the allocation check still can.
    if (check.id === 'api-access' && outcome.status === 'fail' && !heldBack) return report(results, 'the org could not be reached or refused the session (api-access)');
  }
  return report(results);
}

/** The full list, checks after a blocking failure marked as not checked. */
function report(done: CheckResult[], blockedBecause?: string): DoctorReport {
  const checks = [...done];
  for (const check of CHECKS.slice(done.length)) {
    checks.push({ id: check.id, ...fail(`not checked: ${blockedBecause ?? 'stopped'}`, 'fix api-access, then run doctor again') });
  }
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

async function runOne(check: Check, ctx: DoctorContext): Promise<{ outcome: Outcome; heldBack: boolean }> {
  try {
    return { outcome: await check.run(ctx), heldBack: false };
  } catch (err) {
    return { outcome: notChecked(err, ctx), heldBack: heldBackByGovernor(err) };
  }
}

/** The quota governor refused the call (no errorCode: Salesforce never saw it). */
function heldBackByGovernor(err: unknown): boolean {
  return err instanceof OrgWardenError && err.code === 'SF_REQUEST_LIMIT' && err.data['errorCode'] === undefined;
}

/** A check that could not finish: why, and what would let it run. */
function notChecked(err: unknown, ctx: DoctorContext): Outcome {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof OrgWardenError) {
    switch (err.code) {
      case 'SF_REQUEST_LIMIT':
        return heldBackByGovernor(err)
          ? fail("not checked: the org's API allocation is at OrgWarden's reserve, so doctor makes no more calls (see api-allocation)", 'run doctor again when the rolling 24 h usage has dropped')
          : fail('not checked: Salesforce refused the call, the org has used its whole daily API allocation (REQUEST_LIMIT_EXCEEDED)', 'run doctor again when the rolling 24 h usage has dropped');
      case 'SF_AUTH_FAILED':
        return fail(`not checked: Salesforce refused the session (${message})`, reauthenticate(ctx.target));
      case 'SF_UNAVAILABLE':
        return fail(`not checked: Salesforce did not answer (${message})`, 'run doctor again; if it persists, check the network to the org');
      default:
        break;
    }
  }
  ctx.log.debug({ err }, 'doctor check could not finish');
  return fail(`not checked: ${message}`, 'see the message; run doctor again once it is resolved');
}
