/**
 * RestApi event rows → api.query (GET, ROWS_PROCESSED in `rows`), file.delete or api.call
 * (Object Reference, "REST API Event Type"). USER_AGENT is a numeric client code there, not a
 * browser string, so it is not used as the user agent.
 */
import { restKind } from './api-operations';
import { baseBuilder, type ElfNormalizer } from './elf-row';

export const elfRestApi: ElfNormalizer = {
  eventType: 'RestApi',
  bind(col, orgId) {
    const base = baseBuilder(col, 'RestApi', orgId);
    const c = { method: col('METHOD'), entity: col('ENTITY_NAME'), rows: col('ROWS_PROCESSED'), client: col('CLIENT_NAME'), app: col('CONNECTED_APP_ID') };
    return (row, timeMs) => {
      const method = row.shared(c.method);
      const entity = row.shared(c.entity);
      const activity = base(row, restKind(method, entity), timeMs);
      if (method) activity.operation = method;
      if (entity) activity.object = entity;
      const rows = row.int(c.rows);
      if (rows !== undefined && rows >= 0) activity.rows = rows;
      const client = row.shared(c.client) || row.shared(c.app);
      if (client) activity.appName = client;
      return activity;
    };
  },
};
