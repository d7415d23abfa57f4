/**
 * What the streams read (DESIGN §3.2): each source's own query over the last hour (one page), so
 * a field the account cannot see fails here and not in the first poll; and which event log files
 * and real-time event stores the org's Event Monitoring licence gives.
 */
import { OAUTH_TOKEN_FIELDS } from '../activity/from-oauth-token';
import { raw, soql } from '../salesforce/soql';
import { contentDocumentLinkQuery, deletedContentDocumentQuery } from '../streams/files';
import { loginHistoryQuery } from '../streams/login-history';
import { realtimeStream } from '../streams/realtime/realtime';
import { setupAuditTrailQuery } from '../streams/setup-audit-trail';
import type { StreamName, TimeWindow } from '../streams/stream';
import { fail, firstPage, lastHour, pass, refusal, sfErrorCode, warn, type Check, type DoctorContext } from './check';

interface Probe {
  object: string;
  stream: StreamName;
  /** false: the stream works without it, with less coverage. */
  required: boolean;
  query(window: TimeWindow): string;
  all?: boolean;
  /** What the account needs for it. */
  needs: string;
}

const PROBES: readonly Probe[] = [
  { object: 'LoginHistory', stream: 'logins', required: true, query: (w) => loginHistoryQuery.query(w), needs: 'View All Data' },
  { object: 'SetupAuditTrail', stream: 'audit', required: true, query: (w) => setupAuditTrailQuery.query(w), needs: 'View Setup and Configuration' },
  { object: 'User', stream: 'users', required: true, query: () => soql`SELECT Id, Username, Email, Name, UserType, ProfileId, IsActive, LastModifiedDate FROM User ORDER BY Id LIMIT 1`, needs: 'View All Data' },
  { object: 'UserLogin', stream: 'users', required: true, query: () => soql`SELECT UserId, IsFrozen, LastModifiedDate FROM UserLogin LIMIT 1`, needs: 'Manage Users' },
  {
    object: 'OauthToken',
    stream: 'oauth',
    required: true,
    query: () => soql`SELECT ${raw(OAUTH_TOKEN_FIELDS.join(', '))} FROM OauthToken ORDER BY CreatedDate DESC LIMIT 1`,
    needs: 'Manage Users',
  },
  { object: 'ContentDocumentLink', stream: 'files', required: false, query: (w) => contentDocumentLinkQuery.query(w), needs: 'Query All Files' },
  { object: 'ContentDocument', stream: 'files', required: false, query: (w) => deletedContentDocumentQuery.query(w), all: true, needs: 'View All Data' },
];

export const dataAccessCheck: Check = {
  id: 'data-access',
  async run(ctx) {
    const window = lastHour(ctx);
    const readable: string[] = [];
    const refused: Array<{ probe: Probe; why: string }> = [];
    for (const probe of PROBES) {
      try {
        await firstPage(ctx, probe.query(window), { all: probe.all === true });
        readable.push(probe.object);
      } catch (err) {
        if (sfErrorCode(err) === undefined) throw err;
        refused.push({ probe, why: refusal(err) });
      }
    }
    if (refused.length === 0) return pass(`every source the streams read answers: ${readable.join(', ')}`);
    const listed = refused.map(({ probe, why }) => `${probe.object} (${probe.stream} stream, ${why}; needs ${probe.needs})`).join('; ');
    const observed = `cannot read ${listed}${readable.length ? `; readable: ${readable.join(', ')}` : ''}`;
    const fix = `assign the Warden_Integration permission set to the service account (it grants ${[...new Set(refused.map((r) => r.probe.needs))].join(', ')}); see permissions`;
    if (refused.some((r) => r.probe.required)) return fail(observed, fix);
    return warn(`${observed} — the ${[...new Set(refused.map((r) => r.probe.stream))].join(', ')} stream reads the rest and reports the source as not available`, fix);
  },
};

/**
 * Event types every Enterprise, Unlimited, Performance and Developer org gets without Event
 * Monitoring: daily files, kept one day (Salesforce, "EventLogFile Supported Event Types").
 */
export const FREE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'Login', 'Logout', 'ApiTotalUsage', 'ApexUnexpectedException', 'CorsViolation', 'CspViolation', 'HostnameRedirects', 'InsecureExternalAssets',
]);

const REALTIME_OBJECTS = realtimeStream.sources.map((source) => source.id);
const LICENCE_FIX =
  'for every event type and hourly files (mass downloads, report and API exports, session hijacking), buy Event Monitoring (Salesforce Shield or the add-on), ' +
  'then turn on the real-time event storage objects in Setup → Event Manager';

interface LogFileRow {
  EventType: string;
  LogDate: string;
}

async function logFiles(ctx: DoctorContext, interval: 'Daily' | 'Hourly'): Promise<LogFileRow[]> {
  // Interval and LogDate only: never by Id (it mixes intervals, DESIGN §3.2).
  return firstPage<LogFileRow>(ctx, soql`SELECT EventType, LogDate FROM EventLogFile WHERE Interval = ${interval} ORDER BY LogDate DESC LIMIT 200`);
}

export const eventMonitoringCheck: Check = {
  id: 'event-monitoring',
  async run(ctx) {
    const objects = await ctx.facts.objects();
    const stores = REALTIME_OBJECTS.filter((name) => objects.has(name));
    const realtime = stores.length
      ? `real-time event storage: ${stores.join(', ')}`
      : `no real-time event storage objects (${REALTIME_OBJECTS.length} looked for)`;
    let daily: LogFileRow[];
    let hourly: LogFileRow[];
    try {
      daily = await logFiles(ctx, 'Daily');
      hourly = await logFiles(ctx, 'Hourly');
    } catch (err) {
      const code = sfErrorCode(err);
      if (code === undefined) throw err;
      return warn(
        `EventLogFile is not available (${refusal(err)}): no event log files (licence none, or the account lacks View Event Log Files — see permissions); ${realtime}. ` +
          'The eventlogs stream is skipped; logins, audit, oauth, files and users still run',
        `Enterprise, Unlimited, Performance and Developer Edition orgs get daily Login and Logout files free: grant View Event Log Files (Warden_Integration has it). ${LICENCE_FIX}`,
      );
    }
    const types = [...new Set([...daily, ...hourly].map((row) => row.EventType))].sort();
    const paid = types.filter((type) => !FREE_EVENT_TYPES.has(type));
    const seen = `${types.length ? `event types ${types.join(', ')}` : 'no event log files yet'}; hourly files: ${hourly.length ? 'yes' : 'none'}; ${realtime}`;
    if (hourly.length || paid.length || stores.length) {
      return pass(`Event Monitoring licensed (Shield or the add-on): ${seen}`);
    }
    if (types.length === 0) {
      return warn(`EventLogFile is readable but holds no files, so the licence cannot be told: ${seen}`, `run doctor again after Salesforce publishes the next daily files (a few hours after midnight UTC); ${LICENCE_FIX}`);
    }
    return warn(
      `free event log files only (no Event Monitoring licence): daily files, kept one day, ${seen}. Detections that need other event types (downloads, exports, API and report anomalies, session hijacking) stay quiet`,
      LICENCE_FIX,
    );
  },
};
