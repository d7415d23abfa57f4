/**
 * What struck where: one record per fault applied, so a test can assert "the third query got the
 * 503, the LogFile download was cut after 65,536 bytes". Faults that did not fire leave no record.
 */
export interface FaultRecord {
  /** The n-th request the simulator received (1-based), controls under /__sim included. */
  seq: number;
  /** Simulated time of the request (ISO). */
  at: string;
  method: string;
  /** Path and query string, tokens removed. */
  path: string;
  /** The request's narrowest route tag (`query`, `log-file`, `token`, …). */
  route: string;
  /** The rule's id. */
  rule: string;
  kind: string;
  /** What exactly happened (status sent, bytes before the reset, rows touched…). */
  detail: Record<string, unknown>;
}

export class FaultLog {
  private readonly items: FaultRecord[] = [];

  /** Keeps at most `capacity` records (oldest dropped) so a long demo stays flat in memory. */
  constructor(private readonly capacity = 10_000) {}

  add(record: FaultRecord): void {
    this.items.push(record);
    if (this.items.length > this.capacity) this.items.shift();
  }

  get records(): readonly FaultRecord[] {
    return this.items;
  }

  clear(): void {
    this.items.length = 0;
  }
}
