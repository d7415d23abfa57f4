/**
 * CSV records as bytes, the way Salesforce writes event log files: a newline ends a record unless
 * it sits inside a double-quoted value (STACK_TRACE and report descriptions carry newlines), and a
 * quote inside a value is doubled. Works on bytes, so multi-byte UTF-8 characters are never split:
 * `"` and `\n` never occur inside one.
 */
import { createReadStream } from 'node:fs';

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export class CsvRecordSplitter {
  private inQuotes = false;
  private pending: Buffer[] = [];

  /** Feeds bytes; calls `emit` with each complete record, its newline included. */
  push(chunk: Buffer, emit: (record: Buffer) => void): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) this.inQuotes = !this.inQuotes;
      else if (byte === NEWLINE && !this.inQuotes) {
        this.pending.push(chunk.subarray(start, i + 1));
        emit(Buffer.concat(this.pending));
        this.pending = [];
        start = i + 1;
      }
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** Emits what is left (a last record without a newline). */
  end(emit: (record: Buffer) => void): void {
    if (this.pending.length) emit(Buffer.concat(this.pending));
    this.pending = [];
  }
}

/** Records in a file (header included), read as a stream: a first pass before corrupting it. */
export async function countCsvRecords(file: string): Promise<number> {
  const splitter = new CsvRecordSplitter();
  let count = 0;
  for await (const chunk of createReadStream(file)) splitter.push(chunk as Buffer, () => (count += 1));
  splitter.end(() => (count += 1));
  return count;
}

/** A record split into its raw fields (quotes kept) and its line ending. */
export function splitFields(record: string): { fields: string[]; eol: string } {
  const eol = /\r?\n$/.exec(record)?.[0] ?? '';
  const body = record.slice(0, record.length - eol.length);
  const fields: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ',' && !inQuotes) {
      fields.push(body.slice(start, i));
      start = i + 1;
    }
  }
  fields.push(body.slice(start));
  return { fields, eol };
}
