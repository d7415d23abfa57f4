/**
 * A policy's view of its state: JSON values under string keys, read and written in batches so a
 * job touches Redis a few times per page, not once per activity. Writes are staged in the page's
 * StateBatch and committed together with the cursor (state-store.ts).
 */
import type { StateBatch } from './state-store';

export interface KeyedState {
  getMany<T>(keys: readonly string[]): Promise<Map<string, T>>;
  /**
   * `undefined` deletes the key. `live`: in-memory forms of some values, which a later `getMany`
   * may return instead of parsing them again (StateBatch.stage); never changed after this call.
   */
  setMany(entries: ReadonlyMap<string, unknown>, ttlSeconds: number, live?: ReadonlyMap<string, object>): Promise<void>;
}

export function batchKeyedState(batch: StateBatch): KeyedState {
  return {
    getMany: (keys) => batch.get(keys),
    async setMany(entries, ttlSeconds, live) {
      for (const [key, value] of entries) batch.stage(key, value, ttlSeconds, live?.get(key));
    },
  };
}

/** Standalone state for fixtures and unit tests: writes apply at once. */
export class MemoryKeyedState implements KeyedState {
  private readonly values = new Map<string, string>();

  async getMany<T>(keys: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const key of keys) {
      const text = this.values.get(key);
      if (text !== undefined) found.set(key, JSON.parse(text) as T);
    }
    return found;
  }

  async setMany(entries: ReadonlyMap<string, unknown>): Promise<void> {
    for (const [key, value] of entries) {
      if (value === undefined) this.values.delete(key);
      else this.values.set(key, JSON.stringify(value));
    }
  }
}
