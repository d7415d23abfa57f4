/**
 * One pass of one stream: for each of its sources, page by page — fetch → normalize → enrich →
 * detect → write the page's alerts back → commit the page's detection state and cursor together.
 * A crash anywhere before the commit replays the page from the old state (same alerts, same
 * keys); nothing is applied twice. Detect → commit holds the org's state lock (state/state-lock.ts),
 * so a page of another stream never evaluates against state this page is about to replace.
 * The same code runs once in process for `scan` and inside a BullMQ job for `run`.
 */
import { AlertSet, toAlert, type Alert } from '../alerts/alert';
import { writeAlerts, type WriteBackResult } from '../alerts/write-back';
import type { PolicyRunner } from '../detections/run-policies';
import { enrichAll, type Enricher } from '../enrichment/enricher';
import type { Logger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import { stagePageCounts } from '../ops/status-store';
import { readCursor, stageCursor } from '../state/cursor-store';
import type { StateLock } from '../state/state-lock';
import type { StateBatch, StateStore } from '../state/state-store';
import type { SourcePage, SourceStatus, StreamDefinition, StreamSource, TimeWindow } from '../streams/stream';
import type { Config } from '../config';

export interface PassDeps {
  client: OrgClient;
  policies: PolicyRunner;
  enrichers: readonly Enricher[];
  state: StateStore;
  /** Serializes detect → commit with the org's other passes (run, backfill); absent when passes run one at a time (scan). */
  stateLock?: StateLock;
  log: Logger;
  config?: Readonly<Config>;
}

export interface PassResult {
  stream: string;
  records: number;
  skipped: number;
  duplicates: number;
  apiCalls: number;
  /** What the sources reported (a source not available in the org, a fallback mode). */
  statuses: SourceStatus[];
  /** The latest version of every alert raised or updated in the pass. */
  alerts: Alert[];
  writeBack: WriteBackResult;
}

export interface PassWindow {
  untilMs: number;
  /** Explicit start (scan); otherwise from each source's stored cursor, or the backfill on first run. */
  fromMs?: number;
}

export async function runStreamPass(stream: StreamDefinition, deps: PassDeps, passWindow: PassWindow): Promise<PassResult> {
  const callsBefore = deps.client.callCount;
  const alerts = new AlertSet();
  const result: PassResult = { stream: stream.name, records: 0, skipped: 0, duplicates: 0, apiCalls: 0, statuses: [], alerts: [], writeBack: { written: 0, failed: [] } };
  for (const source of stream.sources) {
    const completed = await runSource(stream, source, deps, passWindow, result, alerts);
    if (!completed) break;
  }
  result.alerts = alerts.values();
  result.apiCalls = deps.client.callCount - callsBefore;
  if (result.writeBack.failed.length > 0) {
    deps.log.error({ stream: stream.name, failed: result.writeBack.failed }, 'some alerts could not be written to Warden_Alert__c');
  }
  deps.log.info(
    { stream: stream.name, records: result.records, skipped: result.skipped, alerts: result.alerts.length, apiCalls: result.apiCalls },
    'stream pass done',
  );
  return result;
}

/** Returns false when write-back failed: the rest waits for the next pass. */
async function runSource(stream: StreamDefinition, source: StreamSource, deps: PassDeps, passWindow: PassWindow, result: PassResult, alerts: AlertSet): Promise<boolean> {
  const batch = deps.state.begin();
  const cursorName = `${stream.name}:${source.id}`;
  const previous = passWindow.fromMs === undefined ? await readCursor<unknown>(batch, cursorName) : undefined;
  const window: TimeWindow = {
    fromMs: passWindow.fromMs ?? (previous === undefined ? passWindow.untilMs - stream.backfillDays * 86_400_000 : source.resumeFrom(previous)),
    untilMs: passWindow.untilMs,
  };
  const ctx = { client: deps.client, log: deps.log, state: deps.state, ...(deps.config ? { config: deps.config } : {}), report: (status: SourceStatus) => result.statuses.push(status) };
  // A page is read (downloaded, parsed) while the page before it is still being committed: the
  // commit mostly waits on Redis. Nothing of a page counts until the page before it committed.
  let committing: Promise<boolean> = Promise.resolve(true);
  try {
    for await (const page of source.pages(ctx, window, previous)) {
      if (!(await committing)) return false;
      result.records += page.records;
      result.skipped += page.skipped;
      result.duplicates += page.duplicates;
      await enrichAll(deps.enrichers, page.activities);
      committing = exclusive(deps, async () => {
        const alertsByPolicy = await handlePage(page, deps, batch, result, alerts);
        if (!alertsByPolicy) return false;
        stageCursor(batch, cursorName, page.cursor);
        stagePageCounts(batch, stream.name, { records: page.records, skipped: page.skipped, alertsByPolicy });
        // The page's activities are done with: let them go while the commit and the next read run.
        page.activities.length = 0;
        await batch.commit();
        return true;
      });
      // Its failure is seen when awaited (next page or the end); not an unhandled rejection meanwhile.
      committing.catch(() => undefined);
    }
  } catch (err) {
    // A page may still be committing: let it land before the failure is reported, so that a
    // retry reads the cursor it leaves and never evaluates that page again.
    await committing.catch(() => undefined);
    throw err;
  }
  return committing;
}

function exclusive<T>(deps: PassDeps, work: () => Promise<T>): Promise<T> {
  return deps.stateLock ? deps.stateLock.exclusive(work) : work();
}

/** The page's alerts by policy, or undefined when write-back failed. */
async function handlePage(page: SourcePage, deps: PassDeps, batch: StateBatch, result: PassResult, alerts: AlertSet): Promise<Record<string, number> | undefined> {
  const pageAlerts = (await deps.policies.evaluate(page.activities, batch)).map((draft) => {
    const policy = deps.policies.policies.find((p) => p.meta.id === draft.policy)!;
    return toAlert(draft, policy.meta);
  });
  for (const alert of pageAlerts) alerts.add(alert);
  const written = await writeAlerts(deps.client, pageAlerts);
  result.writeBack.written += written.written;
  result.writeBack.failed.push(...written.failed);
  // Alerts not in the org: keep the old state and cursor, so the next pass reads this page again.
  if (written.failed.length > 0) return undefined;
  const byPolicy: Record<string, number> = {};
  for (const alert of pageAlerts) byPolicy[alert.policy] = (byPolicy[alert.policy] ?? 0) + 1;
  return byPolicy;
}
