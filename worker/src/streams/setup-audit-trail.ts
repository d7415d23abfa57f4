/**
 * The audit stream: SetupAuditTrail with a `(CreatedDate, Id)` cursor, every 15 minutes, 7 days
 * of backfill, at ingest priority. Target users named only by their full name are resolved
 * against the user directory the users stream saved (when there is one).
 */
import type { Activity } from '../activity/activity';
import { nameResolver, type NameResolver } from '../activity/audit-target';
import { fromSetupAuditTrail, SETUP_AUDIT_TRAIL_FIELDS, type SetupAuditTrailRow } from '../activity/from-setup-audit-trail';
import { parseSfDateTime } from '../activity/sf-datetime';
import { UserStates } from '../enrichment/user-state';
import { raw, soql } from '../salesforce/soql';
import type { TimeCursor } from '../state/cursor-store';
import { pollByTime, windowStart } from './cursor-poll';
import type { StreamDefinition, StreamSource, TimeCursorQuery } from './stream';

export const setupAuditTrailQuery: TimeCursorQuery<SetupAuditTrailRow> = {
  id: 'SetupAuditTrail',
  priority: 'ingest',
  query: ({ fromMs, untilMs }) =>
    // CreatedDate is the entry's time; entries are written asynchronously, hence the cursor's overlap. Id breaks ties.
    soql`SELECT ${raw(SETUP_AUDIT_TRAIL_FIELDS.join(', '))} FROM SetupAuditTrail WHERE CreatedDate >= ${new Date(fromMs)} AND CreatedDate < ${new Date(untilMs)} ORDER BY CreatedDate ASC, Id ASC`,
  timeOf: (row) => parseSfDateTime(row.CreatedDate),
  idOf: (row) => row.Id,
  normalize: (row, orgId) => fromSetupAuditTrail(row, orgId),
};

export const setupAuditTrailSource: StreamSource = {
  id: setupAuditTrailQuery.id,
  resumeFrom: (cursor) => windowStart(cursor as TimeCursor),
  async *pages(ctx, window, cursor) {
    const directory = await UserStates.load(ctx.state);
    const resolveName: NameResolver | undefined = directory ? nameResolver(directory.snapshot.users) : undefined;
    const normalize = (row: SetupAuditTrailRow, orgId: string): Activity | undefined => fromSetupAuditTrail(row, orgId, resolveName);
    yield* pollByTime({ ...setupAuditTrailQuery, normalize }, ctx.client, window, cursor as TimeCursor | undefined);
  },
};

export const auditStream: StreamDefinition = {
  name: 'audit',
  pollIntervalMinutes: 15,
  backfillDays: 7,
  priority: 'ingest',
  sources: [setupAuditTrailSource],
};
