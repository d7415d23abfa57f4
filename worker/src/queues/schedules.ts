/**
 * One BullMQ job scheduler per org and stream, upserted at every boot (idempotent), so changing
 * an interval in the code or config takes effect on restart without duplicate schedules.
 */
import type { Queue } from 'bullmq';
import type { StreamName } from '../streams/stream';
import { schedulerId, type IngestJobData } from './names';

export interface StreamSchedule {
  stream: StreamName;
  everyMinutes: number;
}

/** Retries with exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min. */
export const INGEST_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { count: 500 },
  removeOnFail: { count: 1000 },
} as const;

export async function upsertStreamSchedules(queue: Queue<IngestJobData>, org: string, schedules: readonly StreamSchedule[]): Promise<void> {
  for (const { stream, everyMinutes } of schedules) {
    await queue.upsertJobScheduler(
      schedulerId(org, stream),
      // `every` schedulers run their first job at once: the first poll (backfill) starts at boot.
      { every: everyMinutes * 60_000 },
      { name: stream, data: { org, stream }, opts: INGEST_JOB_OPTIONS },
    );
  }
}
