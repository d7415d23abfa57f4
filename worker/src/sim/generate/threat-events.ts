/**
 * Rows of Salesforce's real-time threat detection storage objects (Event Monitoring / Shield):
 * SessionHijackingEventStore, CredentialStuffingEventStore, ReportAnomalyEventStore,
 * ApiAnomalyEventStore — fields from the Platform Events Developer Guide. The simulator's
 * schema does not know these objects yet and its fixture loader rejects unknown objects under
 * `records/`, so they are written to `threat-events/<Object>.json` (same JSON-array format,
 * without `Id`: the loader derives one) until the schema gains them.
 */
import path from 'node:path';
import { eventUuid } from './id-factory';
import { JsonArrayWriter } from './output/json-array-writer';
import type { Rng } from './prng';
import { MINUTE_MS, sfDateTime } from './time';

export type ThreatObject = 'SessionHijackingEventStore' | 'CredentialStuffingEventStore' | 'ReportAnomalyEventStore' | 'ApiAnomalyEventStore';

export class ThreatEventSink {
  private readonly writers = new Map<ThreatObject, JsonArrayWriter>();

  /** `enabled`: the org has Event Monitoring (shield), which real-time event storage needs. */
  constructor(
    private readonly dir: string,
    private readonly enabled: boolean,
  ) {}

  /** Writes one threat event; returns its EventIdentifier, or undefined when the org has no real-time events. */
  write(rng: Rng, object: ThreatObject, eventMs: number, fields: Record<string, unknown>): string | undefined {
    if (!this.enabled) return undefined;
    const eventIdentifier = eventUuid(rng);
    // Detection runs a few minutes after the activity (the docs note the gap between event and creation dates).
    const created = eventMs + rng.int(2, 9) * MINUTE_MS;
    this.writerFor(object).add({
      EventDate: sfDateTime(eventMs), EventIdentifier: eventIdentifier, CreatedDate: sfDateTime(created), LastModifiedDate: sfDateTime(created),
      EvaluationTime: rng.int(1, 40), PolicyId: null, PolicyOutcome: null, ...fields,
    });
    return eventIdentifier;
  }

  private writerFor(object: ThreatObject): JsonArrayWriter {
    let writer = this.writers.get(object);
    if (!writer) this.writers.set(object, (writer = new JsonArrayWriter(path.join(this.dir, 'threat-events', `${object}.json`), object)));
    return writer;
  }

  close(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [object, writer] of this.writers) {
      writer.close();
      counts[object] = writer.records;
    }
    return counts;
  }
}
