/**
 * One read per page for a policy that keeps two kinds of state (its own per-subject values and
 * baseline profiles): every key the page needs is fetched in one `getMany`, and the profiles
 * library (`Profiles.load`) is then served from that fetch instead of reading again.
 */
import type { KeyedState } from '../../state/keyed-state';

export interface Prefetched {
  /** Values found for the prefetched keys (absent: no value stored). */
  values: Map<string, unknown>;
  /** The same state, answering prefetched keys from memory; writes go through. */
  state: KeyedState;
}

export async function prefetch(state: KeyedState, keys: Iterable<string>): Promise<Prefetched> {
  const wanted = [...new Set(keys)];
  const values = wanted.length ? await state.getMany<unknown>(wanted) : new Map<string, unknown>();
  const known = new Set(wanted);
  const served: KeyedState = {
    async getMany<T>(asked: readonly string[]): Promise<Map<string, T>> {
      const missing = asked.filter((key) => !known.has(key));
      const found = missing.length ? await state.getMany<T>(missing) : new Map<string, T>();
      for (const key of asked) if (known.has(key) && values.has(key)) found.set(key, values.get(key) as T);
      return found;
    },
    setMany: (entries, ttlSeconds, live) => state.setMany(entries, ttlSeconds, live),
  };
  return { values, state: served };
}
