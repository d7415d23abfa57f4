/**
 * Where the org-wide API usage figure and the outstanding reservations live: Redis for every
 * real deployment (all worker processes share one view), memory for an in-process simulated org.
 */
import type { Redis } from 'ioredis';
import { orgKey } from '../state/redis-keys';
import {
  decide,
  PRIORITY_HEADROOM_PERCENT,
  type CallPriority,
  type Decision,
  type QuotaParams,
  type QuotaSnapshot,
  type UsageFigure,
} from './quota-policy';

export interface QuotaStore {
  /** Atomically decides and, when granted, records the reservation and counts an own call. */
  tryAcquire(priority: CallPriority, params: QuotaParams, reservationId: string, nowMs: number): Promise<{ decision: Decision; snapshot: QuotaSnapshot }>;
  release(reservationId: string): Promise<void>;
  /** Stores a figure read from a response, unless a newer one is already stored. */
  record(figure: UsageFigure): Promise<void>;
  snapshot(nowMs: number): Promise<QuotaSnapshot>;
}

const HOUR_MS = 3_600_000;

export class MemoryQuotaStore implements QuotaStore {
  private figure: UsageFigure | undefined;
  private readonly reservations = new Map<string, number>();
  private readonly ownByHour = new Map<number, number>();

  async tryAcquire(priority: CallPriority, params: QuotaParams, reservationId: string, nowMs: number) {
    for (const [id, at] of this.reservations) if (at < nowMs - params.reservationTtlMs) this.reservations.delete(id);
    const snapshot = await this.snapshot(nowMs);
    const decision = decide(snapshot, priority, params, nowMs);
    if (decision.grant) {
      this.reservations.set(reservationId, nowMs);
      const hour = Math.floor(nowMs / HOUR_MS);
      this.ownByHour.set(hour, (this.ownByHour.get(hour) ?? 0) + 1);
    }
    return { decision, snapshot };
  }

  async release(reservationId: string): Promise<void> {
    this.reservations.delete(reservationId);
  }

  async record(figure: UsageFigure): Promise<void> {
    if (!this.figure || figure.observedAtMs >= this.figure.observedAtMs) this.figure = figure;
  }

  async snapshot(nowMs: number): Promise<QuotaSnapshot> {
    const hour = Math.floor(nowMs / HOUR_MS);
    let ownUsed = 0;
    for (const [h, count] of this.ownByHour) if (h > hour - 24) ownUsed += count;
    return { ...(this.figure ? { figure: { ...this.figure } } : {}), outstanding: this.reservations.size, ownUsed };
  }
}

// The Lua twin of decide(): keep the two in step (quota-store.test.ts runs one table on both).
const ACQUIRE_LUA = `
local now = tonumber(ARGV[1])
local headroom = tonumber(ARGV[3])
local reservePercent = tonumber(ARGV[4])
local ownShare = tonumber(ARGV[5])
local probeInterval = tonumber(ARGV[6])
local exhaustedInterval = tonumber(ARGV[7])
local ttl = tonumber(ARGV[8])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl - 1)
local outstanding = redis.call('ZCARD', KEYS[2])
local hour = math.floor(now / 3600000)
local own = 0
local buckets = redis.call('HGETALL', KEYS[3])
for i = 1, #buckets, 2 do
  if tonumber(buckets[i]) > hour - 24 then own = own + tonumber(buckets[i + 1]) else redis.call('HDEL', KEYS[3], buckets[i]) end
end
local f = redis.call('HMGET', KEYS[1], 'used', 'max', 'at')
local grant, reason = 0, 'reserve'
if not f[2] then
  if outstanding == 0 then grant, reason = 1, 'probe-unknown' else reason = 'unknown' end
else
  local used, max, at = tonumber(f[1]), tonumber(f[2]), tonumber(f[3])
  if ownShare >= 0 and own + 1 > math.floor(max * ownShare / 100) then
    reason = 'own-share'
  else
    local remainingAfter = max - used - outstanding - 1
    local reserveCalls = math.ceil(max * reservePercent / 100)
    local stopAt = math.ceil(max * (reservePercent + headroom) / 100)
    local age = now - at
    if remainingAfter >= stopAt then grant, reason = 1, 'ok'
    elseif outstanding == 0 and age >= probeInterval and remainingAfter >= reserveCalls then grant, reason = 1, 'probe'
    elseif outstanding == 0 and age >= exhaustedInterval then grant, reason = 1, 'probe-exhausted'
    end
  end
end
if grant == 1 then
  redis.call('ZADD', KEYS[2], now, ARGV[2])
  redis.call('HINCRBY', KEYS[3], hour, 1)
  redis.call('PEXPIRE', KEYS[3], 90000000)
end
return {grant, reason, outstanding, own, f[1] or false, f[2] or false, f[3] or false}
`;

const RECORD_LUA = `
local at = redis.call('HGET', KEYS[1], 'at')
if at and tonumber(at) > tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], 'used', ARGV[1], 'max', ARGV[2], 'at', ARGV[3])
redis.call('PEXPIRE', KEYS[1], 90000000)
return 1
`;

export class RedisQuotaStore implements QuotaStore {
  private readonly keys: [string, string, string];

  constructor(
    private readonly redis: Redis,
    orgId: string,
    prefix: string,
  ) {
    const base = orgKey(prefix, orgId, 'quota');
    this.keys = [base, `${base}:res`, `${base}:own`];
  }

  async tryAcquire(priority: CallPriority, params: QuotaParams, reservationId: string, nowMs: number) {
    const args = [
      nowMs,
      reservationId,
      PRIORITY_HEADROOM_PERCENT[priority],
      params.reservePercent,
      params.ownSharePercent ?? -1,
      params.probeIntervalMs,
      params.exhaustedProbeIntervalMs,
      params.reservationTtlMs,
    ].map(String);
    const reply = (await this.redis.eval(ACQUIRE_LUA, 3, ...this.keys, ...args)) as Array<number | string | null>;
    const [grant, reason, outstanding, own, used, max, at] = reply;
    const snapshot: QuotaSnapshot = {
      outstanding: Number(outstanding),
      ownUsed: Number(own),
      ...(max ? { figure: { used: Number(used), max: Number(max), observedAtMs: Number(at) } } : {}),
    };
    return { decision: { grant: grant === 1, reason } as Decision, snapshot };
  }

  async release(reservationId: string): Promise<void> {
    await this.redis.zrem(this.keys[1], reservationId);
  }

  async record(figure: UsageFigure): Promise<void> {
    await this.redis.eval(RECORD_LUA, 1, this.keys[0], String(figure.used), String(figure.max), String(figure.observedAtMs));
  }

  async snapshot(nowMs: number): Promise<QuotaSnapshot> {
    const [f, outstanding, buckets] = await Promise.all([
      this.redis.hmget(this.keys[0], 'used', 'max', 'at'),
      this.redis.zcard(this.keys[1]),
      this.redis.hgetall(this.keys[2]),
    ]);
    const hour = Math.floor(nowMs / 3_600_000);
    const ownUsed = Object.entries(buckets).reduce((sum, [h, n]) => (Number(h) > hour - 24 ? sum + Number(n) : sum), 0);
    const [used, max, at] = f;
    return { outstanding, ownUsed, ...(max ? { figure: { used: Number(used), max: Number(max), observedAtMs: Number(at) } } : {}) };
  }
}
