import { SoqlError, type SoqlErrorCode } from './api';

/**
 * Builds a SoqlError whose message points at the offending spot the way Salesforce does:
 * the query line, a caret, `ERROR at Row:R:Column:C`, then the reason. Developers reading
 * a simulator failure should recognise the shape they know from real orgs.
 */
export function soqlErrorAt(code: SoqlErrorCode, soql: string, offset: number, reason: string): SoqlError {
  const safeOffset = Math.max(0, Math.min(offset, soql.length));
  const before = soql.slice(0, safeOffset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEndIndex = soql.indexOf('\n', safeOffset);
  const line = soql.slice(lineStart, lineEndIndex === -1 ? soql.length : lineEndIndex);
  const column = safeOffset - lineStart + 1;
  const caret = `${' '.repeat(column - 1)}^`;
  return new SoqlError(code, `\n${line}\n${caret}\nERROR at Row:${row}:Column:${column}\n${reason}`);
}

/** For syntax the simulator deliberately does not implement: fail loudly rather than mis-answer. */
export function unsupportedAt(soql: string, offset: number, what: string): SoqlError {
  return soqlErrorAt('MALFORMED_QUERY', soql, offset, `${what} is not supported by the OrgWarden simulator`);
}
