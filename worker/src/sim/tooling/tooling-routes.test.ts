import { Connection } from 'jsforce';
import { ORG_ID, baseFiles, rawFetch, removeTempDirs, startSim, writeFiles, type StartedSim } from '../__tests__/sim-test-kit';
import { OrgSimulator } from '../index';

const risk = (n: number, extra: Record<string, unknown> = {}) => ({
  RiskType: n % 2 ? 'HIGH_RISK' : 'MEETS_STANDARD', Setting: `Setting ${n}`, SettingGroup: 'Password Policies',
  OrgValue: `${n} characters`, OrgValueRaw: n, StandardValue: '8 characters', StandardValueRaw: '8', SettingRiskCategory: 'HIGH_RISK', ...extra,
});
const HEALTH_CHECK = { score: 86, risks: [risk(1, { Setting: 'Minimum password length' }), risk(2), risk(3, { DurableId: 'PwdMinLength' })] };

let s: StartedSim;

/** The Tooling query answer as sent (jsforce's query() drops the Tooling-only keys). */
function toolingAnswer(sim: StartedSim, soql: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return sim.conn.request({ method: 'GET', url: `/tooling/query?q=${encodeURIComponent(soql)}`, headers });
}

beforeAll(async () => {
  s = await startSim(baseFiles({ 'security/HealthCheck.json': HEALTH_CHECK }));
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});

