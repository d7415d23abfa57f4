/**
 * Notable benign events the generator produced (an admin's Monday batch, a day's retention
 * clean-up, a sync client's downloads, marketing's public links, sales operations' big export,
 * the nightly API extract). Scenarios label them as look-alikes after the run: the routine
 * that a baseline-aware policy must not confuse with an attack.
 */
import type { Evidence } from './labels';
import type { SimUser } from './model';

export type JournalKind = 'admin-batch' | 'retention-cleanup' | 'sync-downloads' | 'public-links' | 'bulk-report-export' | 'nightly-extract';

export interface JournalEntry {
  kind: JournalKind;
  user: SimUser;
  day: number;
  fromMs: number;
  toMs: number;
  evidence: Evidence;
}

export class Journal {
  private readonly entries: JournalEntry[] = [];

  note(entry: JournalEntry): void {
    this.entries.push(entry);
  }

  /** The latest entry of a kind on or after `fromDay` (days after the learning period are what matter). */
  latest(kind: JournalKind, fromDay = 7): JournalEntry | undefined {
    const matching = this.entries.filter((e) => e.kind === kind && e.day >= fromDay);
    return matching[matching.length - 1];
  }
}
