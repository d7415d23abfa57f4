/**
 * What `orgwarden sim generate` is asked for, validated with a message per problem that says
 * what to fix. The generated period is whole UTC days from `start`; without `--start` it is a
 * fixed date, so the output never depends on the day the command runs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { DAY_MS } from './time';

export type EventMonitoringLevel = 'shield' | 'free' | 'none';

export interface GenerateOptions {
  users: number;
  days: number;
  seed: string;
  outDir: string;
  edition: string;
  eventMonitoring: EventMonitoringLevel;
  language: string;
  /** Midnight UTC of the first generated day. */
  startMs: number;
  /** The org's clock in org.json (default: the end of the period). */
  nowMs: number;
}

export interface RawGenerateOptions {
  users?: string;
  days?: string;
  seed?: string;
  out?: string;
  edition?: string;
  eventMonitoring?: string;
  language?: string;
  start?: string;
  now?: string;
}

/** Fewest users that leave room for every planted attack (the password spray alone needs 15 targets). */
export const MIN_USERS = 25;
export const MAX_USERS = 200_000;
/** The baselines learn for 7 days; attacks go after that and before the last day. */
export const MIN_DAYS = 9;
export const MAX_DAYS = 90;
export const DEFAULT_START = '2026-11-02';
export const EDITIONS = ['Enterprise Edition', 'Unlimited Edition', 'Performance Edition', 'Professional Edition', 'Developer Edition'];

function wholeNumber(value: string | undefined, flag: string, min: number, max: number, problems: string[]): number {
  if (value === undefined) {
    problems.push(`${flag} is required (a whole number from ${min} to ${max})`);
    return min;
  }
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) problems.push(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

function parseStart(value: string | undefined, problems: string[]): number {
  const text = value ?? DEFAULT_START;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !Number.isFinite(ms)) {
    problems.push(`--start must be a date such as 2026-11-02 (the first generated UTC day), got "${text}"`);
    return Date.parse(`${DEFAULT_START}T00:00:00Z`);
  }
  return ms;
}

function parseNow(value: string | undefined, endMs: number, problems: string[]): number {
  if (value === undefined) return endMs;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || !Number.isFinite(ms)) {
    problems.push(`--now must be an ISO-8601 date-time such as 2026-12-02T00:00:00Z, got "${value}"`);
    return endMs;
  }
  return ms;
}

function checkOutDir(out: string | undefined, problems: string[]): string {
  if (!out) {
    problems.push('--out DIR is required: the directory to write the fixture org into (new or empty)');
    return '';
  }
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    problems.push(`--out ${out} already exists and is not an empty directory: choose a new directory or empty it first`);
  }
  return out;
}

/** Validates the command-line values; `problems` lists everything wrong (empty when valid). */
export function resolveOptions(raw: RawGenerateOptions): { options: GenerateOptions; problems: string[] } {
  const problems: string[] = [];
  const users = wholeNumber(raw.users, '--users', MIN_USERS, MAX_USERS, problems);
  const days = wholeNumber(raw.days, '--days', MIN_DAYS, MAX_DAYS, problems);
  const seed = raw.seed ?? '';
  if (!seed) problems.push('--seed is required: any text; the same seed always gives the same org');
  const eventMonitoring = (raw.eventMonitoring ?? 'shield') as EventMonitoringLevel;
  if (!['shield', 'free', 'none'].includes(eventMonitoring)) problems.push(`--event-monitoring must be shield, free or none, got "${raw.eventMonitoring}"`);
  const language = raw.language ?? 'en_US';
  if (!/^[a-z]{2}(_[A-Z]{2})?$/.test(language)) problems.push(`--language must be a Salesforce language code such as en_US or de, got "${language}"`);
  const edition = raw.edition ?? 'Enterprise Edition';
  if (!edition.trim()) problems.push('--edition must not be empty (e.g. "Enterprise Edition")');
  const startMs = parseStart(raw.start, problems);
  const nowMs = parseNow(raw.now, startMs + days * DAY_MS, problems);
  const outDir = checkOutDir(raw.out, problems);
  return { options: { users, days, seed, outDir, edition, eventMonitoring, language, startMs, nowMs }, problems };
}
