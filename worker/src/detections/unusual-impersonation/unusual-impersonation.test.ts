/**
 * Behaviour across pages: one Login-As reported by the audit trail now and by the event log and
 * LoginAsEvent later is counted once, and the day's alert is updated, not repeated.
 */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState, type KeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { unusualImpersonation } from './unusual-impersonation';

const DAY_MS = 86_400_000;
const t0 = Date.parse('2026-11-01T00:00:00Z');
const ADMIN = '005000000000ADMAAA';
const env = fixtureEnvironment({
  users: [
    { id: ADMIN, username: 'sara.admin@example.com', privileges: ['ModifyAllData (profile System Administrator)'] },
    { id: '005000000000TGTAAA', username: 'olga.finance@example.com' },
  ],
});

function context(state: KeyedState = new MemoryKeyedState()): DetectionContext {
  return { settings: resolveSettings(unusualImpersonation, undefined), state, env };
}

/** Ten days of other audit entries: the org has been watched long enough. */
function orgHistory(): Activity[] {
  return Array.from({ length: 10 }, (_, d) => ({
    id: `0YmH${d}`, source: 'SetupAuditTrail', orgId: '00D000000000001', userId: '005000000000OTHAAA', kind: 'admin.change' as const, operation: 'resetpassword', timeMs: t0 + d * DAY_MS, ipTags: [],
  }));
}

const at = t0 + 11 * DAY_MS + 20 * 3_600_000;
const fromAudit: Activity = { id: '0YmX1', source: 'SetupAuditTrail', orgId: '00D000000000001', userId: ADMIN, username: 'sara.admin@example.com', kind: 'login-as', operation: 'suOrgAdminLogin', target: { userId: '005000000000TGTAAA' }, timeMs: at, ipTags: [] };
const fromEventLog: Activity = { id: 'ELF:LoginAs:r1', source: 'ELF:LoginAs', orgId: '00D000000000001', userId: ADMIN, username: 'sara.admin@example.com', kind: 'login-as', target: { userId: '005000000000TGT' }, ip: '198.51.100.7', timeMs: at + 412, ipTags: [] };
const fromRealtime: Activity = { id: 'evt-1', source: 'LoginAsEvent', orgId: '00D000000000001', username: 'sara.admin@example.com', delegateUser: 'sara.admin@example.com', kind: 'login-as', target: { userId: '005000000000TGTAAA' }, ip: '198.51.100.7', timeMs: at + 415, ipTags: [] };

describe('unusual-impersonation across polls and sources', () => {
  it('counts a Login-As once when its event log row and LoginAsEvent arrive in later polls, and updates the alert only with news', async () => {
    const ctx = context();
    await unusualImpersonation.evaluate(orgHistory(), ctx);
    const [raised] = await unusualImpersonation.evaluate([fromAudit], ctx);
    expect(raised).toMatchObject({ count: 1, severity: 'medium', evidence: { reasons: ['first-use'] } });
    expect(raised!.ip).toBeUndefined();

    // The event log row brings the address: same alert, same count, now with the IP.
    const [updated] = await unusualImpersonation.evaluate([fromEventLog], ctx);
    expect(updated).toMatchObject({ bucket: raised!.bucket, count: 1, ip: '198.51.100.7', evidence: { bySource: { SetupAuditTrail: 1, 'ELF:LoginAs': 1 } } });

    // The real-time event adds nothing new: no update at all.
    expect(await unusualImpersonation.evaluate([fromRealtime], ctx)).toEqual([]);
  });

  it('stays quiet while the org has been watched for less than 7 days', async () => {
    const ctx = context();
    await unusualImpersonation.evaluate(orgHistory().slice(0, 3), ctx);
    expect(await unusualImpersonation.evaluate([{ ...fromAudit, timeMs: t0 + 4 * DAY_MS }], ctx)).toEqual([]);
  });

  it('knows the admin from the next day on: a second day of the same Login-As is quiet', async () => {
    const ctx = context();
    await unusualImpersonation.evaluate(orgHistory(), ctx);
    expect(await unusualImpersonation.evaluate([fromAudit], ctx)).toHaveLength(1);
    expect(await unusualImpersonation.evaluate([{ ...fromAudit, id: '0YmX2', timeMs: at + DAY_MS }], ctx)).toEqual([]);
  });

  it('reads and writes its state once per page', async () => {
    const memory = new MemoryKeyedState();
    const calls = { get: 0, set: 0 };
    const counting: KeyedState = { getMany: (keys) => ((calls.get += 1), memory.getMany(keys)), setMany: (entries) => ((calls.set += 1), memory.setMany(entries)) };
    await unusualImpersonation.evaluate([...orgHistory(), fromAudit, fromEventLog, fromRealtime], context(counting));
    expect(calls).toEqual({ get: 1, set: 1 });
  });
});

