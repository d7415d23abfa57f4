/**
 * API (SOAP) event rows → api.query (reads, ROWS_PROCESSED in `rows`), file.delete or api.call
 * (Object Reference, "SOAP API Event Type"; EventType value `API`). CLIENT_NAME is the client
 * the caller set in its CallOptions header (Data Loader, Workbench …).
 */
import { soapKind } from './api-operations';
import { baseBuilder, type ElfNormalizer } from './elf-row';

export const elfApi: ElfNormalizer = {
  eventType: 'API',
  bind(col, orgId) {
    const base = baseBuilder(col, 'API', orgId);
    const c = { method: col('METHOD_NAME'), entity: col('ENTITY_NAME'), rows: col('ROWS_PROCESSED'), client: col('CLIENT_NAME') };
    return (row, timeMs) => {
      const method = row.shared(c.method);
      const entity = row.shared(c.entity);
      const activity = base(row, soapKind(method, entity), timeMs);
      if (method) activity.operation = method;
      if (entity) activity.object = entity;
      const rows = row.int(c.rows);
      if (rows !== undefined && rows >= 0) activity.rows = rows;
      const client = row.shared(c.client);
      if (client) activity.appName = client;
      return activity;
    };
  },
};
