/**
 * Runs one ingest job: one stream of one org from its stored cursor to the org's now.
 * - Two jobs of the same org+stream never run at once (a Redis lock, shared with `backfill`), so
 *   cursors cannot race; a job that finds the lock taken ends at once (the next tick polls).
 * - Quota exhaustion delays the job (no attempt spent); other errors retry with backoff.
 * - Every outcome is reported to the stream's status (ops/status-reporter.ts), best effort.
 */
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import type { OrgRuntimes } from '../pipeline/org-runtime';
import { runStreamPass } from '../pipeline/stream-pass';
import { streamNamed } from '../streams/registry';
import type { StatusReporter } from '../ops/status-reporter';
import { streamLockKey, tryLockStream } from '../state/stream-lock';
import type { IngestJobData } from './names';

export interface IngestOutcome {
  skipped?: 'locked';
  records?: number;
  alerts?: number;
}

export function createIngestProcessor(runtimes: OrgRuntimes, redis: Redis, log: Logger, reporter?: StatusReporter) {
  return async (job: Job<IngestJobData>, token?: string): Promise<IngestOutcome> => {
    const stream = streamNamed(job.data.stream);
    if (!stream) throw new OrgWardenError('USAGE', `stream ${job.data.stream} is not implemented yet`);
    const runtime = await runtimes.get(job.data.org);
    const { client } = runtime.connected;
    const lock = await tryLockStream(redis, streamLockKey(runtimes.keyPrefix, client.orgId, stream.name));
    if (!lock) return { skipped: 'locked' };
    try {
      // The org's clock comes from its responses' Date header: make one call before the first window.
      if (!client.hasOrgClock()) await client.request(stream.priority, { method: 'GET', url: '/limits' }, 'limits');
      const untilMs = client.orgNowMs();
      const result = await runStreamPass(stream, runtime.deps, { untilMs });
      if (result.writeBack.failed.length > 0) {
        // The cursor stayed where it was: the retry re-reads the window and writes the alerts again.
        throw new OrgWardenError('WRITE_BACK_FAILED', `${result.writeBack.failed.length} alert(s) could not be written to Warden_Alert__c`, {
          data: { failed: result.writeBack.failed },
          actions: ['check that the OrgWarden package is deployed and Warden_Integration is assigned to the service account'],
        });
      }
      await reporter?.passSucceeded(job.data.org, client, stream, result, untilMs);
      return { records: result.records, alerts: result.alerts.length };
    } catch (err) {
      if (err instanceof OrgWardenError && err.code === 'SF_REQUEST_LIMIT' && token) {
        await reporter?.passHeld(job.data.org, client, stream);
        const delayMs = Number(err.data.retryAfterMs ?? 60_000);
        log.warn({ org: job.data.org, stream: stream.name, delayMs }, 'API allocation at the reserve: job delayed');
        await job.moveToDelayed(Date.now() + delayMs, token);
        throw new DelayedError();
      }
      await reporter?.passFailed(job.data.org, client, stream, err);
      throw err;
    } finally {
      await lock.release();
    }
  };
}
