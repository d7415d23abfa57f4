/** Behaviour across pages: the baseline and the day's alert carry from one poll to the next. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState, type KeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { unusualAdminActivity } from './unusual-admin-activity';

const DAY_MS = 86_400_000;
const t0 = Date.parse('2026-11-01T00:00:00Z');
let seq = 0;

function change(userId: string, dayIndex: number, hour: number, operation: string, section: string): Activity {
  seq += 1;
  return { id: `0Ym${String(seq).padStart(12, '0')}`, source: 'SetupAuditTrail', orgId: '00D000000000001', userId, username: `${userId}@example.com`, kind: 'admin.change', operation, section, timeMs: t0 + dayIndex * DAY_MS + hour * 3_600_000 + seq * 1000, ipTags: [] };
}

/** Two routine user-management changes a day in office hours, one page per day. */
function routineDays(userId: string, days: number): Activity[][] {
  return Array.from({ length: days }, (_, d) => [change(userId, d, 9, 'resetpassword', 'Manage Users'), change(userId, d, 14, 'PermSetAssign', 'Manage Users')]);
}

function context(state: KeyedState = new MemoryKeyedState()): DetectionContext {
  return { settings: resolveSettings(unusualAdminActivity, undefined), state, env: fixtureEnvironment({}) };
}

describe('unusual-admin-activity across polls', () => {
  it('keeps one alert for a day split over two pages, its count and last-seen time growing', async () => {
    const ctx = context();
    for (const page of routineDays('005A', 10)) expect(await unusualAdminActivity.evaluate(page, ctx)).toEqual([]);

    const [first] = await unusualAdminActivity.evaluate([change('005A', 11, 2, 'changedsessiontimeout', 'Session Settings'), change('005A', 11, 2, 'passwordexpiryForProfile', 'Password Policies')], ctx);
    expect(first).toMatchObject({ count: 2, subject: '005A', evidence: { newHighRiskAreas: { 'session-security': 1, 'password-policy': 1 } } });

    const [updated] = await unusualAdminActivity.evaluate([change('005A', 11, 3, 'insertCertificate', 'Certificate and Key Management')], ctx);
    expect(updated).toMatchObject({ bucket: first!.bucket, count: 3, occurredAtMs: first!.occurredAtMs, severity: 'high' });
    expect(updated!.lastSeenAtMs).toBeGreaterThan(first!.lastSeenAtMs);
  });

  it('stays quiet during the 7-day learning period, then alerts on the same kind of change', async () => {
    const ctx = context();
    for (let d = 0; d < 6; d += 1) {
      expect(await unusualAdminActivity.evaluate([change('005A', d, 9, 'resetpassword', 'Manage Users'), change('005B', d, 3, `transactionSecurityPolicyEnabledDisabled`, 'Transaction Security')].sort((a, b) => a.timeMs - b.timeMs), ctx)).toEqual([]);
    }
    // 005C's first change ever, on day 8: the org has been watched long enough for "never before" to mean something.
    const alerts = await unusualAdminActivity.evaluate([change('005C', 8, 3, 'loginIpRange', 'Manage Users')], ctx);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ userId: '005C', evidence: { baseline: { maxPerDay: 0 } } });
  });

  it('treats an area as the user\'s own once touched: the next day\'s change there is quiet', async () => {
    const ctx = context();
    for (const page of routineDays('005A', 10)) await unusualAdminActivity.evaluate(page, ctx);
    expect(await unusualAdminActivity.evaluate([change('005A', 10, 10, 'passwordexpiryForProfile', 'Password Policies')], ctx)).toHaveLength(1);
    expect(await unusualAdminActivity.evaluate([change('005A', 11, 10, 'passwordhistoryForProfile', 'Password Policies')], ctx)).toEqual([]);
  });

  it('reads and writes its state once per page, whatever the number of users and changes', async () => {
    const memory = new MemoryKeyedState();
    const calls = { get: 0, set: 0 };
    const counting: KeyedState = {
      getMany: (keys) => ((calls.get += 1), memory.getMany(keys)),
      setMany: (entries) => ((calls.set += 1), memory.setMany(entries)),
    };
    const page = Array.from({ length: 60 }, (_, i) => change(`005U${i % 6}`, 0, 9, 'resetpassword', 'Manage Users')).sort((a, b) => a.timeMs - b.timeMs);
    await unusualAdminActivity.evaluate(page, context(counting));
    expect(calls).toEqual({ get: 1, set: 1 });
  });
});
