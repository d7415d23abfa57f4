/**
 * The optional terminated-users file (config `terminatedUsersFile`): who HR or the identity
 * provider says has left, and when. CSV with a header row (`username` and/or `email`,
 * `terminatedAt`; quoted or not) or JSON (an array of objects with the same keys).
 * `terminatedAt` is ISO-8601 (a date alone means 00:00 UTC). Bad rows are listed with their line
 * (CSV) or index (JSON) and skipped; the rest is used.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Termination {
  username?: string;
  email?: string;
  terminatedAtMs: number;
}

export interface TerminatedUsers {
  path: string;
  /** sha-256 of the content: the users stream reloads when it changes. */
  digest: string;
  terminations: Termination[];
  /** `line 4: terminatedAt "yesterday" is not an ISO-8601 date` … */
  problems: string[];
}

export function readTerminatedUsers(path: string): TerminatedUsers {
  const text = readFileSync(path, 'utf8');
  const digest = createHash('sha256').update(text).digest('hex');
  const entries = /\.json$/i.test(path) ? jsonEntries(text) : csvEntries(text);
  const terminations: Termination[] = [];
  const problems: string[] = [...entries.problems];
  for (const { where, value } of entries.rows) {
    const parsed = toTermination(value);
    if (typeof parsed === 'string') problems.push(`${where}: ${parsed}`);
    else terminations.push(parsed);
  }
  return { path, digest, terminations, problems };
}

interface Entries {
  rows: Array<{ where: string; value: Record<string, unknown> }>;
  problems: string[];
}

function jsonEntries(text: string): Entries {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { rows: [], problems: [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  if (!Array.isArray(parsed)) return { rows: [], problems: ['expected a JSON array of {username|email, terminatedAt}'] };
  return {
    rows: parsed.flatMap((value, i) => (value && typeof value === 'object' ? [{ where: `entry ${i + 1}`, value: value as Record<string, unknown> }] : [])),
    problems: parsed.flatMap((value, i) => (value && typeof value === 'object' ? [] : [`entry ${i + 1}: not an object`])),
  };
}

function csvEntries(text: string): Entries {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  if (!header.includes('terminatedat') || !(header.includes('username') || header.includes('email'))) {
    return { rows: [], problems: ['line 1: the header must name terminatedAt and username and/or email'] };
  }
  const rows: Entries['rows'] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const values = splitCsvLine(line);
    rows.push({ where: `line ${i + 2}`, value: Object.fromEntries(header.map((h, k) => [h, values[k]])) });
  });
  return { rows, problems: [] };
}

/** One CSV record on one line: commas, double-quoted values with `""` for a quote. */
export function splitCsvLine(line: string): string[] {
  const values: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted && ch === '"' && line.charAt(i + 1) === '"') {
      value += '"';
      i += 1;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      values.push(value);
      value = '';
    } else value += ch;
  }
  values.push(value);
  return values;
}

function toTermination(value: Record<string, unknown>): Termination | string {
  const field = (name: string) => {
    const key = Object.keys(value).find((k) => k.toLowerCase() === name);
    const found = key === undefined ? undefined : value[key];
    return typeof found === 'string' && found.trim() ? found.trim() : undefined;
  };
  const username = field('username');
  const email = field('email');
  const at = field('terminatedat');
  if (!username && !email) return 'needs a username or an email';
  if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) return `email "${email}" is not an e-mail address`;
  const terminatedAtMs = at && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(at) ? Date.parse(asUtcIso(at)) : Number.NaN;
  if (!Number.isFinite(terminatedAtMs)) return `terminatedAt ${at === undefined ? '(missing)' : `"${at}"`} is not an ISO-8601 date or time`;
  return { ...(username ? { username } : {}), ...(email ? { email } : {}), terminatedAtMs };
}

/** A date alone is 00:00 UTC; a time without an offset is UTC (never the worker's local zone). */
function asUtcIso(at: string): string {
  if (at.length === 10) return `${at}T00:00:00Z`;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(at) ? at : `${at}Z`;
}
