/** Behaviour across pages: one alert per offboarding event, updated; sessions open at the change remembered between pages. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureContext, fixtureEnvironment, type FixtureUser } from '../fixture-format';
import type { DetectionContext, Sensitivity } from '../types';
import { terminatedUserActivity } from './terminated-user-activity';

const USER = '005000000000YYY';
const terminated: FixtureUser = { id: USER, username: 'yuki@example.com', terminatedAt: '2026-11-26T06:00:00Z' };
const frozen: FixtureUser = { id: USER, username: 'yuki@example.com', frozen: true, changes: [{ at: '2026-11-20T17:00:00Z', change: 'frozen' }] };

function context(user: FixtureUser, sensitivity: Sensitivity = 'medium'): DetectionContext {
  return { ...fixtureContext(terminatedUserActivity, { users: [user], sensitivity }), state: new MemoryKeyedState() };
}

let n = 0;
function act(source: string, kind: Activity['kind'], iso: string, sessionKey?: string): Activity {
  return { id: `${source}:${(n += 1)}`, source, orgId: '00D000000000001', userId: USER, kind, ip: '198.51.100.44', timeMs: Date.parse(iso), ipTags: [], ...(sessionKey ? { sessionKey } : {}) };
}

describe('terminated-user-activity across pages', () => {
  it('keeps one alert per termination, its count growing with each page and each later day', async () => {
    const ctx = context(terminated);
    const [first] = await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-27T20:00:00Z')], ctx);
    const [second] = await terminatedUserActivity.evaluate([act('ELF:ReportExport', 'report.export', '2026-11-27T20:10:00Z', 'S1'), act('ELF:ReportExport', 'report.export', '2026-11-27T20:15:00Z', 'S1')], ctx);
    expect(second).toMatchObject({ bucket: first!.bucket, count: 3, occurredAtMs: Date.parse('2026-11-27T20:00:00Z') });
    expect(second!.title).toBe('yuki@example.com active after HR termination at 2026-11-26T06:00:00.000Z: 1 sign-in, 2 report exports');
    const [nextDay] = await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-28T09:00:00Z')], ctx);
    expect(nextDay).toMatchObject({ bucket: first!.bucket, count: 4, lastSeenAtMs: Date.parse('2026-11-28T09:00:00Z') });
    expect(nextDay!.title).toBe('yuki@example.com active after HR termination at 2026-11-26T06:00:00.000Z: 2 sign-ins, 2 report exports');
  });

  it('opens a new alert when the account, unfrozen, is frozen again and used again', async () => {
    const refrozen: FixtureUser = { ...frozen, changes: [...frozen.changes!, { at: '2026-11-22T09:00:00Z', change: 'unfrozen' }, { at: '2026-11-25T09:00:00Z', change: 'frozen' }] };
    const ctx = context(refrozen);
    const [first] = await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-21T08:00:00Z')], ctx);
    expect(await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-23T08:00:00Z')], ctx)).toEqual([]);
    const [second] = await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-26T08:00:00Z')], ctx);
    expect(second!.bucket).not.toBe(first!.bucket);
    expect(second).toMatchObject({ count: 1, evidence: expect.objectContaining({ frozenAt: '2026-11-25T09:00:00.000Z' }) });
  });

  it('remembers, from an earlier page, that a session was already open at the freeze', async () => {
    const ctx = context(frozen);
    expect(await terminatedUserActivity.evaluate([act('ELF:URI', 'page.view', '2026-11-20T16:30:00Z', 'OPEN')], ctx)).toEqual([]);
    expect(await terminatedUserActivity.evaluate([act('ELF:URI', 'page.view', '2026-11-20T17:30:00Z', 'OPEN')], ctx)).toEqual([]);
    // A sign-in the freeze should have blocked, then its new session; the open one carries on unraised.
    const page = [act('LoginHistory', 'login.success', '2026-11-20T17:40:00Z'), act('ELF:URI', 'page.view', '2026-11-20T17:45:00Z', 'NEW'), act('ELF:URI', 'page.view', '2026-11-20T17:50:00Z', 'OPEN')];
    const [alert] = await terminatedUserActivity.evaluate(page, ctx);
    expect(alert).toMatchObject({ count: 2, evidence: expect.objectContaining({ reason: 'frozen', activities: { 'login.success': 1, 'page.view': 1 } }) });
  });

  it('takes a session first seen after the freeze for the open one while the user has not signed in since', async () => {
    const ctx = context(frozen);
    // Only the logout hour's file mentions the session: its earlier rows are in a file not read yet.
    expect(await terminatedUserActivity.evaluate([act('ELF:Report', 'report.run', '2026-11-20T17:28:00Z', 'EARLIER')], ctx)).toEqual([]);
    // Beyond 12 hours an open session is no excuse.
    expect(await terminatedUserActivity.evaluate([act('ELF:Report', 'report.run', '2026-11-21T05:30:00Z', 'EARLIER')], ctx)).toHaveLength(1);
  });

  it('raises the open session too at high sensitivity, and only sign-ins at low', async () => {
    const open = [act('ELF:URI', 'page.view', '2026-11-20T16:30:00Z', 'OPEN'), act('ELF:URI', 'page.view', '2026-11-20T17:30:00Z', 'OPEN')];
    expect(await terminatedUserActivity.evaluate(open, context(frozen, 'high'))).toHaveLength(1);
    const afterTermination = [act('ELF:API', 'api.query', '2026-11-27T20:00:00Z', 'T'), act('LoginHistory', 'login.success', '2026-11-27T21:00:00Z')];
    const [low] = await terminatedUserActivity.evaluate(afterTermination, context(terminated, 'low'));
    expect(low).toMatchObject({ count: 1, occurredAtMs: Date.parse('2026-11-27T21:00:00Z') });
  });

  it('waits graceMinutes after the HR termination time', async () => {
    const ctx = { ...context(terminated), settings: { sensitivity: 'medium' as const, thresholds: { graceMinutes: 120 } } };
    expect(await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-26T07:30:00Z')], ctx)).toEqual([]);
    expect(await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-26T08:30:00Z')], ctx)).toHaveLength(1);
  });

  it('raises nothing before the users stream saved a directory', async () => {
    const ctx: DetectionContext = { ...context(terminated), env: fixtureEnvironment({}) };
    expect(await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-27T20:00:00Z')], ctx)).toEqual([]);
  });

  it('remembers an admin\'s Login-As from the audit trail page and leaves the admin\'s requests out, not the person\'s own sign-in', async () => {
    const ctx = context(terminated);
    const loginAs: Activity = { ...act('SetupAuditTrail', 'login-as', '2026-11-27T10:00:00Z'), userId: '005000000000ADM', target: { userId: USER } };
    delete loginAs.ip;
    expect(await terminatedUserActivity.evaluate([loginAs], ctx)).toEqual([]);
    expect(await terminatedUserActivity.evaluate([act('ELF:URI', 'page.view', '2026-11-27T10:05:00Z', 'ADMIN-AS-YUKI')], ctx)).toEqual([]);
    const [own] = await terminatedUserActivity.evaluate([act('LoginHistory', 'login.success', '2026-11-27T10:30:00Z'), act('ELF:URI', 'page.view', '2026-11-27T10:35:00Z', 'YUKI')], ctx);
    expect(own).toMatchObject({ count: 2 });
  });
});
