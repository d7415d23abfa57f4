/**
 * The simulated org's records, in memory: per sObject type, by id, with soft delete (recycle bin)
 * and an undo journal so a failed all-or-none request leaves no trace.
 *
 * Records are replaced, never mutated in place, so a row a query already returned (or a journal
 * entry) keeps its old values.
 */
import { to18 } from './ids';
import type { SimSchema } from './schema/sim-schema';
import type { SimRecord } from './schema/types';

interface Entry {
  sobject: string;
  record: SimRecord;
}

export class RecordStore {
  private readonly byType = new Map<string, Map<string, SimRecord>>();
  private readonly byId = new Map<string, Entry>();
  private journal: Array<() => void> | undefined;

  constructor(readonly schema: SimSchema) {}

  private canonical(sobject: string): string {
    const def = this.schema.get(sobject);
    if (!def) throw new Error(`unknown sObject ${sobject}`);
    return def.name;
  }

  private table(sobject: string): Map<string, SimRecord> {
    let table = this.byType.get(sobject);
    if (!table) {
      table = new Map();
      this.byType.set(sobject, table);
    }
    return table;
  }

  private put(sobject: string, record: SimRecord): void {
    this.table(sobject).set(record.Id, record);
    this.byId.set(record.Id, { sobject, record });
  }

  private remove(sobject: string, id: string): void {
    this.table(sobject).delete(id);
    this.byId.delete(id);
  }

  /** Adds a record (canonical field names, `Id` set). Throws when the id is taken. */
  insert(sobject: string, record: SimRecord): SimRecord {
    const type = this.canonical(sobject);
    if (this.byId.has(record.Id)) throw new Error(`duplicate id ${record.Id}`);
    this.put(type, record);
    this.journal?.push(() => this.remove(type, record.Id));
    return record;
  }

  /** Replaces fields of an existing record; returns the new record. */
  update(id: string, changes: Record<string, unknown>): SimRecord {
    const entry = this.getEntry(id);
    if (!entry) throw new Error(`no record ${id}`);
    const updated = { ...entry.record, ...changes, Id: entry.record.Id } as SimRecord;
    this.put(entry.sobject, updated);
    this.journal?.push(() => this.put(entry.sobject, entry.record));
    return updated;
  }

  /** Removes a record for good (what revoking an OAuth grant does to its OauthToken row). */
  hardDelete(id: string): void {
    const entry = this.getEntry(id);
    if (!entry) return;
    this.remove(entry.sobject, entry.record.Id);
    this.journal?.push(() => this.put(entry.sobject, entry.record));
  }

  /** A record and its type by 15- or 18-character id. */
  getEntry(id: string): Entry | undefined {
    if (id.length !== 15 && id.length !== 18) return undefined;
    return this.byId.get(id.length === 15 ? to18(id) : id);
  }

  get(id: string): SimRecord | undefined {
    return this.getEntry(id)?.record;
  }

  /** Every stored record of a type, including soft-deleted ones. */
  all(sobject: string): SimRecord[] {
    const def = this.schema.get(sobject);
    return def ? [...(this.byType.get(def.name)?.values() ?? [])] : [];
  }

  /** Number of stored records of a type. */
  count(sobject: string): number {
    const def = this.schema.get(sobject);
    return def ? (this.byType.get(def.name)?.size ?? 0) : 0;
  }

  /**
   * Runs `work` so that it can be undone: when it throws, or when it returns `false`, every
   * change it made is rolled back. Nested calls join the outer transaction.
   */
  transaction<T>(work: () => T | false): T | false {
    if (this.journal) return work();
    const journal: Array<() => void> = [];
    this.journal = journal;
    let keep = false;
    try {
      const result = work();
      keep = result !== false;
      return result;
    } finally {
      this.journal = undefined;
      if (!keep) for (const undo of journal.reverse()) undo();
    }
  }
}
