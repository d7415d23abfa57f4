/**
 * Which countries the organisation's people sign in from: the org profile keeps, per country,
 * the users seen there in the last 30 days (a bounded number: enough to tell "rare" from
 * "an office country"). One small value for the whole org, read once per page.
 */
import { noteSeen, valuesWithin, type Profile } from '../baseline/profile';

/** The org profile's subject (with the `Profiles` prefix ''). */
export const ORG_PROFILE = 'org';

/** Users remembered per country: more than any threshold that compares with it (max 100). */
const USERS_PER_COUNTRY = 120;

export function noteOrgCountry(org: Profile, country: string, userId: string, timeMs: number): void {
  const known = org.seen[`c:${country}`];
  if (!known || known[userId] !== undefined || Object.keys(known).length < USERS_PER_COUNTRY) noteSeen(org, `c:${country}`, userId, timeMs);
}

/** Other users who signed in from the country in the 30 days before `timeMs`. */
export function otherUsersInCountry(org: Profile, country: string, userId: string, timeMs: number): number {
  return valuesWithin(org, `c:${country}`, timeMs).filter((u) => u !== userId).length;
}
