/**
 * Turns a fixture's `eventlogs/` directory into EventLogFile records. Only the start of each CSV
 * is read here; the body is streamed from disk when a client downloads it. Each record's
 * CreatedDate is its publication time (`publication-schedule.ts`): the org view hides it until
 * then and purges it after the licence's retention.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LATEST_API_VERSION } from '../api-versions';
import { idFromSeed } from '../ids';
import type { SimRecord } from '../schema/types';
import { formatDateTime, formatSystemTimestamp, parseDateTime } from '../sf-datetime';
import type { FixtureProblem } from '../fixture/fixture-error';
import { readCsvStart } from './csv-header';
import { canonicalEventType, columnType, isFreeEventType, knownEventTypes } from './elf-schema';
import { parseLogFileName, type LogFileName } from './log-file-names';
import { DEFAULT_PUBLICATION, periodEnd, scheduledPublication, type PublicationSettings } from './publication-schedule';
import { sequenceOrderProblems } from './sequence-order';

export type EventMonitoring = 'shield' | 'free' | 'none';

/** One published log file: its EventLogFile record and where its CSV body lives. */
export interface EventLogFileEntry {
  record: SimRecord;
  /** Absolute path of the CSV. */
  file: string;
  /** `<EventType>/<file name>` as under `eventlogs/`. */
  key: string;
}

export interface EventLogScanOptions {
  eventMonitoring: EventMonitoring;
  createdById: string | undefined;
  publication?: PublicationSettings;
}

interface ScanContext {
  dir: string;
  eventMonitoring: EventMonitoring;
  createdById: string | undefined;
  publication: PublicationSettings;
  problems: FixtureProblem[];
  skipped: { hourly: number; licensed: number; empty: string[] };
}

interface FoundFile {
  eventType: string;
  name: LogFileName;
  file: string;
  key: string;
  columns: string[];
}

function buildRecord(found: FoundFile, created: Date, createdById: string | undefined): SimRecord {
  const { eventType, name, file, columns } = found;
  const id = idFromSeed('0AT', `EventLogFile:${found.key}`);
  const createdText = formatSystemTimestamp(created);
  return {
    Id: id,
    IsDeleted: false,
    CreatedDate: createdText,
    CreatedById: createdById ?? null,
    LastModifiedDate: createdText,
    LastModifiedById: createdById ?? null,
    SystemModstamp: createdText,
    EventType: eventType,
    LogDate: formatDateTime(name.logDate),
    Interval: name.interval,
    Sequence: name.sequence,
    LogFileLength: statSync(file).size,
    LogFileContentType: 'CSV',
    LogFileFieldNames: columns.join(','),
    LogFileFieldTypes: columns.map((c) => columnType(eventType, c)).join(','),
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

/** The pinned CreatedDate of a file, else its scheduled one; a pin before the period ends is a problem. */
function publicationOf(ctx: ScanContext, found: FoundFile): Date {
  const pinned = ctx.publication.createdDates[found.key];
  if (pinned === undefined) return scheduledPublication(found.eventType, found.name, ctx.publication);
  const date = parseDateTime(pinned);
  const end = periodEnd(found.name);
  if (!date || date < end) {
    ctx.problems.push({ file: `eventlogs/${found.key}`, message: `createdDates pins it at '${pinned}', which is not a datetime at or after the end of the period it covers (${end.toISOString()})`, fix: 'Salesforce publishes a log file only after its period ends: pin a later ISO-8601 datetime' });
    return scheduledPublication(found.eventType, found.name, ctx.publication);
  }
  return date;
}

function readFound(ctx: ScanContext, eventType: string, typeDir: string, fileName: string, seen: Set<string>): FoundFile | undefined {
  const rel = `eventlogs/${typeDir}/${fileName}`;
  const name = parseLogFileName(fileName);
  if (!name) {
    ctx.problems.push({ file: rel, message: 'is not a log file name the simulator understands', fix: 'name it YYYY-MM-DD.csv (daily) or YYYY-MM-DDTHH.csv / YYYY-MM-DDTHH.<seq>.csv (hourly, UTC)' });
    return undefined;
  }
  const period = `${eventType}|${name.interval}|${name.logDate.toISOString()}|${name.sequence}`;
  if (seen.has(period)) {
    ctx.problems.push({ file: rel, message: `another file already is the ${name.interval} ${eventType} log for this period with Sequence ${name.sequence}`, fix: 'give later files of the same hour a higher .<seq>' });
    return undefined;
  }
  seen.add(period);
  const file = path.join(ctx.dir, 'eventlogs', typeDir, fileName);
  const start = readCsvStart(file);
  if (!start) {
    ctx.problems.push({ file: rel, message: 'has no header row', fix: 'start the file with the quoted column names, e.g. "EVENT_TYPE","TIMESTAMP",…' });
    return undefined;
  }
  if (!start.hasDataRow) {
    ctx.skipped.empty.push(rel);
    return undefined;
  }
  return { eventType, name, file, key: `${eventType}/${fileName}`, columns: start.columns };
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
    const found = readFound(ctx, eventType, typeDir, fileName, seen);
    if (!found || !licensed(ctx, eventType, found.name)) continue;
    entries.push({ file: found.file, key: found.key, record: buildRecord(found, publicationOf(ctx, found), ctx.createdById) });
  }
  return entries;
}

function reportSkipped(ctx: ScanContext, entries: EventLogFileEntry[], warnings: string[]): void {
  const { hourly, licensed: paid, empty } = ctx.skipped;
  if (hourly) warnings.push(`${hourly} hourly log file(s) not served: hourly files need Event Monitoring (org.json eventMonitoring 'shield')`);
  if (paid) warnings.push(`${paid} log file(s) of licensed event types not served: without Event Monitoring only the free types are published`);
  if (empty.length) warnings.push(`${empty.length} log file(s) without rows not served (Salesforce publishes no file for a period without events): ${empty.join(', ')}`);
  const served = new Set(entries.map((e) => e.key));
  for (const key of Object.keys(ctx.publication.createdDates)) {
    if (!served.has(key)) warnings.push(`createdDates names '${key}', which is no served log file (expected <EventType>/<file name> of a file under eventlogs/)`);
  }
}

/** Every log file under `<dir>/eventlogs` the org's licence exposes; problems and warnings collected. */
export function scanEventLogs(dir: string, options: EventLogScanOptions, problems: FixtureProblem[], warnings: string[]): EventLogFileEntry[] {
  const root = path.join(dir, 'eventlogs');
  if (!existsSync(root)) return [];
  // 'none': the org (or its user) has no EventLogFile access, and Salesforce then has no such
  // object for that user — describe lists none and SOQL answers 400 INVALID_TYPE ("sObject type
  // 'EventLogFile' is not supported"), not an empty result. Object Reference, EventLogFile, Special
  // Access Rules: "requires View Event Log Files and API Enabled user permissions"; the same
  // INVALID_TYPE is what users without access get for other restricted objects (LoginHistory
  // without Manage Users: RoseSilverSoftware/IlluminatedCloud issue 2141). The schema leaves the
  // object out (`SimSchema.load({withoutEventLogFiles})`).
  if (options.eventMonitoring === 'none') {
    warnings.push("eventlogs/ ignored: org.json says eventMonitoring 'none', so the org has no EventLogFile access");
    return [];
  }
  const ctx: ScanContext = { dir, ...options, publication: options.publication ?? DEFAULT_PUBLICATION, problems, skipped: { hourly: 0, licensed: 0, empty: [] } };
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
  problems.push(...sequenceOrderProblems(entries));
  reportSkipped(ctx, entries, warnings);
  return entries;
}
