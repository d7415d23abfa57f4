/**
 * The realtime stream (optional, every 5 min, 1 day backfill): Real-Time Event Monitoring storage
 * — LoginEvent, LoginAsEvent, ApiEvent, ReportEvent (big objects, read by EventDate) and the
 * Threat Detection stores (ordinary objects, `(CreatedDate, Id)` cursor: their rows are stored
 * minutes after the event). Orgs without Shield / the Event Monitoring add-on (or without "View
 * Real-Time Event Monitoring Data") answer INVALID_TYPE: each source is then skipped with a
 * "not available" status and tried again daily (availability.ts).
 * Calls per 5-minute poll: one per object (8); the first poll reads a day in hour slices.
 */
import type { Activity } from '../../activity/activity';
import {
  fromApiEvent,
  fromLoginAsEvent,
  fromLoginEvent,
  fromReportEvent,
  fromThreatEvent,
  type RealtimeRow,
} from '../../activity/from-realtime-event';
import { parseSfDateTime } from '../../activity/sf-datetime';
import { UserStates } from '../../enrichment/user-state';
import { raw, soql } from '../../salesforce/soql';
import { whenAvailable } from '../availability';
import { timeCursorSource } from '../cursor-poll';
import { loginSuccessStatus } from '../login-status';
import type { StreamDefinition, StreamSource, TimeCursorQuery } from '../stream';
import { bigObjectSource } from './big-object-source';

const COMMON = ['EventDate', 'EventIdentifier', 'UserId', 'Username', 'SourceIp', 'SessionKey', 'LoginKey'];

const loginEvents = bigObjectSource({
  object: 'LoginEvent',
  fields: [...COMMON, 'Status', 'LoginType', 'Application', 'Browser', 'CountryIso', 'City', 'LoginHistoryId'],
  normalizer: async (ctx) => {
    const success = await loginSuccessStatus(ctx);
    return (row, orgId) => fromLoginEvent(row, orgId, success.value);
  },
});

const loginAsEvents = bigObjectSource({
  object: 'LoginAsEvent',
  fields: [...COMMON, 'DelegatedUsername', 'LoginType', 'Application'],
  // The admin is named by username: the saved user directory gives the id detections key on.
  normalizer: async (ctx) => {
    const directory = await UserStates.load(ctx.state);
    return (row, orgId) => withAdminId(fromLoginAsEvent(row, orgId), directory);
  },
});

const apiEvents = bigObjectSource({
  object: 'ApiEvent',
  fields: [...COMMON, 'Operation', 'QueriedEntities', 'RowsProcessed', 'RowsReturned', 'Application', 'UserAgent', 'RequestIdentifier'],
  normalizer: async () => fromApiEvent,
});

const reportEvents = bigObjectSource({
  object: 'ReportEvent',
  fields: [...COMMON, 'Operation', 'ReportId', 'RowsProcessed', 'QueriedEntities'],
  normalizer: async () => fromReportEvent,
});

function withAdminId(activity: Activity | undefined, directory: UserStates | undefined): Activity | undefined {
  const admin = activity?.username ? directory?.get(activity.username) : undefined;
  return activity && admin ? { ...activity, userId: admin.id } : activity;
}

function threatStore(object: string, extra: readonly string[]): StreamSource {
  const fields = ['Id', 'CreatedDate', ...COMMON, 'Score', 'Summary', ...extra];
  const query: TimeCursorQuery<RealtimeRow & { Id: string; CreatedDate: string }> = {
    id: object,
    priority: 'ingest',
    // CreatedDate: when the finding was stored (minutes after EventDate), so none is stored behind the cursor.
    query: ({ fromMs, untilMs }) =>
      soql`SELECT ${raw(fields.join(', '))} FROM ${raw(object)} WHERE CreatedDate >= ${new Date(fromMs)} AND CreatedDate < ${new Date(untilMs)} ORDER BY CreatedDate ASC, Id ASC`,
    timeOf: (row) => parseSfDateTime(row.CreatedDate),
    idOf: (row) => row.Id,
    normalize: fromThreatEvent(object),
  };
  return timeCursorSource(query);
}

const REALTIME_REMEDY = 'Real-Time Event Monitoring needs Salesforce Shield or the Event Monitoring add-on, and "View Real-Time Event Monitoring Data" for the service account';
const optional = (source: StreamSource) => whenAvailable(source, { errorCodes: ['INVALID_TYPE', 'INSUFFICIENT_ACCESS_OR_READONLY', 'NOT_FOUND'], remedy: REALTIME_REMEDY });

export const realtimeStream: StreamDefinition = {
  name: 'realtime',
  pollIntervalMinutes: 5,
  backfillDays: 1,
  priority: 'ingest',
  sources: [
    loginEvents,
    loginAsEvents,
    apiEvents,
    reportEvents,
    threatStore('SessionHijackingEventStore', ['CurrentIp', 'PreviousIp']),
    threatStore('CredentialStuffingEventStore', ['LoginType', 'LoginUrl', 'UserAgent']),
    threatStore('ReportAnomalyEventStore', ['Report']),
    threatStore('ApiAnomalyEventStore', ['Operation', 'QueriedEntities', 'RowsProcessed', 'RequestIdentifier', 'Uri', 'UserAgent']),
  ].map(optional),
};
