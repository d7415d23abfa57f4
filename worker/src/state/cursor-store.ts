/**
 * Where each org's stream cursors live between polls: Redis in `run`, memory in `scan`
 * (a scan covers an explicit window and must not move the long-running worker's cursors).
 */
import type { Redis } from 'ioredis';
import { orgKey } from './redis-keys';

export interface TimeCursor {
  /** Newest row time processed, epoch ms. */
  timeMs: number;
  /** Ids of rows with time ≥ timeMs − overlap that were already processed (the de-dup window). */
  seen: Record<string, number>;
}

export interface CursorStore {
  get(stream: string): Promise<TimeCursor | undefined>;
  set(stream: string, cursor: TimeCursor): Promise<void>;
}

export class MemoryCursorStore implements CursorStore {
  private readonly cursors = new Map<string, TimeCursor>();
  async get(stream: string) {
    const cursor = this.cursors.get(stream);
    return cursor && structuredClone(cursor);
  }
  async set(stream: string, cursor: TimeCursor) {
    this.cursors.set(stream, structuredClone(cursor));
  }
}

export class RedisCursorStore implements CursorStore {
  constructor(
    private readonly redis: Redis,
    private readonly orgId: string,
    private readonly prefix: string,
  ) {}

  private key(stream: string): string {
    return orgKey(this.prefix, this.orgId, 'cursor', stream);
  }

  async get(stream: string) {
    const text = await this.redis.get(this.key(stream));
    return text ? (JSON.parse(text) as TimeCursor) : undefined;
  }

  async set(stream: string, cursor: TimeCursor) {
    await this.redis.set(this.key(stream), JSON.stringify(cursor));
  }
}
