/**
 * Test helpers for streams: a fixture org copied to a temp directory (with org.json changes: a
 * language, faults), opened through the simulator with jsforce under OrgClient, and the deps a
 * stream pass needs (memory state, every policy, the user directory enricher).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '../config';
import { createPolicyRunner } from '../detections/run-policies';
import { UserDirectory } from '../enrichment/user-directory';
import { silentLogger } from '../logger';
import type { Activity } from '../activity/activity';
import { runStreamPass, type PassDeps, type PassResult, type PassWindow } from '../pipeline/stream-pass';
import type { StreamDefinition } from './stream';
import { connect, type Connected } from '../salesforce/connect';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../salesforce/quota-policy';
import { MemoryQuotaStore } from '../salesforce/quota-store';
import { MemoryStateStore } from '../state/state-store';

export const ACME = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'acme');
export const ACME_NOW = Date.parse('2026-11-20T18:00:00Z');

const temps: string[] = [];

/** A copy of a fixture org with org.json fields replaced, and extra files written. */
export function fixtureCopy(from: string, orgJson: Record<string, unknown> = {}, files: Record<string, unknown> = {}): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ow-stream-')), 'org');
  temps.push(path.dirname(dir));
  cpSync(from, dir, { recursive: true });
  const org = JSON.parse(readFileSync(path.join(dir, 'org.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'org.json'), JSON.stringify({ ...org, ...orgJson }));
  for (const [rel, content] of Object.entries(files)) writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

/** Acme with French as the org's and every user's language (the service account reads French). */
export function frenchAcme(orgJson: Record<string, unknown> = {}): string {
  const users = JSON.parse(readFileSync(path.join(ACME, 'records', 'User.json'), 'utf8')) as Array<Record<string, unknown>>;
  return fixtureCopy(ACME, { language: 'fr', ...orgJson }, { 'records/User.json': users.map((u) => ({ ...u, LanguageLocaleKey: 'fr' })) });
}

export function removeFixtureCopies(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface OpenOrg {
  connected: Connected;
  deps: PassDeps;
}

/** Connects to `sim:DIR` and makes one `/limits` call (the org's clock). */
export async function openOrg(dir: string, config: Readonly<Config> = parseConfig({})): Promise<OpenOrg> {
  const log = silentLogger();
  const connected = await connect({ kind: 'sim', dir }, { log, governorFor: () => new QuotaGovernor(new MemoryQuotaStore(), { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, log) });
  await connected.client.request('ingest', { method: 'GET', url: '/limits' });
  const deps: PassDeps = { client: connected.client, policies: createPolicyRunner(config), enrichers: [new UserDirectory(connected.client)], state: new MemoryStateStore(), log, config };
  return { connected, deps };
}

/** Runs one pass of `stream` and returns what it read, with the activities the policies were given. */
export async function passActivities(stream: StreamDefinition, deps: PassDeps, window: PassWindow): Promise<{ result: PassResult; activities: Activity[] }> {
  const activities: Activity[] = [];
  const policies = { ...deps.policies, evaluate: async (page: readonly Activity[], batch: Parameters<PassDeps['policies']['evaluate']>[1]) => {
    activities.push(...page);
    return deps.policies.evaluate(page, batch);
  } };
  const result = await runStreamPass(stream, { ...deps, policies }, window);
  return { result, activities };
}
