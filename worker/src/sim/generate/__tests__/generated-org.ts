/**
 * Test helpers: small generated orgs in temp directories (the GeoIP data loaded once per test
 * file), and readers for the records and event log CSVs they contain.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { splitCsvLine } from '../../eventlogs/csv-header';
import { generateOrg, type GenerateResult } from '../generate';
import { GeoData } from '../geo/geo-data';
import { wantedAsns } from '../geo/world';
import { resolveOptions, type RawGenerateOptions } from '../options';

let geo: GeoData | undefined;
const dirs: string[] = [];

export function sharedGeo(): GeoData {
  geo ??= GeoData.load(wantedAsns());
  return geo;
}

/** Generates an org (30 users × 10 days unless told otherwise) into a fresh temp directory. */
export function generateTemp(raw: RawGenerateOptions = {}): { dir: string; result: GenerateResult } {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ow-gen-')), 'org');
  dirs.push(path.dirname(dir));
  const { options, problems } = resolveOptions({ users: '30', days: '10', seed: 'test-seed', out: dir, ...raw });
  if (problems.length) throw new Error(problems.join('\n'));
  return { dir, result: generateOrg(options, sharedGeo()) };
}

export function removeGenerated(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function readRecords(dir: string, sobject: string): Array<Record<string, unknown>> {
  return JSON.parse(readFileSync(path.join(dir, 'records', `${sobject}.json`), 'utf8')) as Array<Record<string, unknown>>;
}

export interface Csv {
  header: string[];
  rows: Array<Record<string, string>>;
  /** The raw lines after the header. */
  lines: string[];
}

export function readCsv(file: string): Csv {
  const [head = '', ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = splitCsvLine(head);
  return { header, lines, rows: lines.map((l) => Object.fromEntries(splitCsvLine(l).map((v, i) => [header[i] as string, v]))) };
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

export function eventLogFiles(dir: string, type: string): string[] {
  return readdirSync(path.join(dir, 'eventlogs', type)).sort();
}
