/**
 * The quota governor of `orgwarden backfill`: every read (ingest, event logs) runs at priority
 * `backfill`, the first to stop as the org's allocation runs low (reserve + 5%), so a long
 * backfill never takes what the running worker's polls and write-back need. Writes keep their
 * own priority: alerts found should still land. A held call waits as long as it takes (no job to
 * hand back), reports that it is waiting, and stops when the user interrupts.
 */
import type { Logger } from '../logger';
import { QuotaGovernor, type Grant } from '../salesforce/quota-governor';
import type { CallPriority, QuotaParams } from '../salesforce/quota-policy';
import type { QuotaStore } from '../salesforce/quota-store';

const READS: ReadonlySet<CallPriority> = new Set(['ingest', 'eventlogs']);
const POLL_MS = 2_000;

/** Thrown from a held call once the backfill was asked to stop. */
export class BackfillInterrupted extends Error {
  constructor() {
    super('backfill interrupted');
    this.name = 'BackfillInterrupted';
  }
}

export class BackfillGovernor extends QuotaGovernor {
  private readonly held: { sinceMs?: number };

  constructor(store: QuotaStore, params: QuotaParams, log: Logger, stopped: () => boolean) {
    const held: { sinceMs?: number } = {};
    super(store, params, log, {
      pollMs: POLL_MS,
      sleep: (ms) => {
        if (stopped()) return Promise.reject(new BackfillInterrupted());
        held.sinceMs ??= Date.now();
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    this.held = held;
  }

  /** When the call now waiting for allocation started waiting (undefined: nothing held). */
  get heldSinceMs(): number | undefined {
    return this.held.sinceMs;
  }

  override async acquire(priority: CallPriority): Promise<Grant> {
    try {
      return await super.acquire(READS.has(priority) ? 'backfill' : priority);
    } finally {
      this.held.sinceMs = undefined;
    }
  }
}
