/**
 * Event log files as Salesforce writes them: the documented field list as header (in the order
 * real files have), every value quoted, TIMESTAMP / TIMESTAMP_DERIVED forms, 15- and 18-character
 * ids, LOGIN_STATUS codes, session keys that tie a session's rows together, hourly files that
 * hold exactly the daily file's rows, and only what the org's licence publishes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import elfFieldTypes from '../../eventlogs/elf-field-types.json';
import { isFreeEventType } from '../../eventlogs/elf-schema';
import { to18 } from '../../ids';
import { columnsOf, GENERATED_EVENT_TYPES } from '../event-logs/elf-columns';
import { eventLogFiles, generateTemp, readCsv, removeGenerated } from './generated-org';

afterAll(removeGenerated);

const QUOTED_LINE = /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/;
const REQUIRED_TYPES = ['Login', 'Logout', 'LoginAs', 'API', 'RestApi', 'BulkApi', 'Report', 'ReportExport', 'URI', 'LightningPageView', 'ContentTransfer', 'ContentDistribution', 'ContentDocumentLink', 'DocumentAttachmentDownloads', 'Search'];
const DOCUMENTED = elfFieldTypes.eventTypes as Record<string, Record<string, string>>;

function rowsOf(dir: string, type: string, pattern: RegExp): string[] {
  return eventLogFiles(dir, type).filter((f) => pattern.test(f)).flatMap((f) => readCsv(path.join(dir, 'eventlogs', type, f)).lines);
}

describe('event log files (shield)', () => {
  let dir: string;
  beforeAll(() => {
    dir = generateTemp({ seed: 'elf' }).dir;
  });

  it('writes every required event type, with the documented field list as header', () => {
    const written = readdirSync(path.join(dir, 'eventlogs'));
    for (const type of REQUIRED_TYPES) expect(written).toContain(type);
    for (const type of written) {
      for (const file of eventLogFiles(dir, type)) {
        const { header } = readCsv(path.join(dir, 'eventlogs', type, file));
        expect(header).toEqual(columnsOf(type));
      }
      expect([...columnsOf(type)].sort()).toEqual(Object.keys(DOCUMENTED[type]!).sort());
    }
    expect(GENERATED_EVENT_TYPES).toEqual(expect.arrayContaining(REQUIRED_TYPES));
  });

  it('uses the column order of a real Login file', () => {
    const sample = readFileSync(path.join(__dirname, '../../testdata/samples/newrelic-login_logs_sample.csv'), 'utf8').split('\n')[0]!;
    const real = sample.split(',').map((c) => c.replace(/"/g, ''));
    expect(columnsOf('Login').slice(0, real.length)).toEqual(real);
  });

  it('quotes every value and writes timestamps and ids in Salesforce forms', () => {
    for (const type of readdirSync(path.join(dir, 'eventlogs'))) {
      const file = eventLogFiles(dir, type).find((f) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(f))!;
      const { lines, rows } = readCsv(path.join(dir, 'eventlogs', type, file));
      for (const line of lines) expect(line).toMatch(QUOTED_LINE);
      for (const row of rows) {
        expect(row['EVENT_TYPE']).toBe(type);
        expect(row['TIMESTAMP']).toMatch(/^\d{14}\.\d{3}$/);
        const t = row['TIMESTAMP']!;
        expect(row['TIMESTAMP_DERIVED']).toBe(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}.${t.slice(15)}Z`);
        expect(row['ORGANIZATION_ID']).toMatch(/^00D[A-Za-z0-9]{12}$/);
        for (const [name, value] of Object.entries(row)) {
          if (!value || !name.endsWith('_ID_DERIVED')) continue;
          expect(value).toHaveLength(18);
          const short = row[name.replace('_DERIVED', '')];
          if (short) expect(to18(short)).toBe(value);
        }
      }
    }
  });

  it('writes LOGIN_STATUS codes and ties a session\'s rows together with SESSION_KEY and LOGIN_KEY', () => {
    const logins = rowsOf(dir, 'Login', /^\d{4}-\d{2}-\d{2}\.csv$/).map((l) => readCsvLine(l, columnsOf('Login')));
    const statuses = new Set(logins.map((r) => r['LOGIN_STATUS']));
    for (const status of statuses) expect(status).toMatch(/^LOGIN_(NO_ERROR|ERROR_[A-Z_]+)$/);
    expect(statuses).toContain('LOGIN_ERROR_INVALID_PASSWORD');
    const loginKeys = new Set(logins.filter((r) => r['LOGIN_STATUS'] === 'LOGIN_NO_ERROR').map((r) => r['LOGIN_KEY']));
    const sessionToLogin = new Map<string, string>();
    for (const type of ['URI', 'LightningPageView', 'Logout', 'Report']) {
      for (const row of rowsOf(dir, type, /^\d{4}-\d{2}-\d{2}\.csv$/).map((l) => readCsvLine(l, columnsOf(type)))) {
        expect(row['SESSION_KEY']).toMatch(/^[A-Za-z0-9+/]{16}$/);
        expect(loginKeys.has(row['LOGIN_KEY']!)).toBe(true);
        const known = sessionToLogin.get(row['SESSION_KEY']!);
        if (known) expect(row['LOGIN_KEY']).toBe(known);
        sessionToLogin.set(row['SESSION_KEY']!, row['LOGIN_KEY']!);
      }
    }
  });

  it('puts the same rows in the hourly files (all sequences) as in the daily file', () => {
    for (const type of ['Login', 'LightningPageView']) {
      for (const daily of eventLogFiles(dir, type).filter((f) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(f))) {
        const day = daily.slice(0, 10);
        const hourly = rowsOf(dir, type, new RegExp(`^${day}T\\d{2}(\\.\\d+)?\\.csv$`));
        expect(hourly.sort()).toEqual(readCsv(path.join(dir, 'eventlogs', type, daily)).lines.sort());
      }
    }
  });
});

describe('event log files without Shield', () => {
  it('writes only daily files of the free event types with "free"', () => {
    const { dir } = generateTemp({ seed: 'free', eventMonitoring: 'free' });
    const types = readdirSync(path.join(dir, 'eventlogs'));
    expect(types).toEqual(expect.arrayContaining(['Login', 'Logout']));
    for (const type of types) {
      expect(isFreeEventType(type)).toBe(true);
      for (const file of eventLogFiles(dir, type)) expect(file).toMatch(/^\d{4}-\d{2}-\d{2}\.csv$/);
    }
    expect(existsSync(path.join(dir, 'threat-events'))).toBe(false);
  });

  it('writes no event logs with "none"', () => {
    const { dir } = generateTemp({ seed: 'none', eventMonitoring: 'none' });
    expect(existsSync(path.join(dir, 'eventlogs'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, 'org.json'), 'utf8'))).toMatchObject({ eventMonitoring: 'none' });
  });
});

function readCsvLine(line: string, columns: readonly string[]): Record<string, string> {
  const values = line.slice(1, -1).split('","').map((v) => v.replace(/""/g, '"'));
  return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
}
