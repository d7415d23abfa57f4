/**
 * Turns a fixture's `eventlogs/` directory into EventLogFile records. Only the header row of each
 * CSV is read here; the body is streamed from disk when a client downloads it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LATEST_API_VERSION } from '../api-versions';
import { idFromSeed } from '../ids';
import type { SimRecord } from '../schema/types';
import { formatDateTime, formatSystemTimestamp } from '../sf-datetime';
import type { FixtureProblem } from '../fixture/fixture-error';
import { readCsvHeader } from './csv-header';
import { canonicalEventType, columnType, isFreeEventType, knownEventTypes } from './elf-schema';
import { parseLogFileName, publicationTime, type LogFileName } from './log-file-names';

export type EventMonitoring = 'shield' | 'free' | 'none';

/** One published log file: its EventLogFile record and where its CSV body lives. */
export interface EventLogFileEntry {
  record: SimRecord;
  /** Absolute path of the CSV. */
  file: string;
}

interface ScanContext {
  dir: string;
  eventMonitoring: EventMonitoring;
  createdById: string | undefined;
  problems: FixtureProblem[];
  skipped: { hourly: number; licensed: number };
}

function buildRecord(eventType: string, name: LogFileName, file: string, header: string[], seed: string, createdById: string | undefined): SimRecord {
  const id = idFromSeed('0AT', `EventLogFile:${seed}`);
  const created = formatSystemTimestamp(publicationTime(name, seed));
  return {
    Id: id,
    IsDeleted: false,
    CreatedDate: created,
    CreatedById: createdById ?? null,
    LastModifiedDate: created,
    LastModifiedById: createdById ?? null,
    SystemModstamp: created,
    EventType: eventType,
    LogDate: formatDateTime(name.logDate),
    Interval: name.interval,
    Sequence: name.sequence,
    LogFileLength: statSync(file).size,
    LogFileContentType: 'CSV',
    LogFileFieldNames: header.join(','),
    LogFileFieldTypes: header.map((c) => columnType(eventType, c)).join(','),
    ApiVersion: Number(LATEST_API_VERSION),
    // Query results show a base64 field as the URL of its blob; the route rewrites the version.
    LogFile: `/services/data/v${LATEST_API_VERSION}/sobjects/EventLogFile/${id}/LogFile`,
  };
}

/** Without the Event Monitoring add-on an org gets only daily files of the free event types. */
function licensed(ctx: ScanContext, eventType: string, name: LogFileName): boolean {
  if (ctx.eventMonitoring === 'shield') return true;
  if (name.interval === 'Hourly') ctx.skipped.hourly += 1;
  else if (!isFreeEventType(eventType)) ctx.skipped.licensed += 1;
  else return true;
  return false;
}

function scanTypeDir(ctx: ScanContext, typeDir: string, seen: Set<string>): EventLogFileEntry[] {
  const eventType = canonicalEventType(typeDir);
  if (!eventType) {
    ctx.problems.push({ file: `eventlogs/${typeDir}`, message: `'${typeDir}' is not an EventType Salesforce publishes`, fix: `name the folder after an EventType value (${knownEventTypes().join(', ')})` });
    return [];
  }
  const entries: EventLogFileEntry[] = [];
  for (const fileName of readdirSync(path.join(ctx.dir, 'eventlogs', typeDir)).sort()) {
    if (fileName.startsWith('.')) continue;
    const rel = `eventlogs/${typeDir}/${fileName}`;
    const name = parseLogFileName(fileName);
    if (!name) {
      ctx.problems.push({ file: rel, message: 'is not a log file name the simulator understands', fix: 'name it YYYY-MM-DD.csv (daily) or YYYY-MM-DDTHH.csv / YYYY-MM-DDTHH.<seq>.csv (hourly, UTC)' });
      continue;
    }
    const key = `${eventType}|${name.interval}|${name.logDate.toISOString()}|${name.sequence}`;
    if (seen.has(key)) {
      ctx.problems.push({ file: rel, message: `another file already is the ${name.interval} ${eventType} log for this period with Sequence ${name.sequence}`, fix: 'give later files of the same hour a higher .<seq>' });
      continue;
    }
    seen.add(key);
    const file = path.join(ctx.dir, 'eventlogs', typeDir, fileName);
    const header = readCsvHeader(file);
    if (!header) {
      ctx.problems.push({ file: rel, message: 'has no header row', fix: 'start the file with the quoted column names, e.g. "EVENT_TYPE","TIMESTAMP",…' });
      continue;
    }
    if (licensed(ctx, eventType, name)) entries.push({ file, record: buildRecord(eventType, name, file, header, `${eventType}/${fileName}`, ctx.createdById) });
  }
  return entries;
}

/** Every log file under `<dir>/eventlogs` the org's licence exposes; problems and warnings collected. */
export function scanEventLogs(
  dir: string,
  options: { eventMonitoring: EventMonitoring; createdById: string | undefined },
  problems: FixtureProblem[],
  warnings: string[],
): EventLogFileEntry[] {
  const root = path.join(dir, 'eventlogs');
  if (!existsSync(root)) return [];
  if (options.eventMonitoring === 'none') {
    warnings.push("eventlogs/ ignored: org.json says eventMonitoring 'none', so the org has no EventLogFile access");
    return [];
  }
  const ctx: ScanContext = { dir, ...options, problems, skipped: { hourly: 0, licensed: 0 } };
  const seen = new Set<string>();
  const entries: EventLogFileEntry[] = [];
  for (const typeDir of readdirSync(root).sort()) {
    if (typeDir.startsWith('.')) continue;
    if (!statSync(path.join(root, typeDir)).isDirectory()) {
      problems.push({ file: `eventlogs/${typeDir}`, message: 'log files must sit in a folder named after their EventType', fix: `move it to eventlogs/<EventType>/${typeDir}` });
      continue;
    }
    entries.push(...scanTypeDir(ctx, typeDir, seen));
  }
  const { hourly, licensed: paid } = ctx.skipped;
  if (hourly) warnings.push(`${hourly} hourly log file(s) not served: hourly files need Event Monitoring (org.json eventMonitoring 'shield')`);
  if (paid) warnings.push(`${paid} log file(s) of licensed event types not served: without Event Monitoring only the free types are published`);
  return entries;
}
