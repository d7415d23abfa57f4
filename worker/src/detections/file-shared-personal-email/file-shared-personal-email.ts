import type { Activity } from '../../activity/activity';
import { domainIn } from '../environment';
import { isOutsider, isPersonalDomain, orgDomains, type Recipient } from '../shared/data-recipients';
import { evaluateRecipientShares, recipientDraftBase, recipientEvidence, type RecipientWindowView } from '../shared/data-recipient-shares';
import type { AlertDraft, DetectionContext, Policy, PolicyMeta } from '../types';

const meta: PolicyMeta = {
  id: 'file-shared-personal-email',
  name: 'File shared with a personal e-mail address',
  severity: 'high',
  mitre: ['T1567', 'T1048'],
  description:
    'Template: a file is shared with a user outside the org whose e-mail is at a personal mailbox provider (`personalEmailDomains`, ' +
    'default: gmail.com, outlook.com, gmx.de, proton.me …). Domains match whole labels: `mail.gmx.de` is gmx.de, but ' +
    '`gmx-logistics.example` (a company) is not. The recipient\'s e-mail and user type come from the user directory; internal users ' +
    'are never counted, and neither is one of the org\'s own domains. The evidence says when the mailbox looks like the sharer\'s own ' +
    '(their name in it), the classic way to take files home. One alert per sharer and mailbox domain for 24 hours from the first share, each share counted once ' +
    'whether read from the share records or the event logs.',
  knownGaps: [
    'Public links (ContentDistribution) have no recipient: unusual-file-share covers them.',
    'Only the configured providers: a personal mailbox at a small provider or a vanity domain is not recognised (file-shared-unauthorized-domain still sees it when the domain is not allowed).',
    'Files e-mailed as attachments, or shared through groups and libraries, are not seen.',
    'Needs the user directory (users stream) to tell external recipients from colleagues: before its first pass nothing is raised.',
  ],
  falsePositives: [
    'Customers or partners who use a personal mailbox for their community account (small businesses): confirm with the sharer; the alert says whether the mailbox carries the sharer\'s own name.',
    'A company domain that merely starts like a provider (gmx-logistics.example) is not matched.',
  ],
  runbook: [
    'Read the evidence: the recipient mailbox, whether it carries the sharer\'s name, how many files and when.',
    'If the mailbox is the sharer\'s own, treat it as data exfiltration: remove the shares, deactivate the external user, and review the sharer\'s downloads and other shares.',
    'Otherwise confirm with the sharer who the recipient is and whether the files may leave the company.',
  ],
  dataSources: ['files', 'eventlogs', 'users'],
  sources: ['ContentDocumentLink', 'ELF:ContentDocumentLink'],
  thresholds: {},
  sensitivity: {
    low: 'a template: every share with a personal mailbox alerts at every level',
    medium: 'a template: every share with a personal mailbox alerts at every level',
    high: 'a template: every share with a personal mailbox alerts at every level',
  },
};

function flagged(recipient: Recipient & { domain: string }, ctx: DetectionContext): boolean {
  return isOutsider(recipient, ctx.env) && isPersonalDomain(recipient.domain, ctx.env) && !domainIn(recipient.domain, orgDomains(ctx.env));
}

/** Name parts of the sharer (3+ letters) found in the mailbox's local part: `ana.silva.home@gmail.com` for ana.silva@corp. */
function looksLikeOwnMailbox(view: RecipientWindowView, ctx: DetectionContext): boolean {
  const sharer = ctx.env.users?.get(view.userId);
  const source = [sharer?.name, sharer?.email?.split('@')[0], (sharer?.username ?? view.username)?.split('@')[0]].filter(Boolean).join(' ').toLowerCase();
  const parts = new Set(source.split(/[^a-z0-9]+/).filter((p) => p.length >= 3));
  if (parts.size === 0) return false;
  return Object.keys(view.state.recipients).some((email) => {
    const local = email.split('@')[0]!.toLowerCase();
    const hits = [...parts].filter((p) => local.includes(p)).length;
    return hits >= Math.min(2, parts.size);
  });
}

export const fileSharedPersonalEmail: Policy = {
  meta,
  thresholdsFor: () => ({}),
  async evaluate(activities: readonly Activity[], ctx) {
    const views = await evaluateRecipientShares(activities, ctx, (recipient) => flagged(recipient, ctx));
    return views.map((view) => toDraft(view, ctx));
  },
};

function toDraft(view: RecipientWindowView, ctx: DetectionContext): AlertDraft {
  const base = recipientDraftBase(meta.id, view);
  const who = view.username ?? view.userId;
  const recipients = Object.keys(view.state.recipients);
  const own = looksLikeOwnMailbox(view, ctx);
  return {
    ...base,
    severity: meta.severity,
    title: `${who} shared ${base.count} file${base.count === 1 ? '' : 's'} with personal mailbox ${recipients.slice(0, 2).join(', ')}` + (own ? ' (looks like their own)' : ''),
    description:
      `${who} shared ${base.count} file(s) with ${recipients.join(', ')}, at the personal mailbox provider ${view.domain}` +
      (own ? '; the mailbox carries the sharer\'s own name.' : '.'),
    evidence: { ...recipientEvidence(view), personalMailboxProvider: view.domain, looksLikeSharersOwnMailbox: own },
  };
}
