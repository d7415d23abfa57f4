/**
 * Downloads of log files are retried inside the pass when the connection drops or Salesforce
 * answers 5xx (errors.ts classifies both as SF_UNAVAILABLE): big files are the likeliest calls to
 * be cut, and starting the whole job again would repeat every file before this one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { OrgWardenError } from '../../errors';
import type { Logger } from '../../logger';

export interface RetryOptions {
  /** Tries per file, the first included. */
  attempts: number;
  /** Wait before the second try; doubled for each further one. */
  delayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, delayMs: 2_000 };

export function isRetryable(err: unknown): boolean {
  return err instanceof OrgWardenError && err.code === 'SF_UNAVAILABLE';
}

/** The file is gone (purged after its retention, or deleted): 404 NOT_FOUND. */
export function isGone(err: unknown): boolean {
  return err instanceof OrgWardenError && err.data['errorCode'] === 'NOT_FOUND';
}

/** Waits before try `attempt + 1`, or rethrows when the error is not worth another try. */
export async function beforeRetry(err: unknown, attempt: number, retry: RetryOptions, log: Logger, what: Record<string, unknown>): Promise<void> {
  if (!isRetryable(err) || attempt >= retry.attempts) throw err;
  const delayMs = retry.delayMs * 2 ** (attempt - 1);
  log.warn({ ...what, attempt, delayMs, errorCode: (err as OrgWardenError).data['errorCode'] }, 'log file download interrupted: retrying');
  await sleep(delayMs);
}
