/**
 * Real-Time Event Monitoring storage rows (Shield / Event Monitoring add-on only), written to
 * `records/<Object>.json` next to the other records. Every activity that has a storage object gets
 * its row — all of them, for the whole period, never a sample: a stream is complete or absent.
 *
 * - Big objects (LoginEvent, LogoutEvent, LoginAsEvent, ApiEvent, ReportEvent): `Id` is the empty
 *   id `000000000000000AAA`, as the REST API answers for every big object row; CreatedDate is when
 *   the row was stored, a few seconds after EventDate (0.5–8 s in the Elastic LoginEvent samples).
 * - Threat Detection stores: standard objects with ids of their own; created a few minutes after
 *   detection ("an expected time difference between the Event Detection Date and the Event
 *   Creation Date", Platform Events Developer Guide).
 *
 * The sink draws from its own random stream so that turning Event Monitoring on or off changes
 * nothing else about the org. Rows outside the generated period are dropped, like event log rows.
 */
import { BIG_OBJECT_EMPTY_ID } from '../../soql/big-object-rules';
import { eventUuid, type IdFactory } from '../id-factory';
import { keyPrefix } from '../key-prefixes';
import type { RecordSinks } from '../output/record-sinks';
import { Rng } from '../prng';
import { MINUTE_MS, sfDateTime } from '../time';

export type BigObjectEvent = 'LoginEvent' | 'LogoutEvent' | 'LoginAsEvent' | 'ApiEvent' | 'ReportEvent';
export type ThreatObject = 'SessionHijackingEventStore' | 'CredentialStuffingEventStore' | 'ReportAnomalyEventStore' | 'ApiAnomalyEventStore';

/** A stored threat event: its record id and EventIdentifier (what labels.json points at). */
export interface ThreatRef {
  object: ThreatObject;
  id: string;
  eventIdentifier: string;
}

export interface RealtimeSinkOptions {
  records: RecordSinks;
  ids: IdFactory;
  /** The org has Event Monitoring (shield): without it there is no real-time storage at all. */
  enabled: boolean;
  window: { startMs: number; endMs: number };
  seed: string;
}

/** Drops null and undefined values: a fixture leaves out what the API would answer as null. */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

export class RealtimeSink {
  private readonly rng: Rng;
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: RealtimeSinkOptions) {
    this.rng = new Rng(`${options.seed}/realtime`);
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** A fresh identifier in the events' UUID form (ReportEvent ExecutionIdentifier …). */
  uuid(): string {
    return eventUuid(this.rng);
  }

  private inWindow(eventMs: number): boolean {
    return this.options.enabled && eventMs >= this.options.window.startMs && eventMs < this.options.window.endMs;
  }

  private count(object: string): void {
    this.counts.set(object, (this.counts.get(object) ?? 0) + 1);
  }

  /** Stores one big-object event; `fields` are the object's own (EventDate and ids are added). */
  bigObject(object: BigObjectEvent, eventMs: number, fields: Record<string, unknown>): void {
    if (!this.inWindow(eventMs)) return;
    const stored = eventMs + this.rng.int(500, 8_000);
    this.options.records.add(object, {
      Id: BIG_OBJECT_EMPTY_ID, EventDate: sfDateTime(eventMs), CreatedDate: sfDateTime(stored), EventIdentifier: eventUuid(this.rng), ...present(fields),
    });
    this.count(object);
  }

  /** Stores one Threat Detection event; returns where it is, or undefined without Event Monitoring. */
  threat(object: ThreatObject, eventMs: number, fields: Record<string, unknown>): ThreatRef | undefined {
    if (!this.inWindow(eventMs)) return undefined;
    const id = this.options.ids.next(keyPrefix(object));
    const eventIdentifier = eventUuid(this.rng);
    const created = sfDateTime(eventMs + this.rng.int(2, 9) * MINUTE_MS);
    this.options.records.add(object, {
      Id: id, EventDate: sfDateTime(eventMs), EventIdentifier: eventIdentifier, CreatedDate: created, LastModifiedDate: created, SystemModstamp: created,
      EvaluationTime: this.rng.int(1, 40), ...present(fields),
    });
    this.count(object);
    return { object, id, eventIdentifier };
  }

  /** Rows written per object. */
  written(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
