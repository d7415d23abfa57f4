/**
 * The oauth stream (every 60 min, current state): a snapshot of every connected-app grant
 * (OauthToken), compared with the previous one kept in the cursor (grant key → app name).
 * - grants not in the previous snapshot → `oauth.grant` activities (app, user, use count, last use);
 * - on the first snapshot (no cursor, and every `scan`), only grants created inside the window are
 *   new: older ones are the org's standing state;
 * - grants that disappeared (revoked, user deactivated) are counted in the log and the status.
 */
import type { Activity } from '../activity/activity';
import { fromOauthToken, grantKey } from '../activity/from-oauth-token';
import { readOauthTokens } from './oauth-token-reader';
import type { SourcePage, StreamDefinition, StreamSource, TimeWindow } from './stream';

interface OauthCursor {
  takenAtMs: number;
  /** Grant key → app name, for every grant of the snapshot. */
  grants: Record<string, string>;
}

export const oauthTokenSource: StreamSource = {
  id: 'OauthToken',
  resumeFrom: (cursor) => (cursor as OauthCursor).takenAtMs,
  async *pages(ctx, window, cursor) {
    const previous = cursor as OauthCursor | undefined;
    const read = await readOauthTokens(ctx.client, window.untilMs);
    const next: OauthCursor = { takenAtMs: window.untilMs, grants: {} };
    const page: SourcePage = { activities: [], records: 0, skipped: 0, duplicates: 0, cursor: next };
    for (const row of read.rows) {
      const key = grantKey(row);
      if (key in next.grants) {
        page.duplicates += 1;
        continue;
      }
      page.records += 1;
      const activity = fromOauthToken(row, ctx.client.orgId);
      if (!activity) {
        page.skipped += 1;
        continue;
      }
      next.grants[key] = activity.appName!;
      if (isNew(activity, key, previous, window)) page.activities.push(activity);
    }
    noteChanges(ctx, previous, next, page.activities, read.unread);
    yield page;
  },
};

function isNew(activity: Activity, key: string, previous: OauthCursor | undefined, window: TimeWindow): boolean {
  if (previous) return !(key in previous.grants);
  return activity.timeMs >= window.fromMs && activity.timeMs < window.untilMs;
}

function noteChanges(ctx: Parameters<StreamSource['pages']>[0], previous: OauthCursor | undefined, next: OauthCursor, added: Activity[], unread: number): void {
  const gone = previous ? Object.entries(previous.grants).filter(([key]) => !(key in next.grants)) : [];
  const goneByApp: Record<string, number> = {};
  for (const [, app] of gone) goneByApp[app] = (goneByApp[app] ?? 0) + 1;
  ctx.log.info({ stream: 'oauth', grants: Object.keys(next.grants).length, added: added.length, removed: gone.length, removedByApp: goneByApp }, 'OAuth grant snapshot');
  if (unread > 0) {
    ctx.report?.({ source: 'OauthToken', state: 'degraded', detail: `${unread} grant(s) created within one second beyond the 2,500-row limit of OauthToken were not read` });
  } else if (gone.length > 0) {
    ctx.report?.({ source: 'OauthToken', state: 'ok', detail: `${gone.length} grant(s) disappeared since the last snapshot (revoked or their users deactivated)` });
  }
}

export const oauthStream: StreamDefinition = {
  name: 'oauth',
  pollIntervalMinutes: 60,
  // Current state; on first connect, grants made in the last 7 days are reported as new.
  backfillDays: 7,
  priority: 'ingest',
  sources: [oauthTokenSource],
};
