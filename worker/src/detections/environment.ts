/**
 * The detection environment built from config and the org's state: the user directory the users
 * stream saved, and the domain lists file-sharing policies compare recipients with.
 */
import type { Config } from '../config';
import { USER_DIRECTORY_KEY, UserStates, type UserDirectorySnapshot } from '../enrichment/user-state';
import type { StateBatch } from '../state/state-store';
import type { DetectionEnvironment } from './types';

/** Free personal mailbox providers (config `personalEmailDomains` replaces the list). */
export const PERSONAL_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'outlook.com', 'hotmail.com',
  'hotmail.co.uk', 'hotmail.fr', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com',
  'pm.me', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 't-online.de', 'mail.com', 'mail.ru', 'yandex.ru', 'yandex.com', 'zoho.com',
  'fastmail.com', 'tutanota.com', 'hey.com', 'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 'qq.com', '163.com', '126.com',
];

export function environmentFromConfig(config: Pick<Config, 'allowedDomains' | 'personalEmailDomains'>): Omit<DetectionEnvironment, 'users'> {
  return {
    allowedDomains: config.allowedDomains.map((d) => d.toLowerCase()),
    personalEmailDomains: (config.personalEmailDomains ?? PERSONAL_EMAIL_DOMAINS).map((d) => d.toLowerCase()),
  };
}

/** The user directory as of this page (staged writes of the same batch included). */
export async function loadUsers(batch: StateBatch): Promise<UserStates | undefined> {
  const snapshot = (await batch.get<UserDirectorySnapshot>([USER_DIRECTORY_KEY])).get(USER_DIRECTORY_KEY);
  return snapshot ? new UserStates(snapshot) : undefined;
}

/** Whether `domain` is one of `domains` or a subdomain of one. */
export function domainIn(domain: string, domains: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return domains.some((allowed) => d === allowed || d.endsWith(`.${allowed}`));
}
