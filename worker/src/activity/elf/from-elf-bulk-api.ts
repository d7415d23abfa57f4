/**
 * BulkApi event rows (one per batch) → api.query for query batches (ROWS_PROCESSED in `rows`),
 * file.delete or api.call (Object Reference, "Bulk API Event Type"). The job id is the record.
 */
import { bulkKind } from './api-operations';
import { baseBuilder, type ElfNormalizer } from './elf-row';
import { to18 } from './sf-id';

export const elfBulkApi: ElfNormalizer = {
  eventType: 'BulkApi',
  bind(col, orgId) {
    const base = baseBuilder(col, 'BulkApi', orgId);
    const c = { operation: col('OPERATION_TYPE'), entity: col('ENTITY_TYPE'), rows: col('ROWS_PROCESSED'), job: col('JOB_ID') };
    return (row, timeMs) => {
      const operation = row.shared(c.operation);
      const entity = row.shared(c.entity);
      const activity = base(row, bulkKind(operation, entity), timeMs);
      if (operation) activity.operation = operation;
      if (entity) activity.object = entity;
      const rows = row.int(c.rows);
      if (rows !== undefined && rows >= 0) activity.rows = rows;
      const job = to18(row.text(c.job));
      if (job) activity.recordId = job;
      return activity;
    };
  },
};
