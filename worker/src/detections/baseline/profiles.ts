/**
 * Loads and saves the profiles a page touches in one batched read and one batch of staged
 * writes: `const profiles = await Profiles.load(ctx.state, keys)`, then `profiles.get(key, t)`
 * (created on first use), then `await profiles.save(latestMs)` (pruned to the window).
 */
import type { KeyedState } from '../../state/keyed-state';
import { newProfile, prune, PROFILE_TTL_SECONDS, touch, type Profile } from './profile';

export class Profiles {
  /** Subjects whose profile was asked for an update since the last save, in first-asked order. */
  private readonly changed = new Set<string>();
  /** The subject `get` was last asked for, and its profile: policies ask for the same subject row after row. */
  private lastSubject: string | undefined;
  private lastProfile: Profile | undefined;

  private constructor(
    private readonly state: KeyedState,
    private readonly prefix: string,
    /** By subject, not by state key: `get` runs for every counted row, and a key string per row adds up. */
    private readonly stored: Map<string, Profile>,
  ) {}

  /** `prefix` separates kinds of subjects in one policy's state (`user:`, `org`, `ip:` …). */
  static async load(state: KeyedState, prefix: string, subjects: Iterable<string>): Promise<Profiles> {
    const unique = [...new Set(subjects)];
    const keys = unique.map((s) => prefix + s);
    const found = keys.length ? await state.getMany<Profile>(keys) : new Map<string, Profile>();
    const stored = new Map<string, Profile>();
    for (let i = 0; i < unique.length; i += 1) {
      const profile = found.get(keys[i]!);
      if (profile !== undefined) stored.set(unique[i]!, profile);
    }
    return new Profiles(state, prefix, stored);
  }

  /** The stored profile, or undefined when the subject has none yet (read-only look). */
  peek(subject: string): Profile | undefined {
    return this.stored.get(subject);
  }

  /** The subject's profile for an update at `timeMs` (created on first use); saved by `save`. */
  get(subject: string, timeMs: number): Profile {
    if (subject === this.lastSubject && this.lastProfile) {
      touch(this.lastProfile, timeMs);
      return this.lastProfile;
    }
    let profile = this.stored.get(subject);
    if (!profile) {
      profile = newProfile(timeMs);
      this.stored.set(subject, profile);
    } else touch(profile, timeMs);
    this.changed.add(subject);
    this.lastSubject = subject;
    this.lastProfile = profile;
    return profile;
  }

  /** Stages every changed profile, pruned to the window ending at `latestMs`. */
  async save(latestMs: number): Promise<void> {
    const entries = new Map<string, unknown>();
    for (const subject of this.changed) entries.set(this.prefix + subject, prune(this.stored.get(subject)!, latestMs));
    if (entries.size) await this.state.setMany(entries, PROFILE_TTL_SECONDS);
    this.changed.clear();
    // A later `get` marks its subject changed again.
    this.lastSubject = undefined;
    this.lastProfile = undefined;
  }
}
