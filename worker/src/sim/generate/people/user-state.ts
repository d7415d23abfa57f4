/**
 * What changes about people while the period runs: permission set assignments (written to
 * PermissionSetAssignment at the end, with the time they were made), and which users a planted
 * attack or look-alike has claimed (so two scenarios do not share a victim when the org is big
 * enough to avoid it).
 */
import type { SimUser } from '../model';
import type { Rng } from '../prng';

export interface Assignment {
  userId: string;
  permissionSet: string;
  atMs: number;
}

export class UserDirectoryState {
  readonly assignments: Assignment[] = [];
  private readonly claimed = new Set<number>();

  assign(userId: string, permissionSet: string, atMs: number): void {
    this.assignments.push({ userId, permissionSet, atMs });
  }

  /**
   * A user matching `accept` that no other scenario has claimed (falling back to any match in
   * small orgs), marked as claimed.
   */
  claim(rng: Rng, users: readonly SimUser[], accept: (u: SimUser) => boolean, fallback?: (u: SimUser) => boolean): SimUser {
    const usable = (test: (u: SimUser) => boolean) => users.filter((u) => test(u) && u.deactivatedMs === undefined && u.frozenMs === undefined);
    // Small orgs may have nobody with a given trait (a VPN habit, a phone): then any user `fallback` accepts.
    let matching = usable(accept);
    if (matching.length === 0 && fallback) matching = usable(fallback);
    if (matching.length === 0) throw new Error('no user matches the scenario');
    const free = matching.filter((u) => !this.claimed.has(u.index));
    const user = rng.pick(free.length > 0 ? free : matching);
    this.claimed.add(user.index);
    return user;
  }

  /** Several distinct users (claimed), as far as the org has them. */
  claimMany(rng: Rng, users: readonly SimUser[], count: number, accept: (u: SimUser) => boolean): SimUser[] {
    const out: SimUser[] = [];
    for (let i = 0; i < count; i++) {
      const pool = users.filter((u) => accept(u) && !out.includes(u));
      if (pool.length === 0) break;
      out.push(this.claim(rng, pool, () => true));
    }
    return out;
  }

  isClaimed(user: SimUser): boolean {
    return this.claimed.has(user.index);
  }
}
