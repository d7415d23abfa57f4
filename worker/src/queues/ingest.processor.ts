/**
 * Runs one ingest job: one stream of one org from its stored cursor to the org's now.
 * - Two jobs of the same org+stream never run at once (a Redis lock, shared with `backfill`), so
 *   cursors cannot race; a job that finds the lock taken ends at once (the next tick polls).
 * - Quota exhaustion delays the job (no attempt spent); other errors retry with backoff.
 * - Until the users stream's first pass is over, other streams' jobs are handed back (delayed):
 *   policies read the user directory it saves, so they must not meet a page before it exists.
 * - Every outcome is reported to the stream's status (ops/status-reporter.ts), best effort.
 */
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { USER_DIRECTORY_KEY } from '../enrichment/user-state';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import type { OrgRuntimes } from '../pipeline/org-runtime';
import { runStreamPass } from '../pipeline/stream-pass';
import { streamNamed } from '../streams/registry';
import type { StatusReporter } from '../ops/status-reporter';
import { StatusStore } from '../ops/status-store';
import { orgKey } from '../state/redis-keys';
import { streamLockKey, tryLockStream } from '../state/stream-lock';
import type { IngestJobData } from './names';

export interface IngestOutcome {
  skipped?: 'locked';
  records?: number;
  alerts?: number;
}

/** How long a job waiting for the user directory is handed back before it looks again. */
export const DIRECTORY_RETRY_MS = 250;
/** A job waits for the directory at most this long after it was queued, then runs without it. */
export const DIRECTORY_MAX_WAIT_MS = 10 * 60_000;

/**
 * Whether the users stream's first pass is over: its directory is saved, or the pass ended (a
 * users stream that fails, e.g. without access to permission sets, must not stop the others).
 */
export async function userDirectoryReady(redis: Redis, keyPrefix: string, orgId: string): Promise<boolean> {
  if (await redis.exists(orgKey(keyPrefix, orgId, USER_DIRECTORY_KEY))) return true;
  const users = await new StatusStore(redis, keyPrefix).read(orgId, 'users');
  return users.lastSuccessMs !== undefined || users.lastErrorMs !== undefined;
}

export function createIngestProcessor(runtimes: OrgRuntimes, redis: Redis, log: Logger, reporter?: StatusReporter) {
  return async (job: Job<IngestJobData>, token?: string): Promise<IngestOutcome> => {
    const stream = streamNamed(job.data.stream);
    if (!stream) throw new OrgWardenError('USAGE', `stream ${job.data.stream} is not implemented yet`);
    const runtime = await runtimes.get(job.data.org);
    const { client } = runtime.connected;
    // The order a scan keeps (streams/registry.ts): jobs run side by side, so on a first run any
    // stream's pages could otherwise meet the policies before the users stream saved the directory
    // (the org's own domains, privileged and terminated users) — alerts would depend on which job won.
    if (stream.name !== 'users' && token && Date.now() - job.timestamp < DIRECTORY_MAX_WAIT_MS && !(await userDirectoryReady(redis, runtimes.keyPrefix, client.orgId))) {
      await job.moveToDelayed(Date.now() + DIRECTORY_RETRY_MS, token);
      throw new DelayedError();
    }
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
