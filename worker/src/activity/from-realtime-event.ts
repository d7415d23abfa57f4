/**
 * Real-Time Event Monitoring storage rows → Activities (field names from the Platform Events
 * Developer Guide). Every row carries EventIdentifier, its de-dup key and Activity id.
 * - LoginEvent: a sign-in (the same one LoginHistory records, `LoginHistoryId`); success when its
 *   Status equals the success value learned for LoginHistory, or Salesforce's documented "Success".
 * - LoginAsEvent: `login-as` by `DelegatedUsername` (the admin) as the row's user (the target).
 * - ApiEvent: `api.query` with rows processed; ReportEvent: `report.export` / `report.run`.
 * - Threat Detection stores: `threat`, with Salesforce's Score and Summary as they are.
 */
import type { Activity } from './activity';
import { parseSfDateTime } from './sf-datetime';

export type RealtimeRow = Record<string, unknown> & { EventDate?: string; EventIdentifier?: string };

const text = (row: RealtimeRow, field: string): string | undefined => {
  const value = row[field];
  return typeof value === 'string' && value ? value : undefined;
};
const num = (row: RealtimeRow, field: string): number | undefined => {
  const value = row[field];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** The fields every normalizer reads, Activity-shaped; undefined for a row without time or identifier. */
function base(row: RealtimeRow, source: string, orgId: string, kind: Activity['kind']): Activity | undefined {
  const timeMs = row.EventDate ? parseSfDateTime(row.EventDate) : Number.NaN;
  const id = text(row, 'EventIdentifier');
  if (!Number.isFinite(timeMs) || !id) return undefined;
  const activity: Activity = { id, source, timeMs, orgId, kind, eventType: source.replace(/(EventStore|Event)$/, ''), requestId: id, ipTags: [] };
  const assign = <K extends keyof Activity>(key: K, value: Activity[K] | undefined) => {
    if (value !== undefined) activity[key] = value;
  };
  assign('userId', text(row, 'UserId'));
  assign('username', text(row, 'Username'));
  const ip = text(row, 'SourceIp');
  if (ip && /^[0-9a-fA-F:.]+$/.test(ip)) activity.ip = ip;
  assign('sessionKey', text(row, 'SessionKey'));
  assign('loginKey', text(row, 'LoginKey'));
  return activity;
}

export function fromLoginEvent(row: RealtimeRow, orgId: string, successStatus: string): Activity | undefined {
  const status = text(row, 'Status');
  const activity = base(row, 'LoginEvent', orgId, status === successStatus || status === 'Success' ? 'login.success' : 'login.failure');
  if (!activity) return undefined;
  if (status) activity.status = status;
  const fields: Array<[keyof Activity, string]> = [['loginType', 'LoginType'], ['application', 'Application'], ['userAgent', 'Browser']];
  for (const [key, field] of fields) if (text(row, field)) (activity as unknown as Record<string, unknown>)[key] = text(row, field);
  const country = text(row, 'CountryIso');
  if (country) activity.geo = { source: 'LoginGeo', countryIso: country, ...(text(row, 'City') ? { city: text(row, 'City')! } : {}) };
  return activity;
}

export function fromLoginAsEvent(row: RealtimeRow, orgId: string): Activity | undefined {
  const target = base(row, 'LoginAsEvent', orgId, 'login-as');
  const admin = text(row, 'DelegatedUsername');
  if (!target || !admin) return undefined;
  const activity: Activity = { ...target, username: admin, delegateUser: admin };
  delete activity.userId;
  activity.target = { ...(target.userId ? { userId: target.userId } : {}), ...(target.username ? { username: target.username } : {}) };
  return activity;
}

export function fromApiEvent(row: RealtimeRow, orgId: string): Activity | undefined {
  const activity = base(row, 'ApiEvent', orgId, 'api.query');
  if (!activity) return undefined;
  const rows = num(row, 'RowsProcessed') ?? num(row, 'RowsReturned');
  if (rows !== undefined) activity.rows = rows;
  if (text(row, 'QueriedEntities')) activity.object = text(row, 'QueriedEntities')!;
  if (text(row, 'Operation')) activity.operation = text(row, 'Operation')!;
  if (text(row, 'Application')) activity.appName = text(row, 'Application')!;
  if (text(row, 'UserAgent')) activity.userAgent = text(row, 'UserAgent')!;
  return activity;
}

export function fromReportEvent(row: RealtimeRow, orgId: string): Activity | undefined {
  const operation = text(row, 'Operation');
  const activity = base(row, 'ReportEvent', orgId, operation === 'ReportExported' ? 'report.export' : 'report.run');
  if (!activity) return undefined;
  const rows = num(row, 'RowsProcessed');
  if (rows !== undefined) activity.rows = rows;
  if (operation) activity.operation = operation;
  if (text(row, 'ReportId')) activity.recordId = text(row, 'ReportId')!;
  if (text(row, 'QueriedEntities')) activity.object = text(row, 'QueriedEntities')!;
  return activity;
}

export function fromThreatEvent(source: string) {
  return (row: RealtimeRow, orgId: string): Activity | undefined => {
    const activity = base(row, source, orgId, 'threat');
    if (!activity) return undefined;
    const score = num(row, 'Score');
    if (score !== undefined) activity.score = score;
    if (text(row, 'Summary')) activity.summary = text(row, 'Summary')!;
    if (text(row, 'Operation')) activity.operation = text(row, 'Operation')!;
    const rows = num(row, 'RowsProcessed');
    if (rows !== undefined) activity.rows = rows;
    return activity;
  };
}
