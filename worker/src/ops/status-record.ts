/**
 * Health → `Warden_Status__c` (DESIGN §2): one record per stream of an org plus one per worker
 * process, upserted on `Status_Key__c`. Every field is sent on every write (null where it does
 * not apply), so a record never keeps a value from an older shape of itself.
 */
import type { WireType } from '../alerts/write-back';
import { scrubString } from '../redact';

export const STATUS_OBJECT = 'Warden_Status__c';
export const STATUS_KEY_FIELD = 'Status_Key__c';

/** API names of the State__c picklist (restricted). */
export type StatusState = 'Healthy' | 'Degraded' | 'Failing' | 'Disabled' | 'Not_Available';

/** JSON type of each value the status writer sends; the offline package tests check every field exists and accepts it. */
export const STATUS_RECORD_FIELDS: Readonly<Record<string, WireType>> = {
  Name: 'string',
  Status_Key__c: 'string',
  Kind__c: 'string',
  Stream__c: 'string',
  State__c: 'string',
  State_Reason__c: 'string',
  Last_Success__c: 'datetime',
  Last_Error__c: 'string',
  Last_Error_Time__c: 'datetime',
  Consecutive_Failures__c: 'number',
  Cursor__c: 'string',
  Lag_Minutes__c: 'number',
  Poll_Interval_Minutes__c: 'number',
  Records_Last_Pass__c: 'number',
  Records_Total__c: 'number',
  Records_Skipped__c: 'number',
  API_Calls_Used__c: 'number',
  API_Calls_Limit__c: 'number',
  API_Calls_Reserve__c: 'number',
  Queue_Waiting__c: 'number',
  Queue_Active__c: 'number',
  Queue_Delayed__c: 'number',
  Queue_Failed__c: 'number',
  Heartbeat__c: 'datetime',
  Worker_Host__c: 'string',
  Worker_PID__c: 'number',
  Worker_Version__c: 'string',
};

// Field lengths from force-app/main/default/objects/Warden_Status__c/fields (the package tests check them).
export const STATUS_LENGTH = { key: 255, name: 80, stream: 40, reason: 255, error: 255, cursor: 40, host: 255, version: 40 } as const;

export interface WorkerIdentity {
  host: string;
  pid: number;
  version: string;
}

export interface ApiFigure {
  used?: number;
  max?: number;
  reserve?: number;
}

export interface QueueDepths {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface StatusData {
  kind: 'Stream' | 'Worker';
  /** Stream records: the stream's name; absent for workers. */
  stream?: string;
  state: StatusState;
  reason: string;
  pollIntervalMinutes: number;
  worker: WorkerIdentity;
  api?: ApiFigure;
  lastSuccessMs?: number;
  lastError?: string;
  lastErrorMs?: number;
  consecutiveFailures?: number;
  cursorMs?: number;
  lagMinutes?: number;
  recordsLastPass?: number;
  recordsTotal?: number;
  recordsSkipped?: number;
  /** Worker records only. */
  heartbeatMs?: number;
  queue?: QueueDepths;
}

export function statusKey(data: Pick<StatusData, 'kind' | 'stream' | 'worker'>): string {
  return data.kind === 'Stream' ? `stream:${data.stream}` : `worker:${data.worker.host}:${data.worker.pid}`;
}

export function toStatusRecord(data: StatusData): Record<string, unknown> {
  const name = data.kind === 'Stream' ? `Stream: ${data.stream}` : `Worker ${data.worker.host}:${data.worker.pid}`;
  return {
    Name: truncate(name, STATUS_LENGTH.name),
    Status_Key__c: truncate(statusKey(data), STATUS_LENGTH.key),
    Kind__c: data.kind,
    Stream__c: data.stream === undefined ? null : truncate(data.stream, STATUS_LENGTH.stream),
    State__c: data.state,
    State_Reason__c: truncate(data.reason, STATUS_LENGTH.reason),
    Last_Success__c: isoOrNull(data.lastSuccessMs),
    // Errors can quote what Salesforce said about a request: remove anything shaped like a credential.
    Last_Error__c: data.lastError === undefined ? null : truncate(scrubString(data.lastError), STATUS_LENGTH.error),
    Last_Error_Time__c: isoOrNull(data.lastErrorMs),
    Consecutive_Failures__c: data.consecutiveFailures ?? null,
    Cursor__c: isoOrNull(data.cursorMs),
    Lag_Minutes__c: data.lagMinutes ?? null,
    Poll_Interval_Minutes__c: data.pollIntervalMinutes,
    Records_Last_Pass__c: data.recordsLastPass ?? null,
    Records_Total__c: data.recordsTotal ?? null,
    Records_Skipped__c: data.recordsSkipped ?? null,
    API_Calls_Used__c: data.api?.used ?? null,
    API_Calls_Limit__c: data.api?.max ?? null,
    API_Calls_Reserve__c: data.api?.reserve ?? null,
    Queue_Waiting__c: data.queue?.waiting ?? null,
    Queue_Active__c: data.queue?.active ?? null,
    Queue_Delayed__c: data.queue?.delayed ?? null,
    Queue_Failed__c: data.queue?.failed ?? null,
    Heartbeat__c: isoOrNull(data.heartbeatMs),
    Worker_Host__c: truncate(data.worker.host, STATUS_LENGTH.host),
    Worker_PID__c: data.worker.pid,
    Worker_Version__c: truncate(data.worker.version, STATUS_LENGTH.version),
  };
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
