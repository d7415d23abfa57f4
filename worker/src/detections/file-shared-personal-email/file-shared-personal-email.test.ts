/** Behaviour across pages: one alert per sharer and mailbox domain for 24 hours, growing with later shares. */
import type { Activity } from '../../activity/activity';
import { MemoryKeyedState } from '../../state/keyed-state';
import { fixtureEnvironment } from '../fixture-format';
import { resolveSettings } from '../run-policies';
import type { DetectionContext } from '../types';
import { fileSharedPersonalEmail } from './file-shared-personal-email';

const t0 = Date.parse('2026-11-29T01:00:00Z');
const sharer = { id: '005000000000ARJ', username: 'arjun.khan@acme.example', email: 'arjun.khan@acme.example', userType: 'Standard' };
const home = { id: '005000000000HOM', username: 'arjun.khan.home37@gmail.com.acme', email: 'Arjun.Khan.Home37@GMAIL.com', userType: 'CspLitePortal' };
const friend = { id: '005000000000FRI', username: 'bo@yahoo.co.uk.acme', email: 'bo@yahoo.co.uk', userType: 'CspLitePortal' };

function ctx(state: MemoryKeyedState): DetectionContext {
  return { settings: resolveSettings(fileSharedPersonalEmail, undefined), state, env: fixtureEnvironment({ users: [sharer, home, friend] }) };
}

function share(doc: string, minute: number, to = home.id): Activity {
  return { id: `cdl:${doc}:${to}`, source: 'ContentDocumentLink', orgId: '00D', userId: sharer.id, username: sharer.username, kind: 'file.share', timeMs: t0 + minute * 60_000, ipTags: [], recordId: doc, share: { kind: 'user', recipientId: to, shareType: 'V' }, target: { userId: to } };
}

describe('file-shared-personal-email across pages', () => {
  it('grows one alert per mailbox domain, and marks a mailbox carrying the sharer\'s name', async () => {
    const state = new MemoryKeyedState();
    const [first] = await fileSharedPersonalEmail.evaluate([share('069A', 0), share('069B', 1)], ctx(state));
    expect(first).toMatchObject({ count: 2, severity: 'high', evidence: { looksLikeSharersOwnMailbox: true, personalMailboxProvider: 'gmail.com' } });
    const later = await fileSharedPersonalEmail.evaluate([share('069C', 5), share('069D', 6, friend.id)], ctx(state));
    expect(later).toHaveLength(2);
    const gmail = later.find((a) => a.bucket === first!.bucket);
    const yahoo = later.find((a) => a.bucket !== first!.bucket);
    expect(gmail).toMatchObject({ count: 3 });
    expect(yahoo).toMatchObject({ count: 1, evidence: { personalMailboxProvider: 'yahoo.co.uk', looksLikeSharersOwnMailbox: false } });
  });
});
