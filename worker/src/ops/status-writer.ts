/**
 * Upserts `Warden_Status__c` records, batched per org: records queued within `flushDelayMs` of
 * each other (passes finishing together, a heartbeat riding along) go in one sObject collection
 * call (≤ 200 records each, priority "write-back"). Best effort: a failed write is logged and
 * dropped — the next one carries fresh figures — and never fails or delays an ingest job.
 */
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import type { OrgClient } from '../salesforce/org-client';
import { STATUS_KEY_FIELD, STATUS_OBJECT } from './status-record';

interface OrgBuffer {
  client: OrgClient;
  pending: Map<string, Record<string, unknown>>;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
}

export class StatusWriter {
  private readonly buffers = new Map<string, OrgBuffer>();
  /** Collection calls made (for tests and the documented API budget). */
  calls = 0;

  constructor(
    private readonly log: Logger,
    /** Passes of aligned schedules end within seconds of each other: one call carries them all. */
    private readonly flushDelayMs = 10_000,
  ) {}

  /** Queues a record; a later record with the same key replaces it. */
  enqueue(client: OrgClient, record: Record<string, unknown>): void {
    const buffer = this.bufferFor(client);
    buffer.pending.set(String(record[STATUS_KEY_FIELD]), record);
    if (!buffer.timer) {
      buffer.timer = setTimeout(() => void this.flushOrg(buffer), this.flushDelayMs);
      buffer.timer.unref();
    }
  }

  /** Writes everything queued, now. */
  async flush(): Promise<void> {
    await Promise.all([...this.buffers.values()].map((buffer) => this.flushOrg(buffer)));
  }

  private bufferFor(client: OrgClient): OrgBuffer {
    let buffer = this.buffers.get(client.orgId);
    if (!buffer) {
      buffer = { client, pending: new Map() };
      this.buffers.set(client.orgId, buffer);
    }
    buffer.client = client;
    return buffer;
  }

  private async flushOrg(buffer: OrgBuffer): Promise<void> {
    if (buffer.timer) clearTimeout(buffer.timer);
    buffer.timer = undefined;
    // One write per org at a time; what arrives meanwhile goes in the next one.
    while (buffer.flushing) await buffer.flushing;
    if (buffer.pending.size === 0) return;
    const records = [...buffer.pending.values()];
    buffer.pending.clear();
    buffer.flushing = this.write(buffer.client, records).finally(() => (buffer.flushing = undefined));
    await buffer.flushing;
  }

  private async write(client: OrgClient, records: Record<string, unknown>[]): Promise<void> {
    try {
      this.calls += Math.ceil(records.length / 200);
      const results = await client.upsertCollection(STATUS_OBJECT, STATUS_KEY_FIELD, records, 'write-back');
      const failed = results.flatMap((result, i) => (result.success ? [] : [{ key: records[i]?.[STATUS_KEY_FIELD], errors: result.errors.map((e) => e.statusCode) }]));
      if (failed.length > 0) this.log.warn({ orgId: client.orgId, failed }, 'some Warden_Status__c records could not be written');
    } catch (err) {
      const errorCode = err instanceof OrgWardenError ? (err.data.errorCode ?? err.code) : undefined;
      this.log.warn(
        { err, orgId: client.orgId, errorCode, records: records.length },
        'could not write Warden_Status__c (is the OrgWarden package deployed and Warden_Integration assigned?)',
      );
    }
  }
}
