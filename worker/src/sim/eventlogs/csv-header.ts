/**
 * Reads the header row of an event log CSV without loading the file: Salesforce writes column
 * names double-quoted (`"EVENT_TYPE","TIMESTAMP",…`), and LogFileFieldNames repeats them. It also
 * tells whether any row follows: a period without events has no file in Salesforce.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const MAX_HEADER_BYTES = 64 * 1024;

/** Splits one CSV line (RFC 4180 quoting) into values. */
export function splitCsvLine(line: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quoted) {
      if (c === '"' && line.charAt(i + 1) === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      values.push(current);
      current = '';
    } else current += c;
  }
  values.push(current);
  return values;
}

export interface CsvStart {
  /** Column names of the first line. */
  columns: string[];
  /** Whether a non-empty line follows the header (Salesforce publishes no file without events). */
  hasDataRow: boolean;
}

/** The header of a CSV file and whether rows follow it; undefined when it has no header row. */
export function readCsvStart(file: string): CsvStart | undefined {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const bytes = readSync(fd, buffer, 0, MAX_HEADER_BYTES, 0);
    const text = buffer.subarray(0, bytes).toString('utf8').replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    const line = end === -1 ? (bytes < MAX_HEADER_BYTES ? text : '') : text.slice(0, end);
    if (!line.trim()) return undefined;
    const rest = end === -1 ? '' : text.slice(end).replace(/^\r?\n/, '');
    // A header longer than the buffer leaves nothing to inspect: assume rows follow.
    const hasDataRow = rest.trim() !== '' || bytes === MAX_HEADER_BYTES;
    return { columns: splitCsvLine(line).map((v) => v.trim()), hasDataRow };
  } finally {
    closeSync(fd);
  }
}

/** The column names of a CSV file's first line, or undefined when the file has no header row. */
export function readCsvHeader(file: string): string[] | undefined {
  return readCsvStart(file)?.columns;
}
