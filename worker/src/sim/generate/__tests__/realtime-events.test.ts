/**
 * Real-Time Event Monitoring storage in a generated org: with Shield every stream is complete and
 * agrees with LoginHistory and the event log rows of the same activity; without it there is none.
 * The threat events sit under records/ with ids, and labels.json points at them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dateTimeMs } from '../../sf-datetime';
import { eventLogFiles, generateTemp, readCsv, readRecords, removeGenerated } from './generated-org';

afterAll(removeGenerated);

type Row = Record<string, string>;
type RecordRow = Record<string, unknown>;

const BIG_OBJECTS = ['LoginEvent', 'LogoutEvent', 'LoginAsEvent', 'ApiEvent', 'ReportEvent'];
const THREAT_STORES = ['SessionHijackingEventStore', 'CredentialStuffingEventStore', 'ReportAnomalyEventStore', 'ApiAnomalyEventStore'];

/** Every row of the daily files of a type (hourly files carry the same rows). */
function dailyRows(dir: string, type: string): Row[] {
  return eventLogFiles(dir, type)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(f))
    .flatMap((f) => readCsv(path.join(dir, 'eventlogs', type, f)).rows);
}

const ms = (value: unknown) => dateTimeMs(value) as number;

describe('a Shield org has complete real-time event streams', () => {
  let dir: string;
  beforeAll(() => {
    dir = generateTemp({ seed: 'realtime' }).dir;
  });

  it('has a LoginEvent for every sign-in, agreeing with LoginHistory and the Login log row', () => {
    const history = new Map(readRecords(dir, 'LoginHistory').map((h) => [h['Id'], h]));
    const events = readRecords(dir, 'LoginEvent');
    expect(events.length).toBe(history.size);
    const logRows = new Map(dailyRows(dir, 'Login').map((r) => [`${r['USER_ID_DERIVED']}|${r['TIMESTAMP_DERIVED']}`, r]));
    for (const event of events) {
      const h = history.get(event['LoginHistoryId']) as RecordRow;
      expect([event['UserId'], event['SourceIp'], event['Status'], event['LoginType']]).toEqual([h['UserId'], h['SourceIp'], h['Status'], h['LoginType']]);
      expect(Math.floor(ms(event['EventDate']) / 1000) * 1000).toBe(ms(h['LoginTime']));
      const log = logRows.get(`${String(event['UserId'])}|${new Date(ms(event['EventDate'])).toISOString()}`) as Row;
      expect(log['SOURCE_IP']).toBe(event['SourceIp']);
      expect(log['LOGIN_KEY']).toBe(event['LoginKey'] ?? '');
      expect(event['Id']).toBe('000000000000000AAA');
      expect(ms(event['CreatedDate'])).toBeGreaterThan(ms(event['EventDate']));
    }
  });

  it('has a LogoutEvent for each Log Out button press, none for timeouts', () => {
    const clicks = dailyRows(dir, 'Logout').filter((r) => r['USER_INITIATED_LOGOUT'] === '1');
    const events = readRecords(dir, 'LogoutEvent');
    expect(events.map((e) => `${String(e['SessionKey'])}|${new Date(ms(e['EventDate'])).toISOString()}`).sort())
      .toEqual(clicks.map((r) => `${r['SESSION_KEY']}|${r['TIMESTAMP_DERIVED']}`).sort());
  });

  it('has a LoginAsEvent for each Login-As, naming the admin as DelegatedUsername', () => {
    const rows = dailyRows(dir, 'LoginAs');
    const events = readRecords(dir, 'LoginAsEvent');
    expect(events.length).toBe(rows.length);
    expect(new Set(events.map((e) => `${String(e['UserId'])}|${String(e['DelegatedUsername'])}`)))
      .toEqual(new Set(rows.map((r) => `${r['USER_ID_DERIVED']}|${r['DELEGATED_USER_NAME']}`)));
  });

  it('has a ReportEvent for each report run and export, with the same rows', () => {
    const runs = dailyRows(dir, 'Report');
    const exports = dailyRows(dir, 'ReportExport');
    const events = readRecords(dir, 'ReportEvent');
    expect(events.filter((e) => e['Operation'] === 'ReportExported').length).toBe(exports.length);
    const byRequest = new Map(runs.map((r) => [`${r['REPORT_ID_DERIVED']}|${r['TIMESTAMP_DERIVED']}`, r]));
    const runEvents = events.filter((e) => e['Operation'] !== 'ReportExported');
    expect(runEvents.length).toBe(runs.length);
    for (const e of runEvents) {
      expect(String(e['RowsProcessed'])).toBe(byRequest.get(`${String(e['ReportId'])}|${new Date(ms(e['EventDate'])).toISOString()}`)?.['ROW_COUNT']);
    }
  });

  it('has an ApiEvent for each API query (SOAP, REST, Bulk), sharing its REQUEST_ID', () => {
    const queries = [
      ...dailyRows(dir, 'API').filter((r) => ['query', 'queryMore', 'queryAll'].includes(r['METHOD_NAME'] as string)),
      ...dailyRows(dir, 'RestApi').filter((r) => r['METHOD'] === 'GET' && /\/query$/.test(r['URI'] as string)),
      ...dailyRows(dir, 'BulkApi').filter((r) => r['OPERATION_TYPE'] === 'query'),
    ];
    const events = readRecords(dir, 'ApiEvent');
    expect(events.map((e) => e['RequestIdentifier']).sort()).toEqual(queries.map((r) => r['REQUEST_ID']).sort());
  });

  it('keeps the Threat Detection stores under records/ with ids, and labels.json points at them', () => {
    expect(existsSync(path.join(dir, 'threat-events'))).toBe(false);
    const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { attacks: Array<{ realtimeEvent: { object: string; id: string; eventIdentifier: string } | null }> };
    const refs = labels.attacks.flatMap((a) => (a.realtimeEvent ? [a.realtimeEvent] : []));
    expect(refs.map((r) => r.object).sort()).toEqual([...THREAT_STORES].sort());
    for (const ref of refs) {
      const [row] = readRecords(dir, ref.object).filter((r) => r['Id'] === ref.id);
      expect(row?.['EventIdentifier']).toBe(ref.eventIdentifier);
      expect(ref.id).toMatch(/^Z1[SCRA][0-9A-Za-z]{15}$/);
    }
  });
});

describe('an org without Shield has no real-time storage', () => {
  it.each(['free', 'none'])('writes none with %s', (eventMonitoring) => {
    const { dir, result } = generateTemp({ seed: `realtime-${eventMonitoring}`, eventMonitoring });
    for (const object of [...BIG_OBJECTS, ...THREAT_STORES]) expect(existsSync(path.join(dir, 'records', `${object}.json`))).toBe(false);
    expect(result.realtimeEvents).toEqual({});
  });
});
