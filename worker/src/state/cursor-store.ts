/**
 * Stream cursors live in the org's state store, next to the detection state, and move in the
 * same atomic commit (state-store.ts): a page's effects and its cursor are saved together.
 */
import type { StateBatch } from './state-store';

export interface TimeCursor {
  /** Newest row time processed, epoch ms. */
  timeMs: number;
  /** Ids of rows with time ≥ timeMs − overlap that were already processed (the de-dup window). */
  seen: Record<string, number>;
}

const cursorKey = (stream: string) => `cursor:${stream}`;

export async function readCursor<C = TimeCursor>(batch: StateBatch, stream: string): Promise<C | undefined> {
  return (await batch.get<C>([cursorKey(stream)])).get(cursorKey(stream));
}

export function stageCursor(batch: StateBatch, stream: string, cursor: unknown): void {
  batch.stage(cursorKey(stream), cursor);
}
