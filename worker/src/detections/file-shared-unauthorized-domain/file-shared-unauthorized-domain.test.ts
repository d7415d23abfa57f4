/** Behaviour across pages and the org's own domains learnt from the user directory. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment, type FixtureUser } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import { orgDomains } from '../shared/data-recipients';
import type { DetectionContext } from '../types';
import { fileSharedUnauthorizedDomain } from './file-shared-unauthorized-domain';

const t0 = Date.parse('2026-11-27T14:00:00Z');
const sharer = { id: '005000000000SHR', username: 'yuki@acme.example', email: 'yuki@acme.example', userType: 'Standard' };
const rival = { id: '005000000000RIV', username: 'j@rival.example.acme', email: 'j@rival.example', userType: 'CspLitePortal' };

function ctx(users: FixtureUser[], state = new MemoryKeyedState()): DetectionContext {
  return { settings: resolveSettings(fileSharedUnauthorizedDomain, undefined), state, env: fixtureEnvironment({ users, allowedDomains: ['partner.example'] }) };
}

function share(source: string, doc: string, minute: number, recipientId = rival.id): Activity {
  return {
    id: `${source}:${doc}`, source, orgId: '00D', userId: sharer.id, username: sharer.username, kind: 'file.share', timeMs: t0 + minute * 60_000, ipTags: [],
    recordId: doc, share: { kind: 'user', recipientId, shareType: 'V' }, target: { userId: recipientId },
  };
}

describe('file-shared-unauthorized-domain across pages', () => {
  it('updates one alert for 24 hours from the first share, past midnight too, and counts a share read from both sources once', async () => {
    const state = new MemoryKeyedState();
    const [first] = await fileSharedUnauthorizedDomain.evaluate([share('ContentDocumentLink', '069A', 0), share('ContentDocumentLink', '069B', 2)], ctx([sharer, rival], state));
    expect(first).toMatchObject({ count: 2, severity: 'medium' });
    const [later] = await fileSharedUnauthorizedDomain.evaluate([share('ELF:ContentDocumentLink', '069A', 0), share('ELF:ContentDocumentLink', '069C', 30)], ctx([sharer, rival], state));
    expect(later).toMatchObject({ bucket: first!.bucket, count: 3, severity: 'high', occurredAtMs: t0, lastSeenAtMs: t0 + 30 * 60_000 });
    // Past midnight but within 24 hours of the first share: the same alert.
    const [lateEvening] = await fileSharedUnauthorizedDomain.evaluate([share('ContentDocumentLink', '069D', 11 * 60)], ctx([sharer, rival], state));
    expect(lateEvening).toMatchObject({ bucket: first!.bucket, count: 4 });
    const [nextDay] = await fileSharedUnauthorizedDomain.evaluate([share('ContentDocumentLink', '069E', 24 * 60 + 1)], ctx([sharer, rival], state));
    expect(nextDay).toMatchObject({ count: 1 });
    expect(nextDay!.bucket).not.toBe(first!.bucket);
  });
});

describe('the org\'s own domains', () => {
  const staff = (n: number, domain: string, type = 'Standard'): FixtureUser[] =>
    Array.from({ length: n }, (_, i) => ({ id: `005000000${domain.slice(0, 3)}${String(i).padStart(3, '0')}`, username: `u${i}@${domain}`, email: `u${i}@${domain}`, userType: type }));

  it('are the internal users\' main domain plus any other used by at least 10% of them, never a personal mailbox domain', () => {
    const env = fixtureEnvironment({ users: [...staff(40, 'acme.example'), ...staff(6, 'acme-labs.example'), ...staff(1, 'contractor.example'), ...staff(5, 'gmail.com'), ...staff(20, 'customer.example', 'CspLitePortal')] });
    expect([...orgDomains(env)].sort()).toEqual(['acme-labs.example', 'acme.example']);
  });

  it('are empty without a user directory, so nothing counts as the org\'s own', () => {
    expect(orgDomains(fixtureEnvironment({}))).toEqual([]);
  });
});
