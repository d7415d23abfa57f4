/**
 * One pass of one stream over one window: fetch pages → normalize → enrich → detect → write the
 * alerts back → only then store the cursor (so a crash re-reads, never skips). The same code
 * runs once in process for `scan` and inside a BullMQ job for `run`.
 */
import { AlertSet, toAlert, type Alert } from '../alerts/alert';
import { writeAlerts, type WriteBackResult } from '../alerts/write-back';
import type { Activity } from '../activity/activity';
import type { PolicyRunner } from '../detections/run-policies';
import type { UserDirectory } from '../enrichment/user-directory';
import type { Logger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import type { CursorStore, TimeCursor } from '../state/cursor-store';
import { pollByTime } from '../streams/cursor-poll';
import type { TimeCursorStream, TimeWindow } from '../streams/stream';

export interface PassDeps {
  client: OrgClient;
  policies: PolicyRunner;
  users: UserDirectory;
  cursors: CursorStore;
  log: Logger;
}

export interface PassResult {
  stream: string;
  window: TimeWindow;
  records: number;
  skipped: number;
  duplicates: number;
  apiCalls: number;
  alerts: Alert[];
  writeBack: WriteBackResult;
  cursor?: TimeCursor;
}

export async function runTimeStreamPass<Row>(
  stream: TimeCursorStream<Row>,
  deps: PassDeps,
  window: TimeWindow,
  previous?: TimeCursor,
): Promise<PassResult> {
  const callsBefore = deps.client.callCount;
  const alerts = new AlertSet();
  const result: PassResult = { stream: stream.name, window, records: 0, skipped: 0, duplicates: 0, apiCalls: 0, alerts: [], writeBack: { written: 0, failed: [] } };
  for await (const page of pollByTime(stream, deps.client, window, previous)) {
    result.records += page.records;
    result.skipped += page.skipped;
    result.duplicates += page.duplicates;
    result.cursor = page.cursor;
    await enrich(page.activities, deps.users);
    for (const draft of await deps.policies.evaluate(page.activities)) {
      const policy = deps.policies.policies.find((p) => p.meta.id === draft.policy)!;
      alerts.add(toAlert(draft, policy.meta));
    }
  }
  result.alerts = alerts.values();
  result.writeBack = await writeAlerts(deps.client, result.alerts);
  if (result.writeBack.failed.length > 0) {
    deps.log.error({ stream: stream.name, failed: result.writeBack.failed }, 'some alerts could not be written to Warden_Alert__c');
  } else if (result.cursor) {
    // Only once every alert is in the org: otherwise the next pass reads the window again.
    await deps.cursors.set(stream.name, result.cursor);
  }
  result.apiCalls = deps.client.callCount - callsBefore;
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
