/**
 * OrgWarden's error catalogue. Every error a user can meet has a stable code, a message that
 * says what went wrong, and `actions`: what to do about it. The catalogue is the single list
 * (a test keeps the README's table in sync with it).
 */

export const ERROR_CATALOGUE = {
  CONFIG_INVALID: 'The configuration file has problems; each is listed with its path.',
  CONFIG_NOT_FOUND: 'The configuration file given with --config does not exist or cannot be read.',
  USAGE: 'The command line is incomplete or has an unknown option.',
  TARGET_INVALID: 'The org target (--org / --instance-url) is not usable.',
  FIXTURE_INVALID: 'A fixture org directory (sim:DIR) is missing files or has malformed data.',
  REDIS_UNAVAILABLE: 'Redis is not reachable at the configured URL.',
  SF_AUTH_FAILED: 'Salesforce refused the credentials (OAuth error or expired session without a way to refresh).',
  SF_REQUEST_LIMIT: 'The org has no API allocation left above the reserve; work waits until it frees up.',
  SF_API_ERROR: 'Salesforce answered a call with an error (its errorCode is kept in `data.errorCode`).',
  SF_UNAVAILABLE: 'Salesforce (or the network to it) is unavailable; the call is retried later.',
  WRITE_BACK_FAILED: 'Some alerts could not be written to Warden_Alert__c; the per-record errors are listed.',
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface OrgWardenErrorOptions {
  cause?: unknown;
  data?: Record<string, unknown>;
  /** What the user can do to fix it, one step per entry. */
  actions?: string[];
}

export class OrgWardenError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;
  readonly actions: string[];

  constructor(code: ErrorCode, message: string, options: OrgWardenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OrgWardenError';
    this.code = code;
    this.data = options.data ?? {};
    this.actions = options.actions ?? [];
  }
}

/** Renders an error for a person at a terminal: message, then the fix steps. */
export function formatForUser(err: unknown): string {
  if (err instanceof OrgWardenError) {
    const lines = [`orgwarden: ${err.message} [${err.code}]`];
    for (const action of err.actions) lines.push(`  - ${action}`);
    return lines.join('\n');
  }
  const message = err instanceof Error ? err.message : String(err);
  return `orgwarden: unexpected error: ${message}`;
}
