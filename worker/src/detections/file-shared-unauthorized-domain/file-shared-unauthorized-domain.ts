import { domainIn } from '../environment';
import { isOutsider, orgDomains } from '../shared/data-recipients';
import { evaluateRecipientShares, recipientDraftBase, recipientEvidence, type RecipientWindowView } from '../shared/data-recipient-shares';
import type { AlertDraft, DetectionEnvironment, Policy, PolicyMeta } from '../types';

const meta: PolicyMeta = {
  id: 'file-shared-unauthorized-domain',
  name: 'File shared with an unauthorized domain',
  severity: 'medium',
  mitre: ['T1567', 'T1537'],
  description:
    'Template: a file is shared with a user outside the org whose e-mail domain is neither in `allowedDomains` nor one of the org\'s own ' +
    'domains (learnt from the internal users\' e-mails and usernames: the most common domain, plus any other used by at least 10% of ' +
    'them). The recipient\'s e-mail and user type come from the user directory (users stream); internal users are never outside, ' +
    'whatever their e-mail. Subdomains of an allowed domain are allowed; look-alikes are not (`partner.example.evil` is not ' +
    '`partner.example`). One alert per sharer and recipient domain for 24 hours from the first share, counting each share once whether it is read from the ' +
    'share records or the event logs. Severity high from 3 shares in the window or when the recipient may edit (collaborator access).',
  knownGaps: [
    'Public links (ContentDistribution) have no recipient: unusual-file-share covers them.',
    'Files shared with groups, libraries or records that external users can reach are not followed to those users.',
    'Needs the user directory (users stream) to tell external recipients from colleagues: before its first pass nothing is raised.',
    'The share record names the file\'s owner as the sharer; event logs (ContentDocumentLink) name the real actor.',
  ],
  falsePositives: [
    'New partners or customers not yet added to `allowedDomains`: add the domain to the configuration.',
    'Shares with personal mailboxes also raise file-shared-personal-email; the two alerts describe the same share from two angles.',
  ],
  runbook: [
    'Read the evidence: the recipient(s), their domain, how many files, with which access, and when.',
    'Check with the sharer why the files went to that domain; check what the files contain.',
    'If the domain is a legitimate partner, add it to allowedDomains; otherwise remove the shares (ContentDocumentLink), deactivate the external user if it should not exist, and review the sharer\'s other shares and downloads.',
  ],
  dataSources: ['files', 'eventlogs', 'users'],
  sources: ['ContentDocumentLink', 'ELF:ContentDocumentLink'],
  thresholds: {},
  sensitivity: {
    low: 'a template: every share with an unauthorized domain alerts at every level',
    medium: 'a template: every share with an unauthorized domain alerts at every level',
    high: 'a template: every share with an unauthorized domain alerts at every level',
  },
};

function unauthorized(domain: string, env: DetectionEnvironment): boolean {
  return !domainIn(domain, env.allowedDomains) && !domainIn(domain, orgDomains(env));
}

export const fileSharedUnauthorizedDomain: Policy = {
  meta,
  thresholdsFor: () => ({}),
  async evaluate(activities, ctx) {
    const views = await evaluateRecipientShares(activities, ctx, (recipient) => isOutsider(recipient, ctx.env) && unauthorized(recipient.domain, ctx.env));
    return views.map(toDraft);
  },
};

function toDraft(view: RecipientWindowView): AlertDraft {
  const base = recipientDraftBase(meta.id, view);
  const who = view.username ?? view.userId;
  const editors = view.state.permissions['C'] ?? 0;
  const recipients = Object.keys(view.state.recipients);
  return {
    ...base,
    severity: base.count >= 3 || editors > 0 ? 'high' : meta.severity,
    title: `${who} shared ${base.count} file${base.count === 1 ? '' : 's'} with ${recipients.slice(0, 2).join(', ')} (${view.domain} is not an allowed domain)`,
    description:
      `${who} shared ${base.count} file(s) with ${recipients.join(', ')} at ${view.domain}, which is neither in allowedDomains nor one of the org's own domains` +
      (editors ? `; ${editors} with edit access` : '') + '.',
    evidence: recipientEvidence(view),
  };
}
