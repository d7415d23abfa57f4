/**
 * Which LoginHistory.Status value means "success" for the user reading it. Status is free text that
 * Salesforce renders in the reader's language ("Success", "Réussite", "Erfolgreich" …), so the
 * worker learns it instead of keying on a label: its own session is, by construction, a successful
 * sign-in, and that sign-in's LoginHistory row is reachable from the session
 * (AuthSession.IsCurrent, API 37.0+: the session making the call; AuthSession.LoginHistoryId,
 * API 33.0+: the login of the session). Every row whose Status equals that value is a success.
 *
 * Learned once per client (one org, one reader) and re-learned daily, in case the service
 * account's language changes. When it cannot be learned, only the documented English "Success"
 * counts as a success, a warning says the service account must read English, and the source
 * reports the stream as degraded (scan prints it).
 */
import { OrgWardenError } from '../errors';
import type { OrgClient } from '../salesforce/org-client';
import { soql } from '../salesforce/soql';
import type { SourceContext } from './stream';

export const ENGLISH_SUCCESS_STATUS = 'Success';
const RELEARN_AFTER_MS = 24 * 3_600_000;

export interface LoginSuccessStatus {
  value: string;
  /** true: read from the service account's own sign-in; false: the English fallback. */
  learned: boolean;
}

const learnedByClient = new WeakMap<OrgClient, { status: LoginSuccessStatus; atMs: number }>();

export async function loginSuccessStatus(ctx: SourceContext): Promise<LoginSuccessStatus> {
  const cached = learnedByClient.get(ctx.client);
  if (cached && Date.now() - cached.atMs < RELEARN_AFTER_MS) return cached.status;
  const status = await learn(ctx);
  learnedByClient.set(ctx.client, { status, atMs: Date.now() });
  if (status.learned) {
    ctx.log.info({ stream: 'logins', successStatus: status.value }, 'learned the success value of LoginHistory.Status from the service account\'s own sign-in');
  }
  return status;
}

/** A status line for `scan` and the status record. */
export function describeLoginStatus(status: LoginSuccessStatus): string {
  return status.learned
    ? `LoginHistory.Status success value learned from the service account's own sign-in: "${status.value}" (language-independent)`
    : `could not learn the success value of LoginHistory.Status: only "${ENGLISH_SUCCESS_STATUS}" counts as a success, so the service account's language must be English`;
}

async function learn(ctx: SourceContext): Promise<LoginSuccessStatus> {
  try {
    const value = await ownSignInStatus(ctx.client);
    if (value) return { value, learned: true };
    ctx.log.warn({ stream: 'logins' }, 'the service account\'s session has no LoginHistory row: treating only "Success" as success (the service account must read English)');
  } catch (err) {
    // Outages and expired sessions are retried by the job; a refusal (no access, old API) falls back.
    if (!(err instanceof OrgWardenError) || err.code !== 'SF_API_ERROR') throw err;
    ctx.log.warn({ stream: 'logins', errorCode: err.data['errorCode'] }, 'cannot read the service account\'s own sign-in: treating only "Success" as success (the service account must read English)');
  }
  return { value: ENGLISH_SUCCESS_STATUS, learned: false };
}

async function ownSignInStatus(client: OrgClient): Promise<string | undefined> {
  // IsCurrent: only the session this very call runs in — ours, so its login succeeded.
  const session = await firstRow<{ LoginHistoryId: string | null }>(client, soql`SELECT LoginHistoryId FROM AuthSession WHERE IsCurrent = true`);
  if (!session?.LoginHistoryId) return undefined;
  const login = await firstRow<{ Status: string | null }>(client, soql`SELECT Status FROM LoginHistory WHERE Id = ${session.LoginHistoryId}`);
  return login?.Status || undefined;
}

async function firstRow<T>(client: OrgClient, query: string): Promise<T | undefined> {
  for await (const rows of client.queryPages<T>(query, { priority: 'ingest' })) return rows[0];
  return undefined;
}
