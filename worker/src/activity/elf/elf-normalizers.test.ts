/**
 * Normalizers on real, published event log rows (worker/src/sim/testdata/samples, MIT/Apache-2.0,
 * see PROVENANCE.md): the New Relic 2025 Login file, Salesforce's 2015 API/BulkApi/RestApi files
 * (no *_DERIVED columns: the fallbacks), and the Azure Sentinel sample's row of each type,
 * written back as a CSV file (Sentinel lower-cased the column names).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from '../activity';
import { ElfCsvParser } from '../../streams/eventlogs/csv/elf-csv-parser';
import { normalizerFor } from './elf-normalizers';
import { ipOf, type RowNormalizer } from './elf-row';
import { to18 } from './sf-id';

const SAMPLES = path.join(__dirname, '../../sim/testdata/samples');
const ORG = '00D5g00000ABCDEAAA';

interface Normalized {
  results: Array<Activity | null | undefined>;
  damaged: number;
}

function normalize(eventType: string, csv: string): Normalized {
  const out: Normalized = { results: [], damaged: 0 };
  let rowNormalizer: RowNormalizer | undefined;
  let timeCols: [number, number] = [-1, -1];
  const parser = new ElfCsvParser({
    onHeader(columns) {
      const index = new Map(columns.map((c, i) => [c, i] as const));
      const col = (name: string) => index.get(name) ?? -1;
      timeCols = [col('TIMESTAMP_DERIVED'), col('TIMESTAMP')];
      rowNormalizer = normalizerFor(eventType)!.bind(col, ORG);
    },
    // As the stream does: a row without a readable time is unreadable before any normalizer.
    onRow: (row) => {
      const timeMs = row.timeMs(timeCols[0], timeCols[1]);
      out.results.push(Number.isFinite(timeMs) ? rowNormalizer!(row, timeMs) : undefined);
    },
    onDamage: () => void (out.damaged += 1),
  });
  parser.push(Buffer.from(csv, 'utf8'));
  parser.end();
  return out;
}

const sample = (name: string) => readFileSync(path.join(SAMPLES, name), 'utf8');

type SentinelRow = Record<string, string | null>;
const sentinel = JSON.parse(sample('azure-sentinel-SalesforceServiceCloud_CL.json')) as SentinelRow[];

/** One Sentinel row as the CSV file Salesforce served: upper-case names, every value quoted. */
function sentinelCsv(eventType: string): string {
  const row = sentinel.find((r) => r['event_type'] === eventType);
  if (!row) throw new Error(`no ${eventType} row in the sample`);
  const columns = Object.keys(row).filter((k) => k !== 'user_email' && !k.startsWith('_'));
  const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
  return `${columns.map((c) => q(c.toUpperCase())).join(',')}\n${columns.map((c) => q(String(row[c] ?? ''))).join(',')}\n`;
}

function one(eventType: string): Activity {
  const { results } = normalize(eventType, sentinelCsv(eventType));
  expect(results).toHaveLength(1);
  return results[0] as Activity;
}

