/**
 * Where the stream's log files come from. The org implementation lists EventLogFile records
 * with SOQL and downloads their bodies through OrgClient (quota-governed); the benchmark and
 * tests can put local files behind the same interface.
 */
import { parseSfDateTime } from '../../activity/sf-datetime';
import type { OrgClient } from '../../salesforce/org-client';
import type { CallPriority } from '../../salesforce/quota-policy';
import { raw, soql } from '../../salesforce/soql';
import type { LogFileRef } from './log-file-ref';

export interface ListQuery {
  /** CreatedDate ≥ this (the cursor's position minus the overlap, or the window start). */
  createdFromMs: number;
  /** LogDate ≥ this: periods that can still hold rows at or after the floor. */
  logFromMs: number;
  /** LogDate < this: periods that start before the window ends. */
  logUntilMs: number;
}

export interface LogFileStore {
  /** Every matching file, in CreatedDate order. */
  list(query: ListQuery): Promise<LogFileRef[]>;
  /** The lower Sequences of an hourly file's hour (the files a late batch may repeat rows of). */
  earlierSequences(file: LogFileRef): Promise<LogFileRef[]>;
  /** The file's CSV body, streamed. */
  open(file: LogFileRef): Promise<AsyncIterable<Uint8Array>>;
}

interface EventLogFileRecord {
  Id: string;
  EventType: string;
  Interval: string;
  LogDate: string;
  Sequence: number;
  LogFileLength: number;
  CreatedDate: string;
}

const FIELDS = 'Id, EventType, Interval, LogDate, Sequence, LogFileLength, CreatedDate';

function toRef(record: EventLogFileRecord): LogFileRef | undefined {
  const logDateMs = parseSfDateTime(record.LogDate);
  const createdMs = parseSfDateTime(record.CreatedDate);
  if (!Number.isFinite(logDateMs) || !Number.isFinite(createdMs)) return undefined;
  // Interval exists from API 37; Sequence 0 is documented as "daily" either way.
  const interval = record.Interval === 'Hourly' || (record.Interval !== 'Daily' && record.Sequence > 0) ? 'Hourly' : 'Daily';
  return { id: record.Id, eventType: record.EventType, interval, logDateMs, sequence: Number(record.Sequence) || 0, createdMs, length: Number(record.LogFileLength) || 0 };
}

export function orgLogFileStore(client: OrgClient, priority: CallPriority): LogFileStore {
  const collect = async (query: string): Promise<LogFileRef[]> => {
    const refs: LogFileRef[] = [];
    for await (const records of client.queryPages<EventLogFileRecord>(query, { priority, batchSize: 2000 })) {
      for (const record of records) {
        const ref = toRef(record);
        if (ref) refs.push(ref);
      }
    }
    return refs;
  };
  return {
    // CreatedDate, never Id: ids do not follow time and mix intervals (DESIGN §3.2). The other
    // ORDER BY fields make the order total, so ties on CreatedDate come in a stable order.
    list: (q) =>
      collect(
        soql`SELECT ${raw(FIELDS)} FROM EventLogFile WHERE CreatedDate >= ${new Date(q.createdFromMs)} AND LogDate >= ${new Date(q.logFromMs)} AND LogDate < ${new Date(q.logUntilMs)} ORDER BY CreatedDate ASC, EventType ASC, LogDate ASC, Sequence ASC`,
      ),
    earlierSequences: (file) =>
      collect(
        soql`SELECT ${raw(FIELDS)} FROM EventLogFile WHERE EventType = ${file.eventType} AND Interval = 'Hourly' AND LogDate = ${new Date(file.logDateMs)} AND Sequence < ${file.sequence} ORDER BY Sequence ASC`,
      ),
    open: (file) => client.downloadLogFile(file.id, priority),
  };
}
