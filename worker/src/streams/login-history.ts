import type { Activity } from '../activity/activity';
import { fromLoginHistory, LOGIN_HISTORY_FIELDS, type LoginHistoryRow } from '../activity/from-login-history';
import { parseSfDateTime } from '../activity/sf-datetime';
import { raw, soql } from '../salesforce/soql';
import type { TimeCursor } from '../state/cursor-store';
import { pollByTime, windowStart } from './cursor-poll';
import { describeLoginStatus, loginSuccessStatus } from './login-status';
import type { StreamDefinition, StreamSource, TimeCursorQuery } from './stream';

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

/**
 * LoginHistory with a `(LoginTime, Id)` cursor; success or failure is decided by the Status value
 * the service account sees for its own successful sign-in (login-status.ts), never a fixed label.
 */
export const loginHistorySource: StreamSource = {
  id: loginHistoryQuery.id,
  resumeFrom: (cursor) => windowStart(cursor as TimeCursor),
  async *pages(ctx, window, cursor) {
    const success = await loginSuccessStatus(ctx);
    ctx.report?.({ source: loginHistoryQuery.id, state: success.learned ? 'ok' : 'degraded', detail: describeLoginStatus(success) });
    const normalize = (row: LoginHistoryRow, orgId: string): Activity | undefined => fromLoginHistory(row, orgId, success.value);
    yield* pollByTime({ ...loginHistoryQuery, normalize }, ctx.client, window, cursor as TimeCursor | undefined);
  },
};

/** The logins stream: LoginHistory with its LoginGeo, every 15 minutes, 7 days of backfill. */
export const loginsStream: StreamDefinition = {
  name: 'logins',
  pollIntervalMinutes: 15,
  backfillDays: 7,
  priority: 'ingest',
  sources: [loginHistorySource],
};
