/**
 * Job counts of a queue as plain numbers, so ops/ (status records, metrics) can report queue
 * depths without importing BullMQ. Prioritized jobs are waiting jobs too.
 */
import type { Queue } from 'bullmq';

export const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type DepthState = (typeof DEPTH_STATES)[number];
export type JobDepths = Record<DepthState, number>;

export async function queueDepths(queue: Queue): Promise<JobDepths> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
  };
}

/** A queue as ops/ sees it: a name and a way to count its jobs. */
export interface QueueProbe {
  name: string;
  depths(): Promise<JobDepths>;
}

export function probeOf(queue: Queue): QueueProbe {
  return { name: queue.name, depths: () => queueDepths(queue) };
}
