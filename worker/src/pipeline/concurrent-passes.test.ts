/**
 * Two streams of one org feeding one policy at the same time (an audit trail entry and an event
 * log row of the same Login-As): each page's state change must survive the other's commit. The
 * org's state lock keeps evaluate → write-back → commit of one page from overlapping another's.
 */
import type { Activity } from '../activity/activity';
import { parseConfig } from '../config';
import { createPolicyRunner } from '../detections/run-policies';
import type { Policy } from '../detections/types';
import { silentLogger } from '../logger';
import type { OrgClient, SaveResult } from '../salesforce/org-client';
import { LocalStateLock } from '../state/state-lock';
import { MemoryStateStore } from '../state/state-store';
import type { StreamDefinition, StreamName } from '../streams/stream';
import { runStreamPass, type PassDeps } from './stream-pass';

const PAGES = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts every activity it is given in one key, and raises an alert with the running total. */
const tally: Policy = {
  meta: {
    id: 'tally', name: 'Tally', severity: 'low', mitre: [], description: 'counts', knownGaps: [], falsePositives: [], runbook: [],
    dataSources: ['audit', 'eventlogs'], sources: ['SetupAuditTrail', 'ELF:LoginAs'], thresholds: {}, sensitivity: { low: '', medium: '', high: '' },
  },
  thresholdsFor: () => ({}),
  async evaluate(activities, ctx) {
    const seen = (await ctx.state.getMany<number>(['seen'])).get('seen') ?? 0;
    await sleep(1);
    const total = seen + activities.length;
    await ctx.state.setMany(new Map([['seen', total]]), 3600);
    const last = activities[activities.length - 1]!;
    return [{ policy: 'tally', severity: 'low', bucket: 'all', subject: 'org', occurredAtMs: 0, lastSeenAtMs: last.timeMs, count: total, title: 'tally', description: 'tally', evidence: {} }];
  },
};

/** A stream with one source yielding PAGES pages of one activity each. */
function stream(name: StreamName, source: string): StreamDefinition {
  return {
    name, pollIntervalMinutes: 15, backfillDays: 1, priority: 'ingest',
    sources: [{
      id: source,
      resumeFrom: () => 0,
      async *pages() {
        for (let i = 0; i < PAGES; i++) {
          await sleep(1);
          const activity = { id: `${source}-${i}`, source, timeMs: i, orgId: '00D000000000001', kind: 'login-as', ipTags: [] } as unknown as Activity;
          yield { activities: [activity], records: 1, skipped: 0, duplicates: 0, cursor: { page: i } };
        }
      },
    }],
  };
}

/** The org: alert writes take a moment, as a Salesforce call does. */
const client = {
  callCount: 0,
  async upsertCollection(_sobject: string, _field: string, records: readonly unknown[]): Promise<SaveResult[]> {
    await sleep(3);
    return records.map(() => ({ success: true, errors: [] }));
  },
} as unknown as OrgClient;

async function bothStreamsAtOnce(deps: PassDeps): Promise<number | undefined> {
  await Promise.all([runStreamPass(stream('audit', 'SetupAuditTrail'), deps, { untilMs: 1 }), runStreamPass(stream('eventlogs', 'ELF:LoginAs'), deps, { untilMs: 1 })]);
  const [value] = [...(await deps.state.begin().get<number>(['state:tally:seen'])).values()];
  return value;
}

function deps(withLock: boolean): PassDeps {
  return {
    client,
    policies: createPolicyRunner(parseConfig({}), [tally]),
    enrichers: [],
    state: new MemoryStateStore(),
    log: silentLogger(),
    ...(withLock ? { stateLock: new LocalStateLock() } : {}),
  };
}

it('counts every page of both streams once when they run side by side', async () => {
  expect(await bothStreamsAtOnce(deps(true))).toBe(2 * PAGES);
});

it('(why: without the lock, one stream commits over the other and pages are lost)', async () => {
  expect(await bothStreamsAtOnce(deps(false))).toBeLessThan(2 * PAGES);
});
