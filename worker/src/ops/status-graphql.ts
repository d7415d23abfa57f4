/**
 * The status preview's data (README "Status component"): the org's Warden_Status__c and
 * Warden_Alert__c records, read with SOQL and shaped exactly as the GraphQL wire adapter hands
 * the `wardenStatus` component its `wardenStatus` query's result in Lightning
 * (`{ data: { uiapi: { query, aggregate } } }`, every field as `{ value }`), so the component runs
 * unchanged outside Salesforce. The records are those the worker itself wrote (status-writer.ts,
 * alerts/write-back.ts): what the panel shows in the org, it shows here.
 *
 * API cost per read: 6 queries (streams, workers, latest alerts, one COUNT() per severity —
 * Salesforce's GROUP BY would do the counts in one, the simulator answers COUNT() only), at the
 * lowest priority (it stops first near the reserve), cached per org for `cacheMs`.
 */
import type { OrgClient } from '../salesforce/org-client';
import type { CallPriority } from '../salesforce/quota-policy';
import { raw, soql } from '../salesforce/soql';

/** The component's query, by its operation name (force-app/main/default/lwc/wardenStatus). */
export const STATUS_OPERATION = 'wardenStatus';

const OPEN_STATUSES = ['New', 'Investigating'];
const SEVERITIES = ['High', 'Medium', 'Low'] as const;
const PRIORITY: CallPriority = 'backfill';

// Field lists of the component's query, in its order; the two connections over Warden_Status__c.
const STREAM_FIELDS = [
  'Stream__c', 'State__c', 'State_Reason__c', 'Lag_Minutes__c', 'Poll_Interval_Minutes__c', 'Last_Success__c',
  'Last_Error__c', 'Last_Error_Time__c', 'API_Calls_Used__c', 'API_Calls_Limit__c', 'API_Calls_Reserve__c',
];
const WORKER_FIELDS = [
  'State__c', 'Heartbeat__c', 'Poll_Interval_Minutes__c', 'Worker_Host__c', 'Worker_PID__c', 'Worker_Version__c',
  'Queue_Waiting__c', 'Queue_Failed__c', 'API_Calls_Used__c', 'API_Calls_Limit__c', 'API_Calls_Reserve__c',
];
const ALERT_FIELDS = ['Name', 'Severity__c', 'Status__c', 'Username__c', 'Last_Occurrence__c'];
// The same limits as the component's `first:` arguments.
const STREAM_LIMIT = 50;
const WORKER_LIMIT = 5;
const ALERT_LIMIT = 5;

type Row = Record<string, unknown> & { Id: string };
type GraphQLNode = Record<string, unknown> & { Id: string };

export interface StatusRows {
  streams: Row[];
  workers: Row[];
  alerts: Row[];
  /** Open alerts per Severity__c value. */
  openBySeverity: Partial<Record<string, number>>;
}

export interface GraphQLData {
  uiapi: {
    query: Record<'streams' | 'workers' | 'Warden_Alert__c', { edges: { node: GraphQLNode }[] }>;
    aggregate: { Warden_Alert__c: { edges: { node: { aggregate: { Severity__c: { value: string }; Id: { count: { value: number } } } } }[] } };
  };
}

/** SOQL rows → the GraphQL response's `data`. Pure. */
export function toGraphQLData(rows: StatusRows): GraphQLData {
  const edges = (list: Row[], fields: string[]) => list.map((row) => ({ node: toNode(row, fields) }));
  return {
    uiapi: {
      query: {
        streams: { edges: edges(rows.streams, STREAM_FIELDS) },
        workers: { edges: edges(rows.workers, WORKER_FIELDS) },
        Warden_Alert__c: { edges: edges(rows.alerts, ALERT_FIELDS) },
      },
      // Like GROUP BY: one group per severity that has open alerts.
      aggregate: {
        Warden_Alert__c: {
          edges: SEVERITIES.filter((severity) => (rows.openBySeverity[severity] ?? 0) > 0).map((severity) => ({
            node: { aggregate: { Severity__c: { value: severity }, Id: { count: { value: rows.openBySeverity[severity] ?? 0 } } } },
          })),
        },
      },
    },
  };
}

function toNode(row: Row, fields: string[]): GraphQLNode {
  const node: GraphQLNode = { Id: row.Id };
  for (const field of fields) node[field] = { value: graphQLValue(row[field]) };
  return node;
}

/** The REST API's `2026-11-20T18:00:00.000+0000` → GraphQL's ISO-8601 `…Z`; other values as they are. */
function graphQLValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{4}$/.test(value)) {
    return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
  }
  return value;
}

/** Reads the records the component's query asks for from one org. */
export async function readStatusRows(client: OrgClient): Promise<StatusRows> {
  const [streams, workers, alerts, ...counts] = await Promise.all([
    queryAll(client, soql`SELECT Id, ${raw(STREAM_FIELDS.join(', '))} FROM Warden_Status__c WHERE Kind__c = 'Stream' ORDER BY Stream__c ASC LIMIT ${STREAM_LIMIT}`),
    // The newest heartbeats: records of processes that stopped long ago stay in the org.
    queryAll(client, soql`SELECT Id, ${raw(WORKER_FIELDS.join(', '))} FROM Warden_Status__c WHERE Kind__c = 'Worker' ORDER BY Heartbeat__c DESC NULLS LAST LIMIT ${WORKER_LIMIT}`),
    queryAll(
      client,
      soql`SELECT Id, ${raw(ALERT_FIELDS.join(', '))} FROM Warden_Alert__c WHERE Status__c IN ${OPEN_STATUSES} ORDER BY Last_Occurrence__c DESC NULLS LAST LIMIT ${ALERT_LIMIT}`,
    ),
    ...SEVERITIES.map((severity) => count(client, soql`SELECT COUNT() FROM Warden_Alert__c WHERE Status__c IN ${OPEN_STATUSES} AND Severity__c = ${severity}`)),
  ]);
  return {
    streams: streams as Row[],
    workers: workers as Row[],
    alerts: alerts as Row[],
    openBySeverity: Object.fromEntries(SEVERITIES.map((severity, i) => [severity, counts[i] as number])),
  };
}

async function queryAll(client: OrgClient, query: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const page of client.queryPages<Row>(query, { priority: PRIORITY })) rows.push(...page);
  return rows;
}

async function count(client: OrgClient, query: string): Promise<number> {
  const page = await client.request<{ totalSize: number }>(PRIORITY, { method: 'GET', url: `/query?q=${encodeURIComponent(query)}` }, 'query');
  return page.totalSize;
}
