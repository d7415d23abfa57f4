/**
 * One streaming `records/<SObject>.json` writer per object, opened on first use. Objects whose
 * rows are known only at the end (User, ContentDocument…) are written with `writeAll`.
 */
import path from 'node:path';
import { JsonArrayWriter } from './json-array-writer';

export class RecordSinks {
  private readonly writers = new Map<string, JsonArrayWriter>();

  constructor(private readonly dir: string) {}

  add(sobject: string, record: Record<string, unknown>): void {
    let writer = this.writers.get(sobject);
    if (!writer) {
      writer = new JsonArrayWriter(path.join(this.dir, 'records', `${sobject}.json`), sobject);
      this.writers.set(sobject, writer);
    }
    writer.add(record);
  }

  /** Records written per object so far. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.writers.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, w]) => [name, w.records]));
  }

  closeAll(): void {
    for (const writer of this.writers.values()) writer.close();
  }
}
