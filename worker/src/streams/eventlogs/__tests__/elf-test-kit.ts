/**
 * Test helpers for the event logs stream: a small org served by the simulator (faults and clock
 * at hand), reached through jsforce under OrgClient as the worker does, and a pass that records
 * the activities it handed to the policies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line no-restricted-imports -- test helper: reaches the simulator through jsforce, as the worker does
import { Connection } from 'jsforce';
import type { Activity } from '../../../activity/activity';
import { parseConfig } from '../../../config';
import { createPolicyRunner } from '../../../detections/run-policies';
import { silentLogger } from '../../../logger';
import { runStreamPass, type PassDeps, type PassResult } from '../../../pipeline/stream-pass';
import { OrgClient, type ConnectionLike } from '../../../salesforce/org-client';
import { QuotaGovernor } from '../../../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS } from '../../../salesforce/quota-policy';
import { MemoryQuotaStore } from '../../../salesforce/quota-store';
import { ORG_ID, ORG_JSON, startSim, type FixtureFiles } from '../../../sim/__tests__/sim-test-kit';
import { to18 } from '../../../sim/ids';
import { OrgSimulator } from '../../../sim/index';
import { MemoryStateStore, type StateStore } from '../../../state/state-store';
import { eventLogFilesSource, eventLogsStream } from '../../event-log-files';
import type { StreamDefinition } from '../../stream';
import type { EventLogSourceOptions } from '../event-log-source';

export const API_HEADER = ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'USER_ID', 'METHOD_NAME', 'ROWS_PROCESSED', 'TIMESTAMP_DERIVED', 'USER_ID_DERIVED', 'CLIENT_IP'];
export const ALICE15 = '0055g00000Alice';

const q = (v: string) => `"${v.replaceAll('"', '""')}"`;

/** An API row at `iso` with REQUEST_ID `id`. */
export function apiRow(id: string, iso: string): string[] {
  const compact = iso.replace(/[-:TZ]/g, '').replace(/(\d{14})(\d{3})$/, '$1.$2');
  return ['API', compact, id, ALICE15, 'query', '10', iso, `${ALICE15}AAA`, '192.0.2.10'];
}

export function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(q).join(',') + '\n').join('');
}

const BASE_MS = Date.parse('2024-01-07T10:00:00.000Z');

/** API rows `from`..`to` (inclusive) of REQUEST_ID `a<n>`, row n at 2024-01-07T10:00:00Z + n seconds. */
export function apiRows(from: number, to: number): string[][] {
  return Array.from({ length: to - from + 1 }, (_, i) => apiRow(`a${from + i}`, new Date(BASE_MS + (from + i) * 1000).toISOString()));
}

export interface SimOrg {
  sim: OrgSimulator;
  client: OrgClient;
  state: StateStore;
  close(): Promise<void>;
}

function clientOf(sim: OrgSimulator, url: string, orgId: string): OrgClient {
  const log = silentLogger();
  // A refresh function like the JWT flow's: a new token from the org (what jsforce calls on a 401).
  const conn = new Connection({ instanceUrl: url, accessToken: sim.issueAccessToken(), version: '62.0', refreshFn: (_c, callback) => callback(null, sim.issueAccessToken()) });
  const governor = new QuotaGovernor(new MemoryQuotaStore(), { ...DEFAULT_QUOTA_PARAMS, reservePercent: 10 }, log);
  return new OrgClient(orgId, conn as unknown as ConnectionLike, governor, log);
}

/** A shield org (unless `org` says otherwise) with these event log files and CreatedDates. */
export async function openSimOrg(files: FixtureFiles, org: Record<string, unknown> = {}, createdDates: Record<string, string> = {}): Promise<SimOrg> {
  const { sim, url } = await startSim({
    'org.json': { ...ORG_JSON, ...org, eventLogPublication: { createdDates } },
    'records/User.json': [{ Id: `${ALICE15}AAA`, Username: 'alice@example.com', LastName: 'Ng', IsActive: true, CreatedDate: '2021-03-01T09:00:00Z' }],
    ...files,
  });
  return { sim, client: clientOf(sim, url, ORG_ID), state: new MemoryStateStore(), close: () => sim.stop() };
}

/** A fixture org directory (a generated one) served by the simulator. */
export async function openSimDir(dir: string): Promise<SimOrg> {
  const sim = await OrgSimulator.load(dir);
  const { url } = await sim.start({ port: 0 });
  const orgId = (JSON.parse(readFileSync(path.join(dir, 'org.json'), 'utf8')) as { organizationId: string }).organizationId;
  return { sim, client: clientOf(sim, url, to18(orgId)), state: new MemoryStateStore(), close: () => sim.stop() };
}

export function stream(options: EventLogSourceOptions = {}): StreamDefinition {
  return { ...eventLogsStream, sources: [eventLogFilesSource({ retry: { attempts: 3, delayMs: 5 }, ...options })] };
}

export interface Pass {
  result: PassResult;
  activities: Activity[];
}

/** One pass of the stream up to `untilIso`; the activities every page carried. */
export async function pass(org: SimOrg, untilIso: string, def: StreamDefinition = stream(), state: StateStore = org.state, fromIso?: string): Promise<Pass> {
  const activities: Activity[] = [];
  const inner = createPolicyRunner(parseConfig({}));
  const deps: PassDeps = {
    client: org.client,
    policies: { policies: inner.policies, evaluate: async (page, batch) => (activities.push(...page), inner.evaluate(page, batch)) },
    enrichers: [],
    state,
    log: silentLogger(),
  };
  const result = await runStreamPass(def, deps, { untilMs: Date.parse(untilIso), ...(fromIso ? { fromMs: Date.parse(fromIso) } : {}) });
  return { result, activities };
}

export const requestIds = (activities: readonly Activity[]) => activities.map((a) => a.requestId).sort((a, b) => String(a).localeCompare(String(b), 'en', { numeric: true }));
