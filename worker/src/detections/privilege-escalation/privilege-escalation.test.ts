/** Behaviour across pages: an actor's day collects findings from several polls into one alert. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment, type FixtureUser } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { privilegeEscalation } from './privilege-escalation';

const t0 = Date.parse('2026-11-20T09:00:00Z');
const ACTOR = '005000000000ACTAAA';
const users: FixtureUser[] = [
  { id: ACTOR, username: 'li.dev@example.com', privileges: [] },
  { id: '005000000000TGTAAA', username: 'amara.rep@example.com', name: 'Amara Nguyen', privileges: ['ModifyAllData (profile System Administrator)'] },
];

function entry(id: string, minute: number, operation: string, target?: string): Activity {
  return {
    id, source: 'SetupAuditTrail', orgId: '00D000000000001', userId: ACTOR, username: 'li.dev@example.com', kind: 'admin.change', operation,
    timeMs: t0 + minute * 60_000, ipTags: [], ...(target ? { target: { userId: target } } : {}),
  };
}

function context(withDirectory = true): DetectionContext {
  return { settings: resolveSettings(privilegeEscalation, undefined), state: new MemoryKeyedState(), env: fixtureEnvironment(withDirectory ? { users } : {}) };
}

describe('privilege-escalation across polls', () => {
  it('links OAuth scopes set in a later poll to the connected app the same user created in an earlier one', async () => {
    const ctx = context();
    expect(await privilegeEscalation.evaluate([entry('0Ym1', 0, 'insertApplication')], ctx)).toEqual([]);
    const [alert] = await privilegeEscalation.evaluate([entry('0Ym2', 20, 'changeOauthDefaultScope')], ctx);
    expect(alert).toMatchObject({ severity: 'medium', count: 1, evidence: { findings: [{ kind: 'app-scopes-changed' }], relatedChanges: [{ kind: 'new-connected-app' }] } });
  });

  it('updates the actor\'s day alert with each new finding instead of adding alerts', async () => {
    const ctx = context();
    const [first] = await privilegeEscalation.evaluate([entry('0Ym1', 0, 'loginIpRange')], ctx);
    expect(first).toMatchObject({ severity: 'medium', count: 1 });
    const [second] = await privilegeEscalation.evaluate([entry('0Ym2', 5, 'changedprofileforuser', '005000000000TGTAAA')], ctx);
    expect(second).toMatchObject({ bucket: first!.bucket, severity: 'high', count: 2, occurredAtMs: first!.occurredAtMs });
  });

  it('gives the same alert when a poll is replayed after a crash (one finding per audit entry)', async () => {
    const ctx = context();
    const page = [entry('0Ym1', 0, 'changedprofileforuser', '005000000000TGTAAA')];
    const [first] = await privilegeEscalation.evaluate(page, ctx);
    const [again] = await privilegeEscalation.evaluate(page, ctx);
    expect(again).toEqual(first);
  });

  it('without a user directory cannot call a profile change admin-level, but still reports controls removed', async () => {
    const ctx = context(false);
    expect(await privilegeEscalation.evaluate([entry('0Ym1', 0, 'changedprofileforuser', '005000000000TGTAAA')], ctx)).toEqual([]);
    expect(await privilegeEscalation.evaluate([entry('0Ym2', 1, 'mFADirectUILoginOptInOnOff')], ctx)).toMatchObject([{ severity: 'high' }]);
  });
});
