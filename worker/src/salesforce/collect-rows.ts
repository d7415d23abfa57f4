/** Every row of a query (all pages): for small, bounded results such as the user directory. */
import type { OrgClient, QueryOptions } from './org-client';

export async function collectRows<T>(client: OrgClient, soql: string, options: QueryOptions): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of client.queryPages<T>(soql, options)) rows.push(...page);
  return rows;
}

/** `SELECT COUNT() …`: the totalSize of a count query (one call). */
export async function countRows(client: OrgClient, soql: string, options: QueryOptions): Promise<number> {
  const url = `/${options.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
  const body = await client.request<{ totalSize: number }>(options.priority, { method: 'GET', url }, 'count');
  return body.totalSize;
}
