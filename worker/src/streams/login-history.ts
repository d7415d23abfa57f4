import { fromLoginHistory, LOGIN_HISTORY_FIELDS, type LoginHistoryRow } from '../activity/from-login-history';
import { parseSfDateTime } from '../activity/sf-datetime';
import { raw, soql } from '../salesforce/soql';
import { timeCursorSource } from './cursor-poll';
import type { StreamDefinition, TimeCursorQuery } from './stream';

export const loginHistoryQuery: TimeCursorQuery<LoginHistoryRow> = {
  id: 'LoginHistory',
  priority: 'ingest',
  query: ({ fromMs, untilMs }) =>
    // LoginTime is LoginHistory's only filterable time field; Id breaks ties between rows of the same second.
    soql`SELECT ${raw(LOGIN_HISTORY_FIELDS.join(', '))} FROM LoginHistory WHERE LoginTime >= ${new Date(fromMs)} AND LoginTime < ${new Date(untilMs)} ORDER BY LoginTime ASC, Id ASC`,
  timeOf: (row) => parseSfDateTime(row.LoginTime),
  idOf: (row) => row.Id,
  normalize: fromLoginHistory,
};

/** The logins stream: LoginHistory with its LoginGeo, every 15 minutes, 7 days of backfill. */
export const loginsStream: StreamDefinition = {
  name: 'logins',
  pollIntervalMinutes: 15,
  backfillDays: 7,
  priority: 'ingest',
  sources: [timeCursorSource(loginHistoryQuery)],
};