describe('event log normalizers on real samples', () => {
  it('Login (New Relic 2025 file): outcome from LOGIN_STATUS codes; sanitised placeholders are not ids or addresses', () => {
    const { results } = normalize('Login', sample('newrelic-login_logs_sample.csv'));
    expect(results).toHaveLength(9);
    const first = results[0] as Activity;
    expect(first).toMatchObject({ kind: 'login.success', source: 'ELF:Login', eventType: 'Login', status: 'LOGIN_NO_ERROR', username: 'user@example.com', loginType: 'A', operation: 'oauthpassword', timeMs: Date.parse('2025-10-01T11:00:03.509Z'), orgId: ORG });
    expect(first.userId).toBeUndefined(); // "USER_ID" placeholder
    expect(first.ip).toBeUndefined(); // "w.x.y.z" placeholder
    expect(results.map((a) => (a as Activity).loginType)).toEqual(['A', 'A', 'A', 'A', 'A', 'A', 'i', 'i', 'R']);
  });

  it('Login failure codes and "Salesforce.com IP" (Sentinel row)', () => {
    const csv = sentinelCsv('Login').replace('LOGIN_NO_ERROR', 'LOGIN_ERROR_INVALID_PASSWORD');
    const activity = normalize('Login', csv).results[0] as Activity;
    expect(activity).toMatchObject({ kind: 'login.failure', status: 'LOGIN_ERROR_INVALID_PASSWORD', userId: '0050O000003RJycQAG', loginKey: 'CAVFg0zyx3LX6i1W', userAgent: 'Go-http-client/1.1' });
    expect(activity.ip).toBeUndefined();
  });

  it('API, BulkApi, RestApi of 2015 (no *_DERIVED columns): TIMESTAMP and 15-character ids', () => {
    const api = normalize('API', sample('logstash-api-2015-07-26.csv')).results as Activity[];
    expect(api[0]).toMatchObject({ kind: 'api.call', operation: 'get_user_info', userId: to18('0053000000Ank29'), ip: '204.14.239.55', appName: 'Workbench/29.0.9i', timeMs: Date.parse('2015-07-26T22:24:19.439Z') });
    const bulk = normalize('BulkApi', sample('logstash-bulkapi-2015-07-26.csv')).results as Activity[];
    expect(bulk[0]).toMatchObject({ kind: 'api.query', operation: 'query', object: 'Account', rows: 45, recordId: to18('750300000010DJu') });
    const rest = normalize('RestApi', sample('logstash-restapi-2015-07-26.csv')).results as Activity[];
    expect(rest).toHaveLength(308);
    expect(rest[0]).toMatchObject({ kind: 'api.query', operation: 'GET', uri: '/services/data/v34.0/sobjects/Account/describe', ip: '10.226.112.71' });
    expect(rest.every((a) => a && Number.isFinite(a.timeMs) && a.userId?.length === 18)).toBe(true);
  });

  it.each([
    ['API', { kind: 'api.query', operation: 'query', object: 'PromptVersion', rows: 0, userId: '0053X00000BoLQRQA3', requestId: 'TID:589308000043d93339' }],
    ['RestApi', { kind: 'api.call', operation: 'POST', ip: '34.249.67.239', uri: '/services/data/v49.0/support/chatbots/adiBot_US/sessions/9413e141-94cf-4780-9a66-538720145431' }],
    ['BulkApi', { kind: 'api.call', sessionKey: 'Zo1ga0gCQHME4zSa', recordId: to18('7503X00000as1sz'), ip: '34.240.243.167' }],
    ['Logout', { kind: 'logout', status: '1', operation: 'UI', ip: '110.54.241.239', sessionKey: 'GHrbQB1ZqznAwcum', userId: '0053X00000BoqlMQAR' }],
    ['LoginAs', { kind: 'login-as', userId: '0050O000003RBWVQA4', target: { userId: '0053X00000Bole6QAB' }, delegateUser: 'sanitized_email.com', ip: '183.83.43.64' }],
    ['Report', { kind: 'report.run', rows: 544, recordId: '00O3X00000B4bTEUAZ', operation: 'ReportRunFromLightning', ip: '208.49.58.254' }],
    ['ReportExport', { kind: 'report.export', recordId: '00O3X00000C8f8VUAR', object: 'Report', ip: '84.106.139.215' }],
    ['URI', { kind: 'page.view', uri: '/aura', sessionKey: 'Ka8pRFOtViafxoJM', ip: '37.35.67.24' }],
    ['LightningPageView', { kind: 'page.view', uri: '/lightning/o/Case/list?filterName=00B0O000008kzauUAA', object: 'Case', appName: 'CS_Lightning_Console', ip: '212.252.210.6' }],
    ['DocumentAttachmentDownloads', { kind: 'file.download', recordId: to18('01520000003gds3'), object: 'Document', operation: 'image/png' }],
    ['Search', { kind: 'search', rows: 27, object: '005', userId: to18('0053X000009rBnh') }],
  ])('%s (Sentinel row)', (eventType, expected) => {
    expect(one(eventType)).toMatchObject({ source: `ELF:${eventType}`, eventType, timeMs: expect.any(Number), ipTags: [], ...expected });
  });

  it('LightningPageView: the user agent loses its extra quoting', () => {
    expect(one('LightningPageView').userAgent).toMatch(/^Mozilla\/5\.0 .*Safari\/537\.36$/);
  });

  it('ContentTransfer: a download is file.download, an upload is counted but no activity', () => {
    expect(normalize('ContentTransfer', sentinelCsv('ContentTransfer')).results).toEqual([null]); // saveVersion
    const download = normalize('ContentTransfer', sentinelCsv('ContentTransfer').replace('saveVersion', 'VersionDownloadAction')).results[0];
    expect(download).toMatchObject({ kind: 'file.download', recordId: '0693X00000HKWgjQAH', operation: 'VersionDownloadAction', object: 'ContentDocument' });
  });

  it('ContentDistribution: INSERT is a public link shared, VIEW is no activity', () => {
    expect(normalize('ContentDistribution', sentinelCsv('ContentDistribution')).results).toEqual([null]);
    const created = normalize('ContentDistribution', sentinelCsv('ContentDistribution').replace('"VIEW"', '"INSERT"')).results[0];
    expect(created).toMatchObject({ kind: 'file.share', share: { kind: 'public-link' }, recordId: to18('0680O000006YYew') });
  });

  it("ContentDocumentLink: a share with another user names the recipient; the owner's own link is no activity", () => {
    expect(normalize('ContentDocumentLink', sentinelCsv('ContentDocumentLink')).results).toEqual([null]);
    const shared = normalize('ContentDocumentLink', sentinelCsv('ContentDocumentLink').replace('"0053X00000BmHhz","I"', '"0053X00000Zz999","V"')).results[0];
    expect(shared).toMatchObject({ kind: 'file.share', target: { userId: to18('0053X00000Zz999') }, share: { kind: 'user', recipientId: to18('0053X00000Zz999'), shareType: 'V' }, recordId: to18('0693X00000HKWgj') });
  });

  it('a row without a readable time is unreadable (skipped), not an activity', () => {
    const csv = sentinelCsv('URI').replace('"2020-10-16T10:00:00.011Z"', '""').replace('"20201016100000.011"', '"yesterday"');
    expect(normalize('URI', csv).results).toEqual([undefined]);
  });

  it("the sample's header-as-data row is damage, not a row", () => {
    const csv = sentinelCsv('ApexCallout');
    const header = csv.split('\n')[0]!;
    expect(normalize('URI', `${csv}${header}\n`)).toEqual({ results: [expect.anything()], damaged: 1 });
  });
});

describe('ipOf', () => {
  it('takes IPv4 and IPv6 text and refuses what CLIENT_IP holds for Salesforce-internal requests', () => {
    expect(ipOf('198.51.100.7')).toBe('198.51.100.7');
    expect(ipOf('2001:DB8:85a3::8a2e:370:7334')).toBe('2001:DB8:85a3::8a2e:370:7334');
    expect(ipOf('::ffff:203.0.113.9')).toBe('::ffff:203.0.113.9');
    for (const text of ['Salesforce.com IP', '', '7', '198.51.100.7 ', 'g::1', '1'.repeat(46)]) expect(ipOf(text)).toBeUndefined();
  });
});
