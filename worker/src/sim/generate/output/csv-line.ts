/**
 * Event log CSV lines as Salesforce writes them: every value double-quoted, embedded quotes
 * doubled, empty values as "" (never unquoted), lines ending in "\n" like the real Login
 * samples (newrelic, elastic-beats).
 */
export type CsvValue = string | number | boolean | null | undefined;

function quote(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  const text = typeof value === 'string' ? value : String(value);
  return text.includes('"') ? `"${text.replace(/"/g, '""')}"` : `"${text}"`;
}

/**
 * One CSV line (with its newline) for the columns, reading each value from `row`; `first`, when
 * given, is the first column's value (EVENT_TYPE). Built with join: a flat string, cheap to encode.
 */
export function csvLine(columns: readonly string[], row: Readonly<Record<string, CsvValue>>, first?: string): string {
  const values = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) values[i] = quote(i === 0 && first !== undefined ? first : row[columns[i] as string]);
  return `${values.join(',')}\n`;
}

/** The header line: quoted upper-snake column names. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map((c) => `"${c}"`).join(',')}\n`;
}
