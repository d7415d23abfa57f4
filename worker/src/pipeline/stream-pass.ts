/**
 * One pass of one stream: fetch a page → normalize → enrich → detect → write the page's alerts
 * back → commit the page's detection state and cursor together. A crash anywhere before the
 * commit replays the page from the old state (same alerts, same keys); nothing is applied twice.
 * The same code runs once in process for `scan` and inside a BullMQ job for `run`.
 */
import { AlertSet, toAlert, type Alert } from '../alerts/alert';
import { writeAlerts, type WriteBackResult } from '../alerts/write-back';
import type { Activity } from '../activity/activity';
import type { PolicyRunner } from '../detections/run-policies';
import type { UserDirectory } from '../enrichment/user-directory';
import type { Logger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import { readCursor, stageCursor, type TimeCursor } from '../state/cursor-store';
import type { StateStore } from '../state/state-store';
import { pollByTime, windowStart } from '../streams/cursor-poll';
import type { TimeCursorStream, TimeWindow } from '../streams/stream';

export interface PassDeps {
  client: OrgClient;
  policies: PolicyRunner;
  users: UserDirectory;
  state: StateStore;
  log: Logger;
}

export interface PassResult {
  stream: string;
  window: TimeWindow;
  records: number;
  skipped: number;
  duplicates: number;
  apiCalls: number;
  /** The latest version of every alert raised or updated in the pass. */
  alerts: Alert[];
  writeBack: WriteBackResult;
}

export interface PassWindow {
  untilMs: number;
  /** Explicit start (scan); otherwise from the stored cursor, or the stream's backfill on first run. */
  fromMs?: number;
}

export async function runTimeStreamPass<Row>(stream: TimeCursorStream<Row>, deps: PassDeps, passWindow: PassWindow): Promise<PassResult> {
  const callsBefore = deps.client.callCount;
  const batch = deps.state.begin();
  const previous = passWindow.fromMs === undefined ? await readCursor<TimeCursor>(batch, stream.name) : undefined;
  const window: TimeWindow = {
    fromMs: passWindow.fromMs ?? (previous ? windowStart(previous) : passWindow.untilMs - stream.backfillDays * 86_400_000),
    untilMs: passWindow.untilMs,
  };
  const alerts = new AlertSet();
  const result: PassResult = { stream: stream.name, window, records: 0, skipped: 0, duplicates: 0, apiCalls: 0, alerts: [], writeBack: { written: 0, failed: [] } };
  for await (const page of pollByTime(stream, deps.client, window, previous)) {
    result.records += page.records;
    result.skipped += page.skipped;
    result.duplicates += page.duplicates;
    await enrich(page.activities, deps.users);
    const pageAlerts = (await deps.policies.evaluate(page.activities, batch)).map((draft) => {
      const policy = deps.policies.policies.find((p) => p.meta.id === draft.policy)!;
      return toAlert(draft, policy.meta);
    });
    for (const alert of pageAlerts) alerts.add(alert);
    const written = await writeAlerts(deps.client, pageAlerts);
    result.writeBack.written += written.written;
    result.writeBack.failed.push(...written.failed);
    // Alerts not in the org: keep the old state and cursor, so the next pass reads this page again.
    if (written.failed.length > 0) break;
    stageCursor(batch, stream.name, page.cursor);
    await batch.commit();
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

async function enrich(activities: Activity[], users: UserDirectory): Promise<void> {
  await users.resolve(activities.flatMap((a) => (a.userId ? [a.userId] : [])));
  for (const activity of activities) {
    if (activity.userId && !activity.username) {
      const username = users.usernameOf(activity.userId);
      if (username) activity.username = username;
    }
  }
}
