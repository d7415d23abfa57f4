/**
 * Runs one ingest job: one stream of one org from its stored cursor to the org's now.
 * - Two jobs of the same org+stream never run at once (a Redis lock), so cursors cannot race.
 * - Quota exhaustion delays the job (no attempt spent); other errors retry with backoff.
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import type { OrgRuntimes } from '../pipeline/org-runtime';
import { runStreamPass } from '../pipeline/stream-pass';
import { streamNamed } from '../streams/registry';
import { orgKey } from '../state/redis-keys';
import type { IngestJobData } from './names';

const LOCK_TTL_MS = 15 * 60_000;

export interface IngestOutcome {
  skipped?: 'locked';
  records?: number;
  alerts?: number;
}

export function createIngestProcessor(runtimes: OrgRuntimes, redis: Redis, log: Logger) {
  return async (job: Job<IngestJobData>, token?: string): Promise<IngestOutcome> => {
    const stream = streamNamed(job.data.stream);
    if (!stream) throw new OrgWardenError('USAGE', `stream ${job.data.stream} is not implemented yet`);
    const runtime = await runtimes.get(job.data.org);
    const { client } = runtime.connected;
    const lockKey = orgKey(runtimes.keyPrefix, client.orgId, 'lock', stream.name);
    const lockValue = randomUUID();
    if ((await redis.set(lockKey, lockValue, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') return { skipped: 'locked' };
    try {
      // The org's clock comes from its responses' Date header: make one call before the first window.
      if (!client.hasOrgClock()) await client.request(stream.priority, { method: 'GET', url: '/limits' }, 'limits');
      const result = await runStreamPass(stream, runtime.deps, { untilMs: client.orgNowMs() });
      if (result.writeBack.failed.length > 0) {
        // The cursor stayed where it was: the retry re-reads the window and writes the alerts again.
        throw new OrgWardenError('WRITE_BACK_FAILED', `${result.writeBack.failed.length} alert(s) could not be written to Warden_Alert__c`, {
          data: { failed: result.writeBack.failed },
          actions: ['check that the OrgWarden package is deployed and Warden_Integration is assigned to the service account'],
        });
      }
      return { records: result.records, alerts: result.alerts.length };
    } catch (err) {
      if (err instanceof OrgWardenError && err.code === 'SF_REQUEST_LIMIT' && token) {
        const delayMs = Number(err.data.retryAfterMs ?? 60_000);
        log.warn({ org: job.data.org, stream: stream.name, delayMs }, 'API allocation at the reserve: job delayed');
        await job.moveToDelayed(Date.now() + delayMs, token);
        throw new DelayedError();
      }
      throw err;
    } finally {
      // Only release our own lock (compare-and-delete).
      await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, lockKey, lockValue);
    }
  };
}