describe('unusual-impersonation whatever order the streams arrive in', () => {
  const SUPPORT = '005000000000SUPAAA';
  const COLLEAGUE = '005000000000SP2AAA';
  const streamEnv = fixtureEnvironment({
    users: [
      { id: ADMIN, username: 'sara.admin@example.com', privileges: ['ModifyAllData (profile System Administrator)'] },
      { id: SUPPORT, username: 'farah.support@example.com' },
      { id: COLLEAGUE, username: 'omar.support@example.com' },
      ...['T01', 'T02', 'T03', 'T04'].map((t) => ({ id: `005000000000${t}AAA`, username: `${t.toLowerCase()}@example.com` })),
    ],
  });
  const reported = (source: string, userId: string, username: string, target: string, timeMs: number, n: number): Activity => {
    const base = { orgId: '00D000000000001', username, kind: 'login-as' as const, timeMs, ipTags: [] };
    if (source === 'SetupAuditTrail') return { ...base, id: `0Ym${userId}${n}`, source, userId, operation: 'suOrgAdminLogin', target: { userId: target } };
    if (source === 'ELF:LoginAs') return { ...base, id: `ELF:${userId}${n}`, source, userId, target: { userId: target.slice(0, 15) }, ip: '198.51.100.7', timeMs: timeMs + 412 };
    return { ...base, id: `evt-${userId}${n}`, source, delegateUser: username, target: { userId: target }, ip: '198.51.100.7', timeMs: timeMs + 415 };
  };
  /**
   * Two support leads' routine (two Login-As a day for 11 days; one of them from the second day on)
   * and an admin's first Login-As on the last day, as each stream reads them: event logs back 11 days, the audit trail back 7, real-time
   * events only the last day; one page per stream and day.
   */
  function streams(): Record<'audit' | 'eventlogs' | 'realtime', Activity[][]> {
    const pages = { audit: [] as Activity[][], eventlogs: [] as Activity[][], realtime: [] as Activity[][] };
    for (let d = 0; d <= 10; d++) {
      const day = (source: string): Activity[] => {
        const routine = [0, 1].flatMap((i) => [
          reported(source, COLLEAGUE, 'omar.support@example.com', `005000000000T0${((d + i) % 4) + 1}AAA`, t0 + d * DAY_MS + (9 + 4 * i) * 3_600_000, d * 2 + i),
          ...(d >= 1 ? [reported(source, SUPPORT, 'farah.support@example.com', `005000000000T0${((d + i) % 4) + 1}AAA`, t0 + d * DAY_MS + (10 + 4 * i) * 3_600_000, d * 2 + i)] : []),
        ]);
        return d < 10 ? routine : [...routine, reported(source, ADMIN, 'sara.admin@example.com', '005000000000T01AAA', t0 + d * DAY_MS + 20 * 3_600_000, 99)];
      };
      pages.eventlogs.push(day('ELF:LoginAs'));
      if (d >= 4) pages.audit.push(day('SetupAuditTrail'));
      if (d === 10) pages.realtime.push(day('LoginAsEvent'));
    }
    return pages;
  }
  async function run(order: Activity[][]): Promise<Record<string, unknown>> {
    const ctx: DetectionContext = { ...context(), env: streamEnv };
    const latest: Record<string, unknown> = {};
    for (const page of order) {
      for (const alert of await unusualImpersonation.evaluate(page, ctx)) {
        latest[alert.bucket] = { severity: alert.severity, count: alert.count, occurredAtMs: alert.occurredAtMs, ip: alert.ip, reasons: (alert.evidence as { reasons: string[] }).reasons };
      }
    }
    return latest;
  }

  it('raises the same alerts when a real-time event arrives before the event logs reached the days before it', async () => {
    const { audit, eventlogs, realtime } = streams();
    const inDateOrder = await run([...eventlogs, ...audit, ...realtime]);
    expect(inDateOrder).toEqual({
      [`${ADMIN}:2026-11-11`]: { severity: 'medium', count: 1, occurredAtMs: t0 + 10 * DAY_MS + 20 * 3_600_000, ip: '198.51.100.7', reasons: ['first-use'] },
    });
    // The support leads' LoginAsEvents of the last day come after the event logs' first page only:
    // one of them is not in it, and their history still unread is no reason to call it their first Login-As.
    expect(await run([eventlogs[0]!, ...realtime, ...audit, ...eventlogs.slice(1)])).toEqual(inDateOrder);
    expect(await run([...realtime, ...audit, ...eventlogs])).toEqual(inDateOrder);
    // A retried audit job: its pages after the event logs' and interleaved with them.
    expect(await run([...eventlogs.slice(0, 6), ...realtime, ...eventlogs.slice(6), ...audit])).toEqual(inDateOrder);
    expect(await run(eventlogs.flatMap((page, i) => [page, ...(i >= 4 ? [audit[i - 4]!] : []), ...(i === 2 ? realtime : [])]))).toEqual(inDateOrder);
  });
});

describe('unusual-impersonation and the age of the user directory', () => {
  it('does not call a target privileged when the directory is more than a day newer than the Login-As', async () => {
    const { UserStates } = await import('../../enrichment/user-state');
    const support = '005000000000SUPAAA';
    const snapshot = (takenAtMs: number) =>
      new UserStates({ takenAtMs, users: [{ id: '005000000000TGTAAA', username: 'olga.finance@example.com', active: true, frozen: false, changes: [], privileges: ['ModifyAllData (profile System Administrator)'] }] });
    // A support lead with a routine of one Login-As a day into the same colleague, then a new target.
    const history = Array.from({ length: 10 }, (_, d): Activity => ({ ...fromAudit, id: `0YmR${d}`, userId: support, target: { userId: '005000000000STDAAA' }, timeMs: t0 + d * DAY_MS + 36_000_000 }));
    const loginAs: Activity = { ...fromAudit, userId: support, timeMs: t0 + 11 * DAY_MS + 36_000_000 };
    const run = async (takenAtMs: number) => {
      const ctx: DetectionContext = { ...context(), env: { ...env, users: snapshot(takenAtMs) } };
      await unusualImpersonation.evaluate(history, ctx);
      return unusualImpersonation.evaluate([loginAs], ctx);
    };
    expect(await run(loginAs.timeMs + 3_600_000)).toMatchObject([{ evidence: { reasons: ['privileged-target'] } }]);
    // A week later the target may have been promoted since: privilege is not judged.
    expect(await run(loginAs.timeMs + 7 * DAY_MS)).toEqual([]);
  });
});
