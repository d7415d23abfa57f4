/**
 * Bull Board's view of our queues. Lives in queues/ because its adapter wraps BullMQ queues;
 * the dashboard itself (ops/dashboard.ts) only sees bull-board's adapter type.
 */
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Queue } from 'bullmq';
import { INGEST_QUEUE } from './names';

export type BoardQueue = BullMQAdapter;

const DESCRIPTIONS: Record<string, string> = {
  [INGEST_QUEUE]: 'One job per poll of an org and stream (a job scheduler per org and stream); retried with backoff.',
};

/** `readOnly` hides retry/clean/remove/pause: for access that is not tied to a credential. */
export function boardAdapters(queues: readonly Queue[], readOnly: boolean): BoardQueue[] {
  return queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: readOnly, allowRetries: !readOnly, description: DESCRIPTIONS[queue.name] ?? '' }));
}
