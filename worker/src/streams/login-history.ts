import { fromLoginHistory, LOGIN_HISTORY_FIELDS, type LoginHistoryRow } from '../activity/from-login-history';
import { parseSfDateTime } from '../activity/sf-datetime';
import { raw, soql } from '../salesforce/soql';
import type { TimeCursorStream } from './stream';

/** The logins stream: LoginHistory with its LoginGeo, every 15 minutes, 7 days of backfill. */
export const loginHistoryStream: TimeCursorStream<LoginHistoryRow> = {
  name: 'logins',
  backfillDays: 7,
  pollIntervalMinutes: 15,
  priority: 'ingest',
  query: ({ fromMs, untilMs }) =>
    // LoginTime is LoginHistory's only filterable time field; Id breaks ties between rows of the same second.
    soql`SELECT ${raw(LOGIN_HISTORY_FIELDS.join(', '))} FROM LoginHistory WHERE LoginTime >= ${new Date(fromMs)} AND LoginTime < ${new Date(untilMs)} ORDER BY LoginTime ASC, Id ASC`,
  timeOf: (row) => parseSfDateTime(row.LoginTime),
  idOf: (row) => row.Id,
  normalize: fromLoginHistory,
};
