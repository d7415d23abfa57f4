/** Eval scoring: what counts as a found attack, a false alarm, and noise on benign users. */
import { combine, precision, recall, score, type LabelsFile } from './label-match';

const victim = { id: '005000000000001AAA', id15: '005000000000001', username: 'ana@example.com' };
const traveller = { id: '005000000000002AAA', id15: '005000000000002', username: 'ben@example.com' };
const labels: LabelsFile = {
  matching: { toleranceMinutes: 15 },
  attacks: [
    { id: 'attack-01-impossible-travel', policy: 'impossible-travel', alsoMatches: ['infrequent-country'], user: victim, ip: '203.0.113.9', from: '2026-11-20T10:00:00Z', to: '2026-11-20T11:30:00Z' },
    { id: 'attack-02-password-spray', policy: 'password-spray', alsoMatches: [], user: null, ip: '198.51.100.7', from: '2026-11-21T02:00:00Z', to: '2026-11-21T02:05:00Z' },
  ],
  lookAlikes: [{ id: 'lookalike-01-impossible-travel', policy: 'impossible-travel', alsoMatches: [], user: traveller, ip: null, from: '2026-11-22T19:00:00Z', to: '2026-11-23T19:30:00Z' }],
};
const POLICIES = ['impossible-travel', 'infrequent-country', 'password-spray'];
const USERS = [victim.id, traveller.id, '005000000000003AAA', '005000000000004AAA'];

it('counts an attack found by its own policy, within the tolerance, by user or by IP', () => {
  const s = score(
    [
      { policy: 'impossible-travel', userId: victim.id15, occurredAt: '2026-11-20T11:40:00Z' },
      { policy: 'password-spray', ip: '198.51.100.7', occurredAt: '2026-11-21T01:50:00Z' },
    ],
    labels, POLICIES, USERS,
  );
  expect(s.policies.map((p) => [p.policy, recall(p), precision(p)])).toEqual([
    ['impossible-travel', 1, 1],
    ['infrequent-country', 1, 1],
    ['password-spray', 1, 1],
  ]);
  expect(s.benignUserAlerts).toBe(0);
});

it('misses an attack whose alert comes too late or names another user, and counts those alerts as false', () => {
  const s = score(
    [
      { policy: 'impossible-travel', userId: victim.id, occurredAt: '2026-11-20T11:46:00Z' },
      { policy: 'password-spray', ip: '198.51.100.8', occurredAt: '2026-11-21T02:01:00Z' },
    ],
    labels, POLICIES, USERS,
  );
  const travel = s.policies.find((p) => p.policy === 'impossible-travel')!;
  expect([recall(travel), precision(travel), travel.unexplained]).toEqual([0, 0, 1]);
  expect(s.misses.map((m) => m.label)).toEqual(['attack-01-impossible-travel', 'attack-02-password-spray']);
});

it("lets another policy's alert on an attack be right (alsoMatches) without giving that attack's policy its recall", () => {
  const s = score([{ policy: 'infrequent-country', userId: victim.id, occurredAt: '2026-11-20T11:00:00Z' }], labels, POLICIES, USERS);
  expect(s.policies.find((p) => p.policy === 'infrequent-country')).toMatchObject({ alerts: 1, truePositives: 1 });
  expect(s.policies.find((p) => p.policy === 'impossible-travel')).toMatchObject({ attacks: 1, detected: 0 });
});

it('counts alerts on users nobody attacked, explained by a look-alike or not', () => {
  const s = score(
    [
      { policy: 'impossible-travel', userId: traveller.id, occurredAt: '2026-11-23T08:00:00Z' },
      { policy: 'password-spray', userId: '005000000000003AAA', occurredAt: '2026-11-23T08:00:00Z' },
    ],
    labels, POLICIES, USERS,
  );
  expect(s).toMatchObject({ benignUsers: 3, benignUserAlerts: 2 });
  expect(s.falsePositives.map((f) => f.explainedBy ?? null)).toEqual(['lookalike-01-impossible-travel', null]);
  expect(combine([s, s])).toMatchObject({ benignUsers: 6, benignUserAlerts: 4 });
});

it('does not count an alert that matches an attack as noise on a benign user, whichever policy of the attack raised it', () => {
  const lucky = '005000000000003AAA';
  const s = score(
    [
      // The spray named by its IP; its alert and another policy's alert name the account the attacker reached.
      { policy: 'password-spray', userId: lucky, ip: '198.51.100.7', occurredAt: '2026-11-21T02:05:00Z' },
      { policy: 'impossible-travel', userId: lucky, ip: '198.51.100.7', occurredAt: '2026-11-21T02:04:00Z' },
      // Same user, outside any attack: noise.
      { policy: 'password-spray', userId: lucky, ip: '198.51.100.7', occurredAt: '2026-11-25T02:05:00Z' },
    ],
    { ...labels, attacks: labels.attacks.map((a) => (a.policy === 'password-spray' ? { ...a, alsoMatches: ['impossible-travel'] } : a)) },
    POLICIES, USERS,
  );
  expect(s.policies.find((p) => p.policy === 'password-spray')).toMatchObject({ alerts: 2, truePositives: 1, benignUserAlerts: 1 });
  expect(s.policies.find((p) => p.policy === 'impossible-travel')).toMatchObject({ alerts: 1, truePositives: 1, benignUserAlerts: 0 });
  expect(s.benignUserAlerts).toBe(1);
});
