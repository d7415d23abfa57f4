/**
 * Row-level de-duplication of late Sequences. Salesforce says a later Sequence of an hour holds
 * "only the new events" (REST API Developer Guide, "Query or View Hourly Event Log Files") and
 * advises consumers to be ready to de-duplicate anyway. When a file with Sequence n > 1 is read,
 * the lower Sequences of its hour are downloaded again to collect their row keys, and rows of
 * file n with a key among them are dropped as duplicates. Keys live only while file n is read:
 * nothing is stored per row beyond that.
 *
 * Row key: REQUEST_ID when the row has one; otherwise the whole row as written (TIMESTAMP and
 * every other value), so two different events of the same millisecond are never merged.
 */
import type { Logger } from '../../logger';
import { ElfCsvParser } from './csv/elf-csv-parser';
import type { CsvRow } from './csv/csv-row';
import { beforeRetry, isGone, type RetryOptions } from './download-retry';
import { fileKey, type LogFileRef } from './log-file-ref';
import type { LogFileStore } from './log-file-store';

export function rowKey(row: CsvRow, requestCol: number): string {
  return row.isEmpty(requestCol) ? `w:${row.rawKey()}` : `r:${row.text(requestCol)}`;
}

export interface KeyContext {
  store: LogFileStore;
  retry: RetryOptions;
  log: Logger;
}

/** Keys of the rows an hourly file's lower Sequences carried; undefined when there are none. */
export async function earlierRowKeys(file: LogFileRef, ctx: KeyContext): Promise<Set<string> | undefined> {
  if (file.interval !== 'Hourly' || file.sequence <= 1) return undefined;
  const earlier = await ctx.store.earlierSequences(file);
  if (earlier.length === 0) return undefined;
  const keys = new Set<string>();
  for (const other of earlier) await collectKeys(other, keys, ctx);
  ctx.log.debug({ file: fileKey(file), earlierFiles: earlier.length, keys: keys.size }, 'late Sequence: keys of the earlier Sequences collected');
  return keys;
}

async function collectKeys(file: LogFileRef, keys: Set<string>, ctx: KeyContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let requestCol = -1;
    const parser = new ElfCsvParser({
      onHeader: (columns) => void (requestCol = columns.indexOf('REQUEST_ID')),
      onRow: (row) => void keys.add(rowKey(row, requestCol)),
      onDamage: () => undefined,
    });
    try {
      for await (const chunk of await ctx.store.open(file)) parser.push(chunk);
      parser.end();
      return;
    } catch (err) {
      if (isGone(err)) return; // purged: nothing left to repeat
      // A retry re-reads the file from the start; keys already added are simply added again.
      await beforeRetry(err, attempt, ctx.retry, ctx.log, { file: fileKey(file) });
    }
  }
}
