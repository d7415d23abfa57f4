/** Command-line parsing shared by the commands: node's parseArgs, errors as USAGE. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OrgWardenError } from '../errors';

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, help: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new OrgWardenError('USAGE', detail, { cause, actions: [help.split('\n')[0] ?? ''] });
  }
}

/** Parses an ISO-8601 instant given on the command line. */
export function parseInstant(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !Number.isFinite(ms)) {
    throw new OrgWardenError('USAGE', `${flag} "${value}" is not an ISO-8601 date/time`, { actions: [`e.g. ${flag} 2026-11-20T00:00:00Z`] });
  }
  return ms;
}
