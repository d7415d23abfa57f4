/**
 * Usernames for user Ids, looked up in batches and cached for the life of the process
 * (LoginHistory carries only UserId; alerts should name the person).
 */
import type { Activity } from '../activity/activity';
import type { OrgClient } from '../salesforce/org-client';
import { soql } from '../salesforce/soql';
import type { Enricher } from './enricher';

const IDS_PER_QUERY = 200;

export class UserDirectory implements Enricher {
  private readonly usernames = new Map<string, string | null>();

  constructor(private readonly client: OrgClient) {}

  /** Fills `username` from `userId` where the source row had only the id. */
  async enrich(activities: Activity[]): Promise<void> {
    await this.resolve(activities.flatMap((a) => (a.userId && !a.username ? [a.userId] : [])));
    for (const activity of activities) {
      if (activity.userId && !activity.username) {
        const username = this.usernameOf(activity.userId);
        if (username) activity.username = username;
      }
    }
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
      const query = soql`SELECT Id, Username FROM User WHERE Id IN ${ids}`;
      for await (const users of this.client.queryPages<{ Id: string; Username: string }>(query, { priority: 'ingest' })) {
        for (const user of users) this.remember(user.Id, user.Username);
      }
    }
  }

  private remember(id: string, username: string): void {
    this.usernames.set(id, username);
    // LoginHistory uses 18-character ids, event logs 15: answer both.
    this.usernames.set(id.slice(0, 15), username);
  }
}
