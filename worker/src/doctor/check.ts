/**
 * `orgwarden doctor` (DESIGN §4.1): one check per prerequisite of the install steps (README
 * "Install in your org"), each saying what it saw and, when it is not a pass, exactly what to
 * change. Check ids are permanent: the README, the JSON output and scripts refer to them.
 */
import type { Config } from '../config';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import { API_VERSION } from '../salesforce/api-version';
import type { OrgClient } from '../salesforce/org-client';
import type { CallPriority } from '../salesforce/quota-policy';
import type { Target } from '../salesforce/targets';
import type { OrgFacts } from './org-facts';

export const CHECK_IDS = [
  'api-access',
  'service-account',
  'language',
  'package',
  'permissions',
  'crm-content-user',
  'data-access',
  'event-monitoring',
  'session-ip-lock',
  'content-deliveries',
  'api-allocation',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** What each check looks at, for `doctor --help`. */
export const CHECK_SUMMARIES: Readonly<Record<CheckId, string>> = {
  'api-access': `the session works; the org serves REST API ${API_VERSION}; its edition`,
  'service-account': 'who the worker signs in as: an active, dedicated internal user',
  language: "sign-in results read right in the account's language",
  package: 'the four Warden objects; every field the worker writes is editable',
  permissions: 'system permissions of the account (profile and permission sets)',
  'crm-content-user': 'the Salesforce CRM Content User flag, when CRM Content is on',
  'data-access': 'every source the streams read answers the account',
  'event-monitoring': 'event log types, hourly files, real-time event storage',
  'session-ip-lock': 'sessions are not locked to their IP address',
  'content-deliveries': 'Content Deliveries and Public Links are on',
  'api-allocation': 'daily API requests left against the reserve',
};

/** pass: ready; warn: works, with less coverage or something to know; fail: must be fixed. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  observed: string;
  /** The Setup path (or command) and what to change; null on a pass. */
  fix: string | null;
}

export type Outcome = Omit<CheckResult, 'id'>;

export interface DoctorContext {
  target: Target;
  client: OrgClient;
  facts: OrgFacts;
  config: Readonly<Config>;
  log: Logger;
}

export interface Check {
  id: CheckId;
  run(ctx: DoctorContext): Promise<Outcome>;
}

/**
 * Doctor's calls stop only at the reserve itself (no headroom above it, like a governance action):
 * an operator asked for them now, and they are few (about 30 per run).
 */
export const DOCTOR_PRIORITY: CallPriority = 'governance';

export const pass = (observed: string): Outcome => ({ status: 'pass', observed, fix: null });
export const warn = (observed: string, fix: string): Outcome => ({ status: 'warn', observed, fix });
export const fail = (observed: string, fix: string): Outcome => ({ status: 'fail', observed, fix });

/** The first page of a query (one call, at most 200 rows): enough to prove the account can read it. */
export async function firstPage<T>(ctx: DoctorContext, query: string, options: { all?: boolean } = {}): Promise<T[]> {
  for await (const rows of ctx.client.queryPages<T>(query, { priority: DOCTOR_PRIORITY, batchSize: 200, ...(options.all ? { all: true } : {}) })) return rows;
  return [];
}

/** The hour before the org's current time: a small window for the streams' own queries. */
export function lastHour(ctx: DoctorContext): { fromMs: number; untilMs: number } {
  const untilMs = ctx.client.orgNowMs();
  return { fromMs: untilMs - 3_600_000, untilMs };
}

/** Salesforce's errorCode of a failed call, without the SOAP `sf:` prefix (INVALID_TYPE, INSUFFICIENT_ACCESS …). */
export function sfErrorCode(err: unknown): string | undefined {
  if (!(err instanceof OrgWardenError)) return undefined;
  const code = err.data['errorCode'];
  return typeof code === 'string' ? code.replace(/^sf:/, '') : undefined;
}

/** What a refused call says, for an `observed` text: the errorCode, else the error's message. */
export function refusal(err: unknown): string {
  const code = sfErrorCode(err);
  if (code) return code;
  return err instanceof Error ? err.message : String(err);
}
