/**
 * Usernames for user Ids, looked up in batches and cached for the life of the process
 * (LoginHistory carries only UserId; alerts should name the person). Targets too: the recipient of
 * a file share or the user an admin acted on gets username, e-mail and e-mail domain (what the
 * sharing policies compare with allowed and personal domains).
 */
import type { Activity } from '../activity/activity';
import type { OrgClient } from '../salesforce/org-client';
import { soql } from '../salesforce/soql';
import type { Enricher } from './enricher';

const IDS_PER_QUERY = 200;

export class UserDirectory implements Enricher {
  private readonly usernames = new Map<string, string | null>();
  private readonly emails = new Map<string, string>();

  constructor(private readonly client: OrgClient) {}

  /** Fills `username` from `userId` where the source row had only the id. */
  async enrich(activities: Activity[]): Promise<void> {
    // One Set per page, not arrays per activity: event log pages hold thousands of rows.
    const unknown = new Set<string>();
    for (let i = 0; i < activities.length; i += 1) {
      const a = activities[i]!;
      if (a.userId && !a.username && !this.usernames.has(a.userId)) unknown.add(a.userId);
      if (a.target?.userId && !a.target.email && !this.usernames.has(a.target.userId)) unknown.add(a.target.userId);
    }
    if (unknown.size > 0) await this.resolve(unknown);
    for (let i = 0; i < activities.length; i += 1) {
      const activity = activities[i]!;
      if (activity.userId && !activity.username) {
        const username = this.usernameOf(activity.userId);
        if (username) activity.username = username;
      }
      if (activity.target?.userId) this.fillTarget(activity.target as { userId: string; username?: string; email?: string; domain?: string });
    }
  }

  private fillTarget(target: { userId: string; username?: string; email?: string; domain?: string }): void {
    const username = this.usernameOf(target.userId);
    const email = this.emails.get(target.userId);
    if (username && !target.username) target.username = username;
    if (email && !target.email) target.email = email;
    const domain = target.email?.split('@')[1]?.toLowerCase();
    if (domain && !target.domain) target.domain = domain;
  }

  usernameOf(userId: string): string | undefined {
    return this.usernames.get(userId) ?? undefined;
  }

  /** Fetches the users not seen yet; one query per 200 ids. */
  async resolve(userIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(userIds)].filter((id) => /^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(id) && !this.usernames.has(id));
    for (let i = 0; i < missing.length; i += IDS_PER_QUERY) {
      const ids = missing.slice(i, i + IDS_PER_QUERY);
      for (const id of ids) this.usernames.set(id, null);
      const query = soql`SELECT Id, Username, Email FROM User WHERE Id IN ${ids}`;
      for await (const users of this.client.queryPages<{ Id: string; Username: string; Email: string | null }>(query, { priority: 'ingest' })) {
        for (const user of users) this.remember(user.Id, user.Username, user.Email);
      }
    }
  }

  private remember(id: string, username: string, email: string | null): void {
    // LoginHistory uses 18-character ids, event logs and audit Display 15: answer both.
    for (const key of [id, id.slice(0, 15)]) {
      this.usernames.set(key, username);
      if (email) this.emails.set(key, email);
    }
  }
}
