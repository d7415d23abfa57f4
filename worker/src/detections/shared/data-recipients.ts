/**
 * Who a file was shared with, for the data group's sharing policies: the recipient user from the
 * org's user directory (its e-mail domain and whether it is an internal user), the org's own
 * domains learnt from its internal users, and personal mailbox domains. Matching is by whole
 * domain labels (environment.ts `domainIn`): `gmx-logistics.example` is not `gmx.de`.
 */
import type { Activity } from '../../activity/activity';
import type { UserStates } from '../../enrichment/user-state';
import { domainIn } from '../environment';
import type { DetectionEnvironment } from '../types';

/** User types of the org's own people and automation; every other type (partner, customer, guest …) is external. */
const INTERNAL_USER_TYPES = new Set(['Standard', 'CsnOnly', 'AutomatedProcess', 'CloudIntegrationUser']);

export interface Recipient {
  userId?: string;
  email?: string;
  domain?: string;
  userType?: string;
  /** From the directory's user type; undefined when the directory does not know the user. */
  external?: boolean;
}

export function emailDomain(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return undefined;
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  return domain || undefined;
}

/** The user a file was shared with (ContentDocumentLink to a user), or undefined for links, groups and libraries. */
export function recipientOf(activity: Activity, env: DetectionEnvironment): Recipient | undefined {
  if (activity.kind !== 'file.share' || activity.share?.kind !== 'user') return undefined;
  const userId = activity.share.recipientId ?? activity.target?.userId;
  const known = userId ? env.users?.get(userId) : undefined;
  const email = known?.email ?? activity.target?.email;
  const domain = emailDomain(email) ?? activity.target?.domain?.toLowerCase();
  return {
    ...(userId ? { userId } : {}),
    ...(email ? { email: email.toLowerCase() } : {}),
    ...(domain ? { domain } : {}),
    ...(known?.userType ? { userType: known.userType, external: !INTERNAL_USER_TYPES.has(known.userType) } : {}),
  };
}

const learnt = new WeakMap<UserStates, readonly string[]>();

/**
 * The org's own mail domains: the most common domain of its internal users' e-mails and
 * usernames, plus any other domain at least 10% of them (and 2 or more) use — so one contractor
 * with a company address does not make their company "ours". Personal mailbox domains never are.
 */
export function orgDomains(env: DetectionEnvironment): readonly string[] {
  const users = env.users;
  if (!users) return [];
  const cached = learnt.get(users);
  if (cached) return cached;
  const counts = new Map<string, number>();
  let internal = 0;
  for (const user of users.snapshot.users) {
    if (!INTERNAL_USER_TYPES.has(user.userType ?? 'Standard')) continue;
    internal += 1;
    const domains = new Set([emailDomain(user.email), emailDomain(user.username)].filter((d): d is string => d !== undefined));
    for (const domain of domains) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].filter(([d]) => !domainIn(d, env.personalEmailDomains)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const minShare = Math.max(2, Math.ceil(internal * 0.1));
  const domains = ranked.filter(([, n], i) => i === 0 || n >= minShare).map(([d]) => d);
  learnt.set(users, domains);
  return domains;
}

/**
 * Whether the recipient is outside the org: an external user of the directory, or one the
 * directory does not know (created since its last pass) at a domain that is not the org's.
 * Without any directory (before the users stream's first pass) the org's domains are unknown,
 * so nobody counts as outside: quiet rather than an alert for every colleague.
 */
export function isOutsider(recipient: Recipient, env: DetectionEnvironment): boolean {
  if (recipient.external !== undefined) return recipient.external;
  if (!env.users || recipient.domain === undefined) return false;
  return !domainIn(recipient.domain, orgDomains(env));
}

export function isPersonalDomain(domain: string, env: DetectionEnvironment): boolean {
  return domainIn(domain, env.personalEmailDomains);
}
