/**
 * The audit, oauth, files, users and realtime streams over a generated org (orgwarden sim
 * generate): what was planted shows up as activities with the right user, target and time, and
 * the user directory answers "was this user active / terminated then?" and "is this user
 * privileged?" as the scenario says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from '../activity/activity';
import { loadConfigFile } from '../config';
import { UserStates } from '../enrichment/user-state';
import { generateTemp, removeGenerated } from '../sim/generate/__tests__/generated-org';
import { auditStream } from './setup-audit-trail';
import { filesStream } from './files';
import { oauthStream } from './oauth-grants';
import { realtimeStream } from './realtime/realtime';
import { openOrg, passActivities, type OpenOrg } from './stream-test-kit';
import { usersStream } from './users/users';

interface Label {
  policy: string;
  user: { id: string; username: string } | null;
  from: string;
  to: string;
  evidence: Record<string, unknown> & { records?: Record<string, string[]> };
}

let org: OpenOrg;
let labels: { attacks: Label[]; lookAlikes: Label[] };
let dir: string;
const window = { fromMs: 0, untilMs: 0 };
const found: Record<string, Activity[]> = {};

const attack = (policy: string) => labels.attacks.find((a) => a.policy === policy)!;
const within = (a: Activity, label: Label) => a.timeMs >= Date.parse(label.from) - 60_000 && a.timeMs <= Date.parse(label.to) + 60_000;
const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.slice(0, 15) === b.slice(0, 15);

beforeAll(async () => {
  dir = generateTemp({ users: '40', days: '10', seed: 'streams' }).dir;
  labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as typeof labels;
  org = await openOrg(dir, loadConfigFile(path.join(dir, 'orgwarden.yaml')));
  window.untilMs = org.connected.client.orgNowMs();
  window.fromMs = window.untilMs - 11 * 86_400_000;
  for (const stream of [usersStream, auditStream, oauthStream, filesStream, realtimeStream]) {
    const { result, activities } = await passActivities(stream, org.deps, window);
    expect(result.skipped).toBe(0);
    found[stream.name] = activities;
  }
}, 120_000);

afterAll(async () => {
  await org?.connected.close();
  removeGenerated();
});

it('reads the planted Login-As from the audit trail: the admin, each impersonated user, the time', () => {
  const label = attack('unusual-impersonation');
  const targets = label.evidence['targets'] as string[];
  const logins = found['audit']!.filter((a) => a.kind === 'login-as' && same(a.userId, label.user!.id) && within(a, label));
  expect(logins.map((a) => a.operation)).toEqual(targets.map(() => 'suOrgAdminLogin'));
  expect(logins.map((a) => a.target?.username)).toEqual(targets);
  // The same sessions from Real-Time Event Monitoring: the admin by username, now with its id.
  const events = found['realtime']!.filter((a) => a.source === 'LoginAsEvent' && same(a.userId, label.user!.id));
  expect(events.map((a) => a.target?.username).sort()).toEqual(expect.arrayContaining([...targets].sort()));
});

it('reads the planted file deletions (queryAll) with the deleting user', () => {
  const label = attack('unusual-file-deletion');
  const ids = new Set(label.evidence.records!['ContentDocument']);
  const deletions = found['files']!.filter((a) => a.kind === 'file.delete' && ids.has(a.recordId!));
  expect(deletions).toHaveLength(ids.size);
  for (const d of deletions) expect([same(d.userId, label.user!.id), within(d, label)]).toEqual([true, true]);
});

it('reads the planted OAuth grants of the look-alike app, one per grantor', () => {
  const label = attack('risky-oauth-app');
  const grants = found['oauth']!.filter((a) => a.appName === label.evidence['app']);
  expect(grants.map((g) => g.username).sort()).toEqual([...(label.evidence['grantors'] as string[])].sort());
  for (const g of grants) expect([within(g, label), typeof g.useCount]).toEqual([true, 'number']);
});

it('reads a share with a personal mailbox with the recipient\'s e-mail domain, and public links with their settings', () => {
  const label = attack('file-shared-personal-email');
  const shares = found['files']!.filter((a) => a.source === 'ContentDocumentLink' && a.target?.domain === 'gmail.com');
  expect(shares.length).toBe(label.evidence.records!['ContentDocumentLink']!.length);
  for (const s of shares) expect([same(s.userId, label.user!.id), s.target?.email]).toEqual([true, label.evidence['recipient']]);
  const links = found['files']!.filter((a) => a.share?.kind === 'public-link');
  expect(links.length).toBeGreaterThanOrEqual(25);
  expect(links[0]!.share).toMatchObject({ passwordRequired: false, allowDownload: true });
});

it('knows who was terminated, deactivated and privileged, and when', async () => {
  const directory = (await UserStates.load(org.deps.state))!;
  const leaver = attack('terminated-user-activity');
  const terminatedAt = Date.parse(String(leaver.evidence['terminatedAt']));
  expect(directory.stateAt(leaver.user!.id, terminatedAt - 60_000)).toEqual({ active: true, frozen: false, terminated: false });
  expect(directory.stateAt(leaver.user!.id, terminatedAt + 60_000)).toEqual({ active: true, frozen: false, terminated: true });
  const offboarded = labels.lookAlikes.find((l) => l.policy === 'terminated-user-activity')!;
  const deactivatedAt = Date.parse(String(offboarded.evidence['deactivatedAt']));
  expect(directory.stateAt(offboarded.user!.username, deactivatedAt - 60_000)?.active).toBe(true);
  expect(directory.stateAt(offboarded.user!.username, deactivatedAt + 60_000)?.active).toBe(false);
  const escalated = attack('privilege-escalation').evidence['target'] as string;
  expect(directory.isPrivileged(escalated)).toBe(true);
  // An administrator holds Modify All Data through the System Administrator profile; a sales rep holds nothing admin-level.
  expect(directory.get(attack('unusual-impersonation').user!.id)?.privileges).toContain('ModifyAllData (profile System Administrator)');
  expect(directory.isPrivileged(leaver.user!.id)).toBe(false);
});

it('carries Salesforce\'s Threat Detection findings with their score and summary', () => {
  const threats = found['realtime']!.filter((a) => a.kind === 'threat');
  const planted = [...labels.attacks, ...labels.lookAlikes].filter((l) => l.evidence['realtimeEvent']).length;
  expect(threats.length).toBeGreaterThanOrEqual(1);
  expect(threats.length).toBeLessThanOrEqual(Math.max(planted, 4));
  for (const t of threats) expect([typeof t.score, typeof t.summary, t.eventType]).toEqual(['number', 'string', expect.stringMatching(/^(SessionHijacking|CredentialStuffing|ReportAnomaly|ApiAnomaly)$/)]);
});
