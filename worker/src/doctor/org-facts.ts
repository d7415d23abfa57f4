/**
 * What several checks need to know about the org and the account the worker signs in as, each
 * read once per doctor run (a failed read is remembered too, so every check that depends on it
 * reports the same refusal without calling again).
 */
import { collectRows } from '../salesforce/collect-rows';
import type { OrgClient } from '../salesforce/org-client';
import { raw, soql } from '../salesforce/soql';
import { DOCTOR_PRIORITY } from './check';

/** `GET /services/oauth2/userinfo` (OpenID Connect): who the session belongs to. */
export interface Identity {
  userId: string;
  orgId: string;
  username: string;
}

export interface ServiceUser {
  Id: string;
  Username: string;
  Name: string | null;
  IsActive: boolean;
  UserType: string | null;
  ProfileId: string | null;
  LanguageLocaleKey: string | null;
  UserPermissionsSFContentUser?: boolean | null;
}

export interface ObjectSummary {
  name: string;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
}

export interface DescribedField {
  name: string;
  type: string;
  custom: boolean;
  calculated: boolean;
  autoNumber: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
}

export interface DescribedObject {
  name: string;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  fields: DescribedField[];
}

interface UserInfoBody {
  user_id?: string;
  organization_id?: string;
  preferred_username?: string;
}

export class OrgFacts {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly client: OrgClient) {}

  identity(): Promise<Identity> {
    return this.remember('identity', async () => {
      const body = await this.client.request<UserInfoBody>(DOCTOR_PRIORITY, { method: 'GET', url: '/services/oauth2/userinfo' }, 'userinfo');
      if (!body.user_id || !body.organization_id) throw new Error('the userinfo endpoint named no user');
      return { userId: body.user_id, orgId: body.organization_id, username: body.preferred_username ?? body.user_id };
    });
  }

  /** The User record of the account the worker signs in as. */
  user(): Promise<ServiceUser> {
    return this.remember('user', async () => {
      const { userId } = await this.identity();
      const fields = ['Id', 'Username', 'Name', 'IsActive', 'UserType', 'ProfileId', 'LanguageLocaleKey'];
      // Feature fields such as UserPermissionsSFContentUser are not in every org: ask describe first.
      if ((await this.describe('User')).fields.some((f) => f.name === 'UserPermissionsSFContentUser')) fields.push('UserPermissionsSFContentUser');
      const rows = await collectRows<ServiceUser>(this.client, soql`SELECT ${raw(fields.join(', '))} FROM User WHERE Id = ${userId}`, { priority: DOCTOR_PRIORITY });
      const user = rows[0];
      if (!user) throw new Error(`User ${userId} (the session's own user) is not readable`);
      return user;
    });
  }

  /** Global describe: the objects this account can see at all. */
  objects(): Promise<Map<string, ObjectSummary>> {
    return this.remember('objects', async () => {
      const body = await this.client.request<{ sobjects: ObjectSummary[] }>(DOCTOR_PRIORITY, { method: 'GET', url: '/sobjects' }, 'describe');
      return new Map(body.sobjects.map((o) => [o.name, o]));
    });
  }

  describe(name: string): Promise<DescribedObject> {
    return this.remember(`describe:${name}`, () =>
      this.client.request<DescribedObject>(DOCTOR_PRIORITY, { method: 'GET', url: `/sobjects/${encodeURIComponent(name)}/describe` }, 'describe'),
    );
  }

  /** `read()` once per key for the whole run; its result (or refusal) for every later caller. */
  remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      pending.catch(() => undefined); // remembered for the checks that ask; not an unhandled rejection
      this.memo.set(key, pending);
    }
    return pending;
  }
}