describe('Tooling API Health Check through jsforce', () => {
  it('serves the score as a string, with the Tooling extras', async () => {
    const result = await s.conn.tooling.query<{ Score: string; DurableId: string; CustomBaselineId: string | null }>('SELECT Score, DurableId, CustomBaselineId FROM SecurityHealthCheck');
    expect(result).toMatchObject({ totalSize: 1, done: true });
    expect(result.records).toEqual([{
      attributes: { type: 'SecurityHealthCheck', url: '/services/data/v62.0/tooling/sobjects/SecurityHealthCheck/000000000000000AAA' },
      Score: '86', DurableId: ORG_ID, CustomBaselineId: null,
    }]);
    expect(s.sim.requestLog.at(-1)?.path).toMatch(/^\/services\/data\/v62\.0\/tooling\/query\?q=/);
    // jsforce keeps only totalSize/done/records; the raw answer carries the Tooling extras.
    const raw = await toolingAnswer(s, 'SELECT Score FROM SecurityHealthCheck');
    expect(Object.keys(raw)).toEqual(['size', 'totalSize', 'done', 'queryLocator', 'entityTypeName', 'records']);
    expect(raw).toMatchObject({ size: 1, totalSize: 1, done: true, queryLocator: null, entityTypeName: 'SecurityHealthCheck' });
  });

  it('filters and orders risks with the SOQL engine, numbers served as strings', async () => {
    const result = await s.conn.tooling.query<Record<string, string>>("SELECT DurableId, SecurityHealthCheckId, Setting, OrgValueRaw FROM SecurityHealthCheckRisks WHERE RiskType = 'HIGH_RISK' ORDER BY Setting DESC");
    expect(result.records.map(({ attributes: _a, ...r }) => r)).toEqual([
      { DurableId: 'PwdMinLength', SecurityHealthCheckId: ORG_ID, Setting: 'Setting 3', OrgValueRaw: '3' },
      { DurableId: `${ORG_ID}-1`, SecurityHealthCheckId: ORG_ID, Setting: 'Minimum password length', OrgValueRaw: '1' },
    ]);
    expect(result.records[0]?.['attributes']).toEqual({ type: 'SecurityHealthCheckRisks', url: '/services/data/v62.0/tooling/sobjects/SecurityHealthCheckRisks/PwdMinLength' });
  });

  it('pages through /tooling/query/<locator>, which jsforce follows with autoFetch', async () => {
    const headers = { 'Sforce-Query-Options': 'batchSize=200' };
    const many = baseFiles({ 'security/HealthCheck.json': { score: '40', risks: Array.from({ length: 450 }, (_v, i) => risk(i + 1)) } });
    const big = await startSim(many);
    try {
      const first = await toolingAnswer(big, 'SELECT DurableId FROM SecurityHealthCheckRisks', headers);
      expect(first).toMatchObject({ size: 450, totalSize: 450, done: false, entityTypeName: 'SecurityHealthCheckRisks' });
      expect(first['records']).toHaveLength(200);
      expect(first['nextRecordsUrl']).toMatch(/^\/services\/data\/v62\.0\/tooling\/query\/01g\w+-200$/);
      expect(first['queryLocator']).toBe(String(first['nextRecordsUrl']).split('/').pop());
      const all = await big.conn.tooling.query('SELECT DurableId FROM SecurityHealthCheckRisks', { autoFetch: true, maxFetch: 1000, headers });
      expect(new Set(all.records.map((r) => r['DurableId'])).size).toBe(450);
      // A Tooling locator does not page the data API, and vice versa.
      const locator = String(first['queryLocator']);
      expect((await rawFetch(`${big.url}/services/data/v62.0/query/${locator}`, { token: big.token })).status).toBe(400);
    } finally {
      await big.sim.stop();
    }
  });

  it('counts with COUNT(), and rejects what Salesforce rejects with its error codes', async () => {
    const count = await s.conn.tooling.query('SELECT COUNT() FROM SecurityHealthCheckRisks');
    expect(count).toMatchObject({ totalSize: 3, done: true, records: [] });
    expect(await toolingAnswer(s, 'SELECT COUNT() FROM SecurityHealthCheckRisks')).toMatchObject({ size: 3, queryLocator: null, entityTypeName: null });
    await expect(s.conn.tooling.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    await expect(s.conn.tooling.query('SELECT Score FROM SecurityHealthCheckRisks')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(s.conn.tooling.query("SELECT DurableId FROM SecurityHealthCheckRisks WHERE RiskType = 'HIGH_RISK' GROUP BY DurableId")).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  it('counts against the API allocation and needs a session, like every REST call', async () => {
    const before = s.sim.apiUsage.used;
    await s.conn.tooling.query('SELECT Score FROM SecurityHealthCheck');
    expect(s.sim.apiUsage.used).toBe(before + 1);
    const conn = new Connection({ instanceUrl: s.url, accessToken: '00D5g00000ABCDE!expired', version: '62.0' });
    await expect(conn.tooling.query('SELECT Score FROM SecurityHealthCheck')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('answers column metadata for &columns=true, as `sf data query --use-tooling-api` asks', async () => {
    const res = await s.conn.request<Record<string, unknown>>(`/tooling/query?q=${encodeURIComponent('SELECT Score, DurableId FROM SecurityHealthCheck')}&columns=true`);
    expect(res).toMatchObject({ entityName: 'SecurityHealthCheck', groupBy: false, idSelected: false, keyPrefix: null });
    expect(res['columnMetadata']).toEqual([
      expect.objectContaining({ columnName: 'Score', apexType: 'String', textType: true, insertable: false, joinColumns: [] }),
      expect.objectContaining({ columnName: 'DurableId', apexType: 'String' }),
    ]);
  });
});

describe('an org whose Health Check has no data (no security/HealthCheck.json)', () => {
  it('answers both objects with no rows', async () => {
    const plain = await startSim();
    try {
      expect(await toolingAnswer(plain, 'SELECT Score FROM SecurityHealthCheck')).toEqual({ size: 0, totalSize: 0, done: true, queryLocator: null, entityTypeName: null, records: [] });
      expect((await plain.conn.tooling.query('SELECT Setting FROM SecurityHealthCheckRisks')).totalSize).toBe(0);
    } finally {
      await plain.sim.stop();
    }
  });
});

describe('HealthCheck.json problems', () => {
  it('are all reported when the fixture loads', async () => {
    const dir = writeFiles(baseFiles({ 'security/HealthCheck.json': { score: 101, extra: 1, risks: [{ RiskType: 'LOW', Setting: 'x' }, { Settings: 'x', RiskType: 'HIGH_RISK' }, 'nope'] } }));
    const load = OrgSimulator.load(dir);
    await expect(load).rejects.toThrow(/score 101 is not an integer from 0 to 100/);
    await expect(load).rejects.toThrow(/unknown key extra/);
    await expect(load).rejects.toThrow(/risks\[0\]: RiskType LOW is not one of HIGH_RISK, MEDIUM_RISK, MEETS_STANDARD/);
    await expect(load).rejects.toThrow(/risks\[1\]: Settings is not a SecurityHealthCheckRisks field/);
    await expect(load).rejects.toThrow(/risks\[2\]: must be an object/);
  });
});
