/**
 * Loads and saves the profiles a page touches in one batched read and one batch of staged
 * writes: `const profiles = await Profiles.load(ctx.state, keys)`, then `profiles.get(key, t)`
 * (created on first use), then `await profiles.save(latestMs)` (pruned to the window).
 */
import type { KeyedState } from '../../state/keyed-state';
import { newProfile, prune, PROFILE_TTL_SECONDS, touch, type Profile } from './profile';

export class Profiles {
  private readonly changed = new Set<string>();

  private constructor(
    private readonly state: KeyedState,
    private readonly prefix: string,
    private readonly stored: Map<string, Profile>,
  ) {}

  /** `prefix` separates kinds of subjects in one policy's state (`user:`, `org`, `ip:` …). */
  static async load(state: KeyedState, prefix: string, subjects: Iterable<string>): Promise<Profiles> {
    const keys = [...new Set(subjects)].map((s) => prefix + s);
    const found = keys.length ? await state.getMany<Profile>(keys) : new Map<string, Profile>();
    return new Profiles(state, prefix, found);
  }

  /** The stored profile, or undefined when the subject has none yet (read-only look). */
  peek(subject: string): Profile | undefined {
    return this.stored.get(this.prefix + subject);
  }

  /** The subject's profile for an update at `timeMs` (created on first use); saved by `save`. */
  get(subject: string, timeMs: number): Profile {
    const key = this.prefix + subject;
    let profile = this.stored.get(key);
    if (!profile) {
      profile = newProfile(timeMs);
      this.stored.set(key, profile);
    } else touch(profile, timeMs);
    this.changed.add(key);
    return profile;
  }

  /** Stages every changed profile, pruned to the window ending at `latestMs`. */
  async save(latestMs: number): Promise<void> {
    const entries = new Map<string, unknown>();
    for (const key of this.changed) entries.set(key, prune(this.stored.get(key)!, latestMs));
    if (entries.size) await this.state.setMany(entries, PROFILE_TTL_SECONDS);
    this.changed.clear();
  }
}
